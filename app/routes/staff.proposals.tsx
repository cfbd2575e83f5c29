import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { feasibilityQueue } from "~/proposals/proposals.server";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals"] };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:queue.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "proposal:review");
  return { proposals: await feasibilityQueue(db()) };
}

export default function FeasibilityQueuePage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const { proposals } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="queue-title">
      <h1 id="queue-title">{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      {proposals.length === 0 ? (
        <p className="empty-state">{t("queue.empty")}</p>
      ) : (
        <ul className="card-list">
          {proposals.map((proposal) => {
            const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
            const round = pickLocalized(proposal.round.translations, locale, proposal.round.originalLocale);
            return (
              <li key={proposal.id} className="card">
                <h2 className="card-title" {...languageAttributes(text?.locale)}>
                  <Link to={`/proposals/${proposal.id}`}>
                    #{proposal.number} {text?.text.title}
                  </Link>
                </h2>
                <p className="muted">
                  <span {...languageAttributes(round?.locale)}>{round?.text.title}</span> · <bdi>{proposal.round.neighbourhood.name}</bdi>
                </p>
                <p>
                  {formatMoney(proposal.requestedCents, locale)} ·{" "}
                  {proposal.submittedAt ? t("queue.submittedAt", { date: formatDateTime(proposal.submittedAt, locale) }) : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
