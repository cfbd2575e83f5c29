import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { originalLanguagesOf, pickLocalized, pickName } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { hiddenProposals } from "~/moderation/hidden.server";
import { withHiddenNotes } from "~/moderation/hidden";
import { panelReport } from "~/panel/panel.server";
import { awaitsPanelDecision, scoresArePublic } from "~/panel/policy";
import { formatPanelScore, rankByPanelScore } from "~/panel/scores";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { roundById } from "~/rounds/rounds.server";
import { Paragraphs } from "~/ui/Paragraphs";
import { pageTitle } from "~/http/meta";
import { idParam, notFound, notFoundUnless } from "~/http/answer.server";
import { refusalPage } from "~/http/refusal-page";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals", "panel"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:report.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  if (!round.hasReview) throw notFound();
  const withScores = scoresArePublic(round.phase);
  const report = await panelReport(db(), round.id, { withScores });
  // No member appointed: there is no panel, so no report ("the panel has 0 members" says nothing).
  if (report.memberCount === 0) throw refusalPage(404, "panel:report.noPanel");
  const locale = await localeFor(args.request, args.context);
  // Only aggregates leave the server, formatted; individual scores are never part of the report.
  const ranked = rankByPanelScore(report.rows).map(({ score, ...row }) => ({ ...row, scoreText: score ? formatPanelScore(score, locale) : null }));
  // The same page for every visitor: a proposal hidden by moderation is named by its number and the note, also for staff (decision 0036).
  const shown = withHiddenNotes(
    ranked,
    await hiddenProposals(
      db(),
      ranked.map((row) => row.id),
    ),
    false,
  );
  return {
    round: { id: round.id, phase: round.phase, translations: round.translations, originalLocale: round.originalLocale },
    withScores,
    mode: report.settings.mode,
    weightPercent: report.settings.weightPercent,
    scale: { min: report.settings.scaleMin, max: report.settings.scaleMax },
    criteria: report.criteria.map((criterion) => ({
      id: criterion.id,
      names: criterion.names,
      explanations: criterion.explanations,
      weight: criterion.weight,
    })),
    memberCount: report.memberCount,
    namedMembers: report.namedMembers,
    rows: withScores ? shown : shown.sort((a, b) => a.number - b.number),
  };
}

export default function PanelReportPage() {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const { round, withScores, mode, weightPercent, scale, criteria, memberCount, namedMembers, rows } = useLoaderData<typeof loader>();
  const roundText = pickLocalized(round.translations, locale, round.originalLocale);
  const totalWeight = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  return (
    <article className="stack" aria-labelledby="report-title">
      <p>
        <Link to={`/rounds/${round.id}`} {...languageAttributes(roundText?.locale)}>
          {roundText?.text.title}
        </Link>
      </p>
      <h1 id="report-title">{t("report.title")}</h1>
      <p>{mode === "WEIGHTED" ? t("modes.WEIGHTEDReport", { percent: weightPercent }) : t("modes.SHORTLISTExplained")}</p>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("report.members")}</h2>
        <p>{t("report.memberCount", { count: memberCount })}</p>
        {namedMembers.length ? (
          <ul className="plain-list">
            {namedMembers.map((member, index) => (
              <li key={index}>
                <bdi>{member.name}</bdi>
                {member.isChair ? ` (${t("chair")})` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        {memberCount > namedMembers.length ? <p className="muted">{t("report.unnamed", { count: memberCount - namedMembers.length })}</p> : null}
      </section>

      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t("report.criteria")}</h2>
        {criteria.length === 0 ? (
          <p className="empty-state">{t("setup.noCriteria")}</p>
        ) : (
          <>
            <p>{t("report.scale", { min: scale.min, max: scale.max })}</p>
            <ul className="plain-list">
              {criteria.map((criterion) => {
                const name = pickName(criterion.names, locale);
                const explanation = pickName(criterion.explanations, locale);
                return (
                  <li key={criterion.id}>
                    <strong {...languageAttributes(name?.locale)}>{name?.text}</strong> —{" "}
                    {t("setup.weightShare", { weight: criterion.weight, percent: Math.round((criterion.weight / totalWeight) * 100) })}
                    {explanation ? (
                      <p className="muted" {...languageAttributes(explanation.locale)}>
                        {explanation.text}
                      </p>
                    ) : null}
                    {originalLanguagesOf(name, explanation).map((original) => (
                      <LanguageNote key={original} locale={original} />
                    ))}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">{t("report.outcome")}</h2>
        {!withScores ? <p className="alert alert-info">{t("report.scoresLater")}</p> : null}
        {rows.length === 0 ? (
          <p className="empty-state">{t("report.noProposals")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("report.outcome")}</caption>
              <thead>
                <tr>
                  {withScores ? <th scope="col">{t("report.rank")}</th> : null}
                  <th scope="col">{t("board.proposal")}</th>
                  {withScores ? <th scope="col">{t("report.score", { max: scale.max })}</th> : null}
                  <th scope="col">{t("board.decision")}</th>
                  <th scope="col">{t("decision.rationale")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const text = pickLocalized(row.texts, locale, row.originalLocale);
                  return (
                    <tr key={row.id}>
                      {withScores ? <td className="numeric">{row.rank ?? "–"}</td> : null}
                      <th scope="row">
                        <Link to={`/proposals/${row.id}`}>
                          #{row.number}{" "}
                          {row.hidden ? t("common:content.hiddenByModeration") : <span {...languageAttributes(text?.locale)}>{text?.text.title}</span>}
                        </Link>
                        {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
                      </th>
                      {withScores ? (
                        <td className="numeric">
                          {row.scoreText
                            ? t("report.scoreValue", { score: row.scoreText, count: row.counted ?? 0 })
                            : row.counted === 1
                              ? t("report.withheld")
                              : t("noScore")}
                        </td>
                      ) : null}
                      <td>{awaitsPanelDecision(row.status) ? <span className="muted">{t("report.undecided")}</span> : <StatusBadge status={row.status} />}</td>
                      <td>
                        {row.rationale ? (
                          <>
                            <Paragraphs text={row.rationale} locale={row.rationaleLocale} />
                            <LanguageNote locale={row.rationaleLocale} />
                          </>
                        ) : (
                          "–"
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
