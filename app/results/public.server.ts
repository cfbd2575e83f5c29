// The public result of a round and its downloads (CSV, Pabulib .pb): the latest published version.
import type { Db, Tx } from "~/db.server";
import { INTL_LOCALES, type Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { fixedT } from "~/i18n/i18n.server";
import { resultsCsv, type CsvRow } from "./csv";
import { rankedProjects } from "./outcome";
import { writePabulib } from "./pabulib";
import { resultsPabulibFile } from "./pabulib-mapping";
import { downloadName, resultsSpreadsheet, type DownloadName } from "./spreadsheet";
import { eligibleVoters, idsOf, importSource, projectTexts, publishedVersions, type ProjectTexts } from "./stored.server";

/**
 * The public result: the latest published version, the one before it (to show what changed), the
 * turnout's denominator and the projects' titles; null when nothing is published.
 */
export async function publicResults(db: Db, roundId: string) {
  const versions = await publishedVersions(db, roundId);
  if (!versions.length) return null;
  const [current, previous] = versions;
  const [texts, codes, source] = await Promise.all([
    projectTexts(db, idsOf(current.outcome, previous?.outcome)),
    eligibleVoters(db, roundId),
    importSource(db, roundId),
  ]);
  return {
    current,
    previous: previous ?? null,
    earlier: versions.slice(1).map((version) => ({ version: version.version, reason: version.reason, publishedAt: version.publishedAt })),
    eligible: codes,
    texts,
    currency: source?.currency ?? "EUR",
    importedFrom: source?.fileName ?? null,
  };
}

/** Every ballot's choices, in the ballots' random id order (for the .pb download). */
async function ballotList(db: Db | Tx, roundId: string): Promise<[string, number][][]> {
  const [ballots, choices] = await Promise.all([
    db.ballot.findMany({ where: { roundId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.ballotChoice.findMany({
      where: { ballot: { roundId } },
      select: { ballotId: true, proposalId: true, points: true },
      orderBy: [{ ballotId: "asc" }, { proposalId: "asc" }],
    }),
  ]);
  const byBallot = new Map<string, [string, number][]>(ballots.map((ballot) => [ballot.id, []]));
  for (const row of choices) byBallot.get(row.ballotId)?.push([row.proposalId, row.points]);
  return [...byBallot.values()];
}

function titleIn(texts: ProjectTexts, proposalId: string, locale: Locale): string {
  const entry = texts[proposalId];
  return entry ? (pickLocalized(entry.texts, locale, entry.originalLocale)?.text.title ?? "") : "";
}

function csvRows(outcome: Parameters<typeof rankedProjects>[0], texts: ProjectTexts, locale: Locale): CsvRow[] {
  return rankedProjects(outcome).map((project) => ({
    number: project.number,
    title: titleIn(texts, project.proposalId, locale),
    costCents: project.costCents,
    support: project.support,
    funded: project.funded,
  }));
}

/** The published result as CSV (titles in the reader's language where translated); null when unpublished. */
export async function publishedCsv(db: Db, roundId: string, locale: Locale): Promise<string | null> {
  const [current] = await publishedVersions(db, roundId);
  if (!current) return null;
  const texts = await projectTexts(db, idsOf(current.outcome));
  return resultsCsv(csvRows(current.outcome, texts, locale));
}

/** The year a round's downloads are named after: the year its voting ended (as in its .pb file). */
export function roundYear(round: { votingEndsAt: Date | null; phaseChangedAt: Date }): number {
  return (round.votingEndsAt ?? round.phaseChangedAt).getUTCFullYear();
}

/** The word for "results" in a file name, in ASCII, where the reader's word is in another script. */
const ASCII_RESULTS_WORD: Partial<Record<Locale, string>> = { bg: "rezultati", ar: "nataij" };

/** The machine-readable CSV's file name: wijkbudget-<neighbourhood>-<year>-data.csv, the same in every language. */
export function csvDownloadName(round: { neighbourhood: { slug: string }; votingEndsAt: Date | null; phaseChangedAt: Date }): DownloadName {
  return downloadName({ slug: round.neighbourhood.slug, year: roundYear(round), word: "data", extension: "csv" });
}

/**
 * The published result as a spreadsheet file for people in the reader's language (see spreadsheet.ts),
 * with its file name (wijkbudget-gent-rabot-2026-resultaten.csv); null when unpublished.
 */
export async function publishedSpreadsheet(db: Db, roundId: string, locale: Locale): Promise<{ text: string; name: DownloadName } | null> {
  const [current] = await publishedVersions(db, roundId);
  if (!current) return null;
  const [round, texts, source, t] = await Promise.all([
    db.budgetRound.findUniqueOrThrow({
      where: { id: roundId },
      select: { votingEndsAt: true, phaseChangedAt: true, neighbourhood: { select: { slug: true } } },
    }),
    projectTexts(db, idsOf(current.outcome)),
    importSource(db, roundId),
    fixedT(locale, "results"),
  ]);
  const labels = {
    number: t("spreadsheet.number"),
    project: t("table.project"),
    cost: t("spreadsheet.cost", { currency: source?.currency ?? "EUR" }),
    support: t(current.outcome.kind === "cumulative" ? "table.points" : "table.votes"),
    funded: t("spreadsheet.funded"),
    yes: t("table.yes"),
    no: t("table.no"),
  };
  return {
    text: resultsSpreadsheet(csvRows(current.outcome, texts, locale), labels, INTL_LOCALES[locale]),
    name: downloadName({
      slug: round.neighbourhood.slug,
      year: roundYear(round),
      word: t("spreadsheet.fileWord"),
      asciiWord: ASCII_RESULTS_WORD[locale],
      extension: "csv",
    }),
  };
}

/** The published result as a Pabulib .pb file (text); null when unpublished. */
export async function publishedPabulib(db: Db, roundId: string): Promise<string | null> {
  const [current] = await publishedVersions(db, roundId);
  if (!current) return null;
  const round = await db.budgetRound.findUniqueOrThrow({ where: { id: roundId }, include: { translations: true, neighbourhood: true } });
  const [texts, ballots, source] = await Promise.all([projectTexts(db, idsOf(current.outcome)), ballotList(db, roundId), importSource(db, roundId)]);
  const names = new Map(
    current.outcome.projects.map((project) => {
      const entry = texts[project.proposalId];
      const original = entry?.texts.find((text) => text.locale === entry.originalLocale) ?? entry?.texts[0];
      return [project.proposalId, original?.title ?? ""];
    }),
  );
  const roundText = round.translations.find((text) => text.locale === round.originalLocale) ?? round.translations[0];
  const file = resultsPabulibFile({
    baseMeta: source ? new Map(source.meta) : undefined,
    description: roundText?.title ?? "",
    city: round.neighbourhood.city,
    neighbourhood: round.neighbourhood.name,
    year: (round.votingEndsAt ?? round.phaseChangedAt).getUTCFullYear(),
    currency: source?.currency ?? "EUR",
    outcome: current.outcome,
    names,
    pabulibIds: source ? new Map(Object.entries(source.projects).map(([id, project]) => [id, project.pabulibId])) : undefined,
    ballots,
  });
  return writePabulib(file);
}
