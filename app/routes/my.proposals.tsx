import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { myProposals } from "~/proposals/proposals.server";
import { formatMoney } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals"] };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:my.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposal:read-own");
  return { proposals: await myProposals(db(), user.id) };
}

export default function MyProposalsPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const { proposals } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="stack" aria-labelledby="my-title">
      <h1 id="my-title">{t("my.title")}</h1>
      {params.get("left") ? (
        <p className="alert alert-success" role="status">
          {t("people.left")}
        </p>
      ) : null}
      {proposals.length === 0 ? (
        <p className="empty-state">{t("my.empty")}</p>
      ) : (
        <ul className="card-list">
          {proposals.map((proposal) => {
            const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
            const round = pickLocalized(proposal.round.translations, locale, proposal.round.originalLocale);
            return (
              <li key={proposal.id} className="card">
                <h2 className="card-title" {...languageAttributes(text?.locale)}>
                  <Link to={`/proposals/${proposal.id}`}>
                    {proposal.number ? `#${proposal.number} ` : ""}
                    {text?.text.title ?? t("untitled")}
                  </Link>
                </h2>
                <p>
                  <StatusBadge status={proposal.status} />
                </p>
                <p className="muted">
                  <span {...languageAttributes(round?.locale)}>{round?.text.title}</span> · <bdi>{proposal.round.neighbourhood.name}</bdi> ·{" "}
                  {formatMoney(proposal.requestedCents, locale)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
