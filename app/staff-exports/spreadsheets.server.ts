// Staff's spreadsheet files of a round: the rows gathered and the words in the staff member's language.
import type { Db } from "~/db.server";
import { INTL_LOCALES, type Locale } from "~/i18n/config";
import { pickLocalized, pickName } from "~/i18n/content";
import { formatDate } from "~/i18n/format";
import { fixedT } from "~/i18n/i18n.server";
import { reviewSummary } from "~/panel/panel.server";
import { roundYear } from "~/results/public.server";
import { decimalSeparator, downloadName, type DownloadName } from "~/results/spreadsheet";
import { roundStatistics } from "~/workspace/stats.server";
import { proposalsSpreadsheet, reviewsSpreadsheet, statisticsSpreadsheet } from "./spreadsheets";

type Download = { text: string; name: DownloadName };

async function roundForFile(db: Db, roundId: string) {
  return db.budgetRound.findUnique({
    where: { id: roundId },
    select: { id: true, hasReview: true, votingEndsAt: true, phaseChangedAt: true, neighbourhood: { select: { slug: true } } },
  });
}

function fileName(round: NonNullable<Awaited<ReturnType<typeof roundForFile>>>, word: string, asciiWord: string): DownloadName {
  return downloadName({ slug: round.neighbourhood.slug, year: roundYear(round), word, asciiWord, extension: "csv" });
}

/** Every submitted proposal of the round, by number; null for an unknown round. */
export async function proposalsDownload(db: Db, roundId: string, locale: Locale): Promise<Download | null> {
  const round = await roundForFile(db, roundId);
  if (!round) return null;
  const [proposals, t] = await Promise.all([
    db.proposal.findMany({
      where: { roundId, number: { not: null } },
      orderBy: { number: "asc" },
      select: {
        number: true,
        status: true,
        originalLocale: true,
        requestedCents: true,
        cityCostCents: true,
        locationText: true,
        submittedAt: true,
        texts: { select: { locale: true, title: true } },
        category: { select: { names: true } },
      },
    }),
    fixedT(locale, ["proposals", "rounds"]),
  ]);
  const header = ["number", "title", "status", "theme", "requested", "checkedCost", "location", "submitted"].map((column) =>
    t(`rounds:exports.columns.${column}`),
  );
  const rows = proposals.map((proposal) => ({
    number: proposal.number!,
    title: pickLocalized(proposal.texts, locale, proposal.originalLocale)?.text.title ?? "",
    status: t(`proposals:status.${proposal.status}`),
    theme: proposal.category ? (pickName(proposal.category.names, locale)?.text ?? "") : "",
    requestedCents: proposal.requestedCents,
    checkedCostCents: proposal.cityCostCents,
    location: proposal.locationText,
    submittedOn: proposal.submittedAt ? formatDate(proposal.submittedAt, locale) : "",
  }));
  return { text: proposalsSpreadsheet(header, rows, INTL_LOCALES[locale]), name: fileName(round, t("rounds:exports.proposalsWord"), "proposals") };
}

/** The panel's reviews summed up per proposal; null for an unknown round or one without a review. */
export async function reviewsDownload(db: Db, roundId: string, locale: Locale): Promise<Download | null> {
  const round = await roundForFile(db, roundId);
  if (!round?.hasReview) return null;
  const [summary, t] = await Promise.all([reviewSummary(db, roundId), fixedT(locale, ["proposals", "rounds"])]);
  const header = ["number", "title", "status", "reviews", "score", "recommendShortlist", "recommendReject", "abstain", "rationale"].map((column) =>
    t(`rounds:exports.columns.${column}`),
  );
  const rows = summary.map((row) => ({
    number: row.number,
    title: pickLocalized(row.texts, locale, row.originalLocale)?.text.title ?? "",
    status: t(`proposals:status.${row.status}`),
    counted: row.counted,
    score: row.score ? (Number(row.score.numerator) / Number(row.score.denominator)).toFixed(2).replace(".", decimalSeparator(INTL_LOCALES[locale])) : "",
    recommendations: row.recommendations,
    rationale: row.rationale,
  }));
  return { text: reviewsSpreadsheet(header, rows), name: fileName(round, t("rounds:exports.reviewsWord"), "reviews") };
}

/** A round's statistics (the page's figures); null for an unknown round. */
export async function statisticsDownload(db: Db, roundId: string, locale: Locale): Promise<Download | null> {
  const round = await roundForFile(db, roundId);
  if (!round) return null;
  const [stats, t] = await Promise.all([roundStatistics(db, roundId, locale), fixedT(locale, ["proposals", "workspace"])]);
  const count = (value: number) => String(value);
  const lines: [string, string][] = [
    ...stats.byStatus.map((row): [string, string] => [t(`proposals:status.${row.status}`), count(row.count)]),
    ...stats.byTheme.map((row): [string, string] => [row.theme ?? t("workspace:stats.noTheme"), count(row.count)]),
    [t("workspace:stats.reviews"), count(stats.reviews)],
    [t("workspace:stats.ballotsOnline"), count(stats.ballots.online)],
    [t("workspace:stats.ballotsPaper"), count(stats.ballots.paper)],
    [t("workspace:stats.ballots"), count(stats.ballots.total)],
    [t("workspace:stats.eligible"), stats.eligible ? count(stats.eligible) : ""],
  ];
  const perDay = stats.perDay.map((row) => [row.day, count(row.proposals), count(row.comments)]);
  return {
    text: statisticsSpreadsheet(lines, [t("workspace:stats.day"), t("workspace:stats.proposals"), t("workspace:stats.comments")], perDay),
    name: fileName(round, t("workspace:stats.fileWord"), "statistics"),
  };
}
