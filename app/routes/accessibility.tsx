import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contactEmail, OMBUDSMAN, STATEMENT_REVIEWED_ON } from "~/accessibility/statement";
import { pageTitle } from "~/http/meta";
import type { SharedPageHandle } from "~/http/shared-pages";
import { formatDay } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["accessibility"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "accessibility:title");

/** The accessibility statement: public, the same for everyone; the contact address comes from CONTACT_EMAIL. */
export async function loader() {
  return { contact: contactEmail(), reviewedOn: STATEMENT_REVIEWED_ON };
}

export default function AccessibilityStatement() {
  const { t } = useTranslation("accessibility");
  const locale = useLocale();
  const { contact, reviewedOn } = useLoaderData<typeof loader>();
  return (
    <article className="narrow stack" aria-labelledby="accessibility-title">
      <h1 id="accessibility-title">{t("title")}</h1>
      <p>{t("intro")}</p>

      <section className="stack" aria-labelledby="accessibility-status">
        <h2 id="accessibility-status">{t("status.heading")}</h2>
        <p>{t("status.body")}</p>
      </section>

      <section className="stack" aria-labelledby="accessibility-tested">
        <h2 id="accessibility-tested">{t("tested.heading")}</h2>
        <ul>
          <li>{t("tested.automated")}</li>
          <li>{t("tested.keyboard")}</li>
          <li>{t("tested.manual")}</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="accessibility-limits">
        <h2 id="accessibility-limits">{t("limits.heading")}</h2>
        <ul>
          <li>{t("limits.map")}</li>
          <li>{t("limits.userContent")}</li>
          <li>{t("limits.documents")}</li>
          <li>{t("limits.automated")}</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="accessibility-review">
        <h2 id="accessibility-review">{t("review.heading")}</h2>
        <p>{t("review.body", { date: formatDay(reviewedOn, locale) })}</p>
      </section>

      <section className="stack" aria-labelledby="accessibility-feedback">
        <h2 id="accessibility-feedback">{t("feedback.heading")}</h2>
        <p>{t("feedback.body")}</p>
        {contact ? (
          <p>
            {t("feedback.email")}{" "}
            <bdi>
              <a href={`mailto:${contact}`}>{contact}</a>
            </bdi>
          </p>
        ) : (
          <p>{t("feedback.noAddress")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="accessibility-enforcement">
        <h2 id="accessibility-enforcement">{t("enforcement.heading")}</h2>
        <p>{t("enforcement.body")}</p>
        {/* Dutch names and an address in any page's language: isolated, so Arabic keeps their order. */}
        <address>
          <bdi lang="nl">{OMBUDSMAN.name}</bdi>
          <br />
          <bdi lang="nl">{OMBUDSMAN.address}</bdi>
          <br />
          <bdi>{OMBUDSMAN.website}</bdi>
        </address>
      </section>
    </article>
  );
}
