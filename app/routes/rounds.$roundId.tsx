import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { acceptsProposals, resultsArePublished, votingHasClosed, votingIsOpen } from "~/rounds/phases";
import { languageAttributes } from "~/i18n/config";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser, requireUser } from "~/auth/guard.server";
import { can, offers } from "~/auth/permissions";
import { db } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { hasPanel, panelViewer } from "~/panel/panel.server";
import { RoundFacts } from "~/rounds/components/RoundSummary";
import { Timeline } from "~/rounds/components/Timeline";
import { roundById } from "~/rounds/rounds.server";
import { FollowBox } from "~/notifications/components/FollowBox";
import { isFollowingRound } from "~/notifications/follows.server";
import { followAction } from "~/notifications/http.server";
import { readFormData } from "~/http/read-form.server";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { metaLocale, pageTitle } from "~/http/meta";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = {
  i18n: ["rounds", "proposals", "panel", "voting", "results", "notifications"],
  sameForEveryVisitor: true,
};

export const meta: MetaFunction<typeof loader> = (args) => {
  const round = args.data?.round;
  const text = round ? pickLocalized(round.translations, metaLocale(args), round.originalLocale) : null;
  return pageTitle(args, "rounds:untitled", text?.text.title);
};

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const [viewer, panelReport] = await Promise.all([
    user && round.hasReview ? panelViewer(db(), user, round.id) : null,
    round.hasReview ? hasPanel(db(), round.id) : false,
  ]);
  // Only a logged-in reader's page asks (visitors' pages are shared and cached).
  const following = user ? await isFollowingRound(db(), user.id, round.id) : null;
  return { round, canManage: can(user, "round:manage"), mayPropose: offers(user, "proposal:create"), panelWorkspace: !!viewer, panelReport, following };
}

/** The follow button. */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: false }));
  return followAction(user, { roundId: round.id }, await readFormData(args.request));
}

export default function RoundPage() {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  const { round, canManage, mayPropose, panelWorkspace, panelReport, following } = useLoaderData<typeof loader>();
  const text = pickLocalized(round.translations, locale, round.originalLocale);
  return (
    <article className="stack" aria-labelledby="round-title">
      <header>
        <p className="muted">
          <Link to={`/n/${round.neighbourhood.slug}`}>
            <bdi>{round.neighbourhood.name}</bdi>
          </Link>{" "}
          · <bdi>{round.neighbourhood.city}</bdi>
        </p>
        <h1 id="round-title" {...languageAttributes(text?.locale)}>
          {text?.text.title ?? t("untitled")}
        </h1>
        {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
        {canManage ? (
          <p>
            <Link to={`/staff/rounds/${round.id}`} className="button button-secondary">
              {t("manageRound")}
            </Link>
          </p>
        ) : null}
      </header>
      {following !== null && round.phase !== "DRAFT" ? <FollowBox what="round" following={following} /> : null}
      <RoundFacts round={round} locale={locale} large />
      {round.importedFrom ? <p className="alert alert-info">{t("results:staff.imported", { file: round.importedFrom })}</p> : null}
      <p className="button-row">
        <Link to={`/rounds/${round.id}/proposals`} className="button button-secondary">
          {t("proposals:roundLinks.proposals")}
        </Link>
        {panelReport ? <Link to={`/rounds/${round.id}/panel`}>{t("panel:report.title")}</Link> : null}
        {panelWorkspace ? (
          <Link to={`/panel/${round.id}`} className="button">
            {t("panel:board.title")}
          </Link>
        ) : null}
        {votingIsOpen(round.phase) && !round.importedFrom ? (
          <Link to={`/vote/${round.id}`} className="button">
            {t("voting:ballot.title")}
          </Link>
        ) : null}
        {resultsArePublished(round.phase) ? (
          <Link to={`/rounds/${round.id}/results`} className="button">
            {t("staff.results")}
          </Link>
        ) : null}
        {votingIsOpen(round.phase) || votingHasClosed(round.phase) ? <Link to="/receipts">{t("voting:receipt.title")}</Link> : null}
        {acceptsProposals(round.phase) && mayPropose ? (
          <Link to={`/rounds/${round.id}/proposals/new`} className="button">
            {t("proposals:roundLinks.submit")}
          </Link>
        ) : null}
      </p>
      {text ? <Paragraphs text={text.text.description} locale={text.locale} /> : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("timeline.title")}</h2>
        <p className="muted">{t("timeline.note")}</p>
        <Timeline round={round} locale={locale} />
      </section>
      <p className="muted">
        <a href={`/rounds/${round.id}/data.json`} type="application/json">
          {t("openData.link")}
        </a>{" "}
        {t("openData.hint")}
      </p>
    </article>
  );
}
