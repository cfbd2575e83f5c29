import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import type { SharedPageHandle } from "~/http/shared-pages";
import { languageAttributes } from "~/i18n/config";
import { localizedName, pickLocalized } from "~/i18n/content";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { ProposalFilters } from "~/proposals/components/ProposalFilters";
import { ProposalsMap } from "~/proposals/components/ProposalsMap";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { mapSettings } from "~/proposals/map";
import { mapPointsOf, roundBoundary } from "~/proposals/map-points.server";
import { filteredRoundProposals } from "~/proposals/list.server";
import { roundById } from "~/rounds/rounds.server";
import { useHydrated } from "~/ui/useHydrated";
import { useLocale } from "~/ui/useLocale";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["proposals", "map"], sameForEveryVisitor: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "map:title");

/** A round's public proposals on a map, with the same filters as the list, and the list beside it. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const [{ filters, filtered, categories, proposals }, boundary] = await Promise.all([
    filteredRoundProposals(db(), round.id, new URL(args.request.url).searchParams),
    roundBoundary(db(), round.id),
  ]);
  const points = await mapPointsOf(
    db(),
    proposals.map((proposal) => proposal.id),
  );
  return {
    round: { id: round.id, translations: round.translations, originalLocale: round.originalLocale },
    filters,
    filtered,
    categories,
    proposals: proposals.map((proposal) => ({ ...proposal, point: points[proposal.id] ?? null })),
    boundary,
    map: mapSettings(),
  };
}

export default function ProposalMapPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const hydrated = useHydrated();
  const { search } = useLocation();
  const { round, filters, filtered, categories, proposals, boundary, map } = useLoaderData<typeof loader>();
  const shown = proposals.map((proposal) => ({ proposal, text: pickLocalized(proposal.texts, locale, proposal.originalLocale) }));
  const label = (number: number | null, title: string | undefined, hidden: boolean) =>
    `#${number} ${hidden ? t("common:content.hiddenByModeration") : (title ?? t("untitled"))}`;
  const markers = useMemo(
    () =>
      shown.flatMap(({ proposal, text }) =>
        proposal.point ? [{ id: proposal.id, ...proposal.point, label: label(proposal.number, text?.text.title, false) }] : [],
      ),
    // The markers change with the data and the reader's language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [proposals, locale],
  );
  const onMap = markers.length;
  return (
    <section className="stack" aria-labelledby="map-title">
      <p className="muted">
        <RoundTitleLink round={round} to={`/rounds/${round.id}`} />
      </p>
      <div className="row-between">
        <h1 id="map-title">{t("map:title")}</h1>
        <Link to={`/rounds/${round.id}/proposals${search}`}>{t("map:listLink")}</Link>
      </div>
      <ProposalFilters filters={filters} categories={categories} />
      <p role="status">
        {t("list.count", { count: proposals.length })} {proposals.length > 0 ? t("map:onMap", { count: onMap }) : null}
      </p>
      {proposals.length === 0 ? (
        <p className="empty-state">{filtered ? t("list.emptyFiltered") : t("list.empty")}</p>
      ) : (
        <div className="map-and-list">
          {hydrated && (onMap > 0 || boundary) ? (
            <ProposalsMap boundary={boundary} map={map} proposals={markers} label={t("map:region")} describedBy="map-list-note" />
          ) : null}
          <div className="stack">
            <p className="muted" id="map-list-note">
              {t("map:listNote")}
            </p>
            <ul className="plain-list stack">
              {shown.map(({ proposal, text }) => (
                <li key={proposal.id}>
                  <Link to={`/proposals/${proposal.id}`} {...languageAttributes(text?.locale)}>
                    {label(proposal.number, text?.text.title, proposal.hiddenAt !== null)}
                  </Link>{" "}
                  <StatusBadge status={proposal.status} />
                  {proposal.category ? <span className="muted"> · {localizedName(proposal.category.names, locale)}</span> : null}
                  {proposal.point ? null : <span className="muted"> · {t("map:notOnMap")}</span>}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
