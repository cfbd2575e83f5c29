import { numberFormat } from "~/kernel/intl";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { INTL_LOCALES, languageAttributes, type Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { formatNumber } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { formatAmount } from "../amounts";
import { rankedProjects, voterShares, type OutcomeChanges, type RoundOutcome } from "../outcome";

/** Titles of the projects of an outcome, every language (as stored.server.ts loads them). */
export type TextsById = Record<
  string,
  {
    status: string;
    originalLocale: string;
    withdrawnReasonLocale?: Locale | null;
    texts: { locale: string; title: string }[];
    /** Hidden by moderation (decision 0036): shown by number, as hidden. */
    hidden?: boolean;
  }
>;

export function ProjectTitle({
  texts,
  proposalId,
  number,
  locale,
  link = true,
}: {
  texts: TextsById;
  proposalId: string;
  number: number;
  locale: Locale;
  link?: boolean;
}) {
  const { t } = useTranslation();
  const entry = texts[proposalId];
  const text = entry ? pickLocalized(entry.texts, locale, entry.originalLocale) : null;
  const content = (
    <>
      <span className="proposal-number">#{number}</span>{" "}
      {entry?.hidden ? t("content.hiddenByModeration") : <span {...languageAttributes(text?.locale)}>{text?.text.title}</span>}
    </>
  );
  return link ? <Link to={`/proposals/${proposalId}`}>{content}</Link> : content;
}

function formatPercent(value: number, locale: Locale): string {
  return numberFormat(INTL_LOCALES[locale], { style: "percent", maximumFractionDigits: 1 }).format(value);
}

function formatScore(score: string, locale: Locale): string {
  return numberFormat(INTL_LOCALES[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(score));
}

/** Turnout, budget used and left. */
export function OutcomeFacts({
  outcome,
  eligible,
  currency,
  locale,
}: {
  outcome: RoundOutcome;
  eligible: { count: number; kind: "codes" | "voters" };
  currency: string;
  locale: Locale;
}) {
  const { t } = useTranslation("results");
  return (
    <dl className="facts facts-large">
      <div>
        <dt>{t("facts.ballots")}</dt>
        <dd>
          {formatNumber(outcome.voters, locale)}
          <span className="muted results-fact-detail">
            {t("facts.channels", { online: formatNumber(outcome.online, locale), paper: formatNumber(outcome.paper, locale) })}
          </span>
        </dd>
      </div>
      {eligible.count > 0 ? (
        <div>
          <dt>{t("facts.turnout")}</dt>
          <dd>
            {formatPercent(outcome.voters / eligible.count, locale)}
            <span className="muted results-fact-detail">
              {eligible.kind === "codes"
                ? t("facts.ofCodes", { codes: formatNumber(eligible.count, locale) })
                : t("facts.ofVoters", { voters: formatNumber(eligible.count, locale) })}
            </span>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t("facts.budget")}</dt>
        <dd>{formatAmount(outcome.budgetCents, locale, currency)}</dd>
      </div>
      <div>
        <dt>{t("facts.spent")}</dt>
        <dd>{formatAmount(outcome.spentCents, locale, currency)}</dd>
      </div>
      <div>
        <dt>{t("facts.left")}</dt>
        <dd>{formatAmount(outcome.budgetCents - outcome.spentCents, locale, currency)}</dd>
      </div>
    </dl>
  );
}

/** The rule in plain words, how ballots count, and the tie-break. */
export function RuleExplanation({ outcome, currency, locale }: { outcome: RoundOutcome; currency: string; locale: Locale }) {
  const { t } = useTranslation("results");
  const shares = voterShares(outcome);
  return (
    <div className="stack results-rule">
      <p>
        <strong>{t(`ruleNames.${outcome.rule}`)}.</strong> {t(`rules.${outcome.rule}`, { percent: outcome.panelWeightPercent ?? 0 })}
      </p>
      <p>{t(outcome.kind === "cumulative" ? "rules.supportCumulative" : "rules.supportApproval")}</p>
      {shares ? (
        <p>{t("rules.sharesRaised", { start: formatAmount(shares.startCents, locale, currency), final: formatAmount(shares.finalCents, locale, currency) })}</p>
      ) : null}
      <p className="muted">{t(outcome.rule === "weighted" ? "rules.tieBreakWeighted" : "rules.tieBreak")}</p>
    </div>
  );
}

/** Bars of support per project. Decoration only: the table is the content (the caption says so). */
export function SupportChart({ outcome, texts, locale }: { outcome: RoundOutcome; texts: TextsById; locale: Locale }) {
  const { t } = useTranslation("results");
  const projects = rankedProjects(outcome);
  const highest = Math.max(1, ...projects.map((project) => project.support));
  return (
    <figure className="results-chart" aria-labelledby="results-chart-caption">
      <figcaption id="results-chart-caption">{t(outcome.kind === "cumulative" ? "chart.captionPoints" : "chart.caption")}</figcaption>
      <ol className="results-bars" aria-hidden="true">
        {projects.map((project) => (
          <li key={project.proposalId} className={project.funded ? "results-bar results-bar-funded" : "results-bar"}>
            <span className="results-bar-label">
              <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} link={false} />
            </span>
            <span className="results-bar-track">
              <span className="results-bar-fill" style={{ inlineSize: `${(project.support / highest) * 100}%` }} />
            </span>
            <span className="results-bar-value">
              {formatNumber(project.support, locale)}
              {project.funded ? ` · ${t("table.funded")}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** Every project: support, cost, funded or not (the result's real content). */
export function ProjectsTable({
  outcome,
  texts,
  locale,
  currency,
  caption,
  fileSelected,
}: {
  outcome: RoundOutcome;
  texts: TextsById;
  locale: Locale;
  currency: string;
  caption: string;
  /** Imported rounds: what the file itself says was selected, per proposal id. */
  fileSelected?: Record<string, boolean | null>;
}) {
  const { t } = useTranslation("results");
  const weighted = outcome.rule === "weighted";
  return (
    <div className="table-wrap">
      <table className="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.project")}</th>
            <th scope="col" className="numeric">
              {t(outcome.kind === "cumulative" ? "table.points" : "table.votes")}
            </th>
            {weighted ? (
              <th scope="col" className="numeric">
                {t("table.weightedScore")}
              </th>
            ) : null}
            <th scope="col" className="numeric">
              {t("table.cost")}
            </th>
            <th scope="col">{t("table.result")}</th>
            {fileSelected ? <th scope="col">{t("table.fileSelected")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rankedProjects(outcome).map((project) => {
            const inFile = fileSelected?.[project.proposalId];
            return (
              <tr key={project.proposalId}>
                <th scope="row">
                  <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} />
                </th>
                <td className="numeric">{formatNumber(project.support, locale)}</td>
                {weighted ? <td className="numeric">{project.weightedScore ? formatScore(project.weightedScore, locale) : "–"}</td> : null}
                <td className="numeric">{formatAmount(project.costCents, locale, currency)}</td>
                <td>
                  {project.funded ? (
                    <span className="phase-badge status-funded">{t("table.fundedOrder", { order: project.fundedOrder })}</span>
                  ) : (
                    <span className="phase-badge status-not_funded">{t("table.notFunded")}</span>
                  )}
                </td>
                {fileSelected ? (
                  <td>
                    {inFile === null || inFile === undefined ? "–" : t(inFile ? "table.yes" : "table.no")}
                    {inFile !== null && inFile !== undefined && inFile !== project.funded ? <strong> · {t("table.differs")}</strong> : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What a recount changed against the result before it, and the projects withdrawn so far. */
export function OutcomeChangesView({
  changes,
  outcome,
  texts,
  locale,
  currency,
}: {
  changes: OutcomeChanges | null;
  outcome: RoundOutcome;
  texts: TextsById;
  locale: Locale;
  currency: string;
}) {
  const { t } = useTranslation("results");
  if (!outcome.withdrawn.length) return null;
  const numberOf = new Map(outcome.projects.map((project) => [project.proposalId, project.number]));
  return (
    <section className="card" aria-labelledby="results-changes-title">
      <h2 id="results-changes-title">{t("changes.title")}</h2>
      {changes ? (
        <ul className="plain-list stack">
          {changes.withdrawn.map((project) => (
            <li key={project.proposalId}>
              {t("changes.withdrawnNow")} <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} /> (
              {formatAmount(project.costCents, locale, currency)}). {t("changes.reason")}{" "}
              <WithdrawnReason reason={project.reason} locale={texts[project.proposalId]?.withdrawnReasonLocale} />
            </li>
          ))}
          {changes.newlyFunded.length ? (
            <li>
              {t("changes.newlyFunded")}{" "}
              {changes.newlyFunded.map((id, index) => (
                <span key={id}>
                  {index ? ", " : ""}
                  <ProjectTitle texts={texts} proposalId={id} number={numberOf.get(id) ?? 0} locale={locale} />
                </span>
              ))}
            </li>
          ) : (
            <li>{t("changes.noneFunded")}</li>
          )}
          {changes.noLongerFunded.length ? (
            <li>
              {t("changes.noLongerFunded")}{" "}
              {changes.noLongerFunded.map((id, index) => (
                <span key={id}>
                  {index ? ", " : ""}
                  <ProjectTitle texts={texts} proposalId={id} number={numberOf.get(id) ?? 0} locale={locale} />
                </span>
              ))}
            </li>
          ) : null}
        </ul>
      ) : null}
      {outcome.withdrawn.length > (changes?.withdrawn.length ?? 0) ? (
        <>
          <h3>{t("changes.allWithdrawn")}</h3>
          <ul className="plain-list">
            {outcome.withdrawn.map((project) => (
              <li key={project.proposalId}>
                <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} /> —{" "}
                <WithdrawnReason reason={project.reason} locale={texts[project.proposalId]?.withdrawnReasonLocale} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Staff's reason for withdrawing a project, in the language they wrote it in. */
function WithdrawnReason({ reason, locale }: { reason: string; locale: Locale | null | undefined }) {
  return (
    <>
      <bdi {...languageAttributes(locale)}>{reason}</bdi>
      <LanguageNote locale={locale ?? null} />
    </>
  );
}
