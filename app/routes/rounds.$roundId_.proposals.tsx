import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { acceptsProposals } from "~/rounds/phases";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can, offers } from "~/auth/permissions";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { localizedName, pickLocalized } from "~/i18n/content";
import { ProposalFilters } from "~/proposals/components/ProposalFilters";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { filteredRoundProposals } from "~/proposals/list.server";
import { roundById } from "~/rounds/rounds.server";
import { formatMoney } from "~/i18n/format";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["proposals"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:list.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const { filters, filtered, categories, proposals } = await filteredRoundProposals(db(), round.id, new URL(args.request.url).searchParams);
  return {
    round: { id: round.id, phase: round.phase, translations: round.translations, originalLocale: round.originalLocale },
    filters,
    filtered,
    categories,
    proposals,
    mayPropose: acceptsProposals(round.phase) && offers(user, "proposal:create"),
  };
}

export default function ProposalListPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const { round, filters, filtered, categories, proposals, mayPropose } = useLoaderData<typeof loader>();
  // The map shows the same selection.
  const { search } = useLocation();
  return (
    <section className="stack" aria-labelledby="list-title">
      <p className="muted">
        <RoundTitleLink round={round} to={`/rounds/${round.id}`} />
      </p>
      <div className="row-between">
        <h1 id="list-title">{t("list.title")}</h1>
        {mayPropose ? (
          <Link to={`/rounds/${round.id}/proposals/new`} className="button">
            {t("list.new")}
          </Link>
        ) : null}
      </div>
      <ProposalFilters filters={filters} categories={categories} />
      <p>
        <Link to={`/rounds/${round.id}/map${search}`}>{t("list.mapLink")}</Link>
      </p>
      <p role="status">{t("list.count", { count: proposals.length })}</p>
      {proposals.length === 0 ? (
        <p className="empty-state">{filtered ? t("list.emptyFiltered") : t("list.empty")}</p>
      ) : (
        <ul className="card-list">
          {proposals.map((proposal) => {
            const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
            return (
              <li key={proposal.id} className="card">
                <h2 className="card-title" {...languageAttributes(text?.locale)}>
                  <Link to={`/proposals/${proposal.id}`}>
                    #{proposal.number} {proposal.hiddenAt ? t("common:content.hiddenByModeration") : (text?.text.title ?? t("untitled"))}
                  </Link>
                </h2>
                {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
                <p>
                  <StatusBadge status={proposal.status} />
                  {proposal.category ? <span className="muted"> · {localizedName(proposal.category.names, locale)}</span> : null}
                </p>
                {text?.text.summary ? <p {...languageAttributes(text.locale)}>{text.text.summary}</p> : null}
                <p className="muted">{t("list.requested", { amount: formatMoney(proposal.cityCostCents ?? proposal.requestedCents, locale) })}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
