import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contactEmail } from "~/accessibility/statement";
import { pageTitle } from "~/http/meta";
import type { SharedPageHandle } from "~/http/shared-pages";
import { formatPeriod } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { controllerName } from "~/privacy/controller";
import { RETENTION } from "~/privacy/retention";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["privacy"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "privacy:title");

/** The privacy page: public, the same for everyone; who is responsible and whom to write to come from the settings. */
export async function loader() {
  return { controller: controllerName(), contact: contactEmail(), retention: RETENTION.map(({ key, days }) => ({ key, days })) };
}

export default function PrivacyPage() {
  const { t } = useTranslation("privacy");
  const locale = useLocale();
  const { controller, contact, retention } = useLoaderData<typeof loader>();
  return (
    <article className="narrow stack" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t("title")}</h1>
      <p>{t("intro")}</p>

      <section className="stack" aria-labelledby="privacy-controller">
        <h2 id="privacy-controller">{t("controller.heading")}</h2>
        <p>{controller ? t("controller.named", { controller }) : t("controller.unnamed")}</p>
      </section>

      <section className="stack" aria-labelledby="privacy-kept">
        <h2 id="privacy-kept">{t("kept.heading")}</h2>
        <ul>
          <li>{t("kept.account")}</li>
          <li>{t("kept.proposals")}</li>
          <li>{t("kept.events")}</li>
          <li>{t("kept.panel")}</li>
          <li>{t("kept.voting")}</li>
          <li>{t("kept.mail")}</li>
          <li>{t("kept.audit")}</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t("retention.heading")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("retention.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("retention.what")}</th>
                <th scope="col">{t("retention.howLong")}</th>
              </tr>
            </thead>
            <tbody>
              {retention.map(({ key, days }) => (
                <tr key={key}>
                  <th scope="row">{t(`retention.rows.${key}.what`)}</th>
                  <td>{t(`retention.rows.${key}.howLong`, { period: formatPeriod(days, locale) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t("retention.hourly")}</p>
        <p>{t("retention.account")}</p>
      </section>

      <section className="stack" aria-labelledby="privacy-seen">
        <h2 id="privacy-seen">{t("seen.heading")}</h2>
        <ul>
          <li>{t("seen.public")}</li>
          <li>{t("seen.staff")}</li>
          <li>{t("seen.panel")}</li>
          <li>{t("seen.nobody")}</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t("rights.heading")}</h2>
        <p>{t("rights.body")}</p>
        {contact ? (
          <p>
            {t("rights.email")}{" "}
            <bdi>
              <a href={`mailto:${contact}`}>{contact}</a>
            </bdi>
          </p>
        ) : (
          <p>{t("rights.noAddress")}</p>
        )}
        <p>{t("rights.complaint")}</p>
      </section>
    </article>
  );
}
