// Gathers a public round's open data (round-data.ts shapes it): its proposals as the public sees them,
// the panel's aggregates as decision 0011 allows, and the latest published result.
import type { Db } from "~/db.server";
import { parseTranslations } from "~/i18n/content";
import { toNumber } from "~/kernel/rational";
import { panelReport, panelSettings } from "~/panel/panel.server";
import { scoresArePublic } from "~/panel/policy";
import { publishedVersions } from "~/results/stored.server";
import type { roundById } from "~/rounds/rounds.server";
import { ROUND_DATES, roundData, type RoundData } from "./round-data";
import { withoutHiddenText } from "~/moderation/hidden";

type PublicRound = NonNullable<Awaited<ReturnType<typeof roundById>>>;

/** Two decimals: the panel report shows one, a file for analysis may carry a little more. */
const scoreValue = (score: Parameters<typeof toNumber>[0]) => Math.round(toNumber(score) * 100) / 100;

export async function roundOpenData(db: Db, round: PublicRound): Promise<RoundData> {
  const [categories, proposals, versions, panel] = await Promise.all([
    db.category.findMany({ where: { roundId: round.id }, orderBy: { position: "asc" }, select: { id: true, names: true } }),
    db.proposal.findMany({
      // Drafts are their authors' own; numbers are given on submission.
      where: { roundId: round.id, status: { not: "DRAFT" }, number: { not: null } },
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        status: true,
        originalLocale: true,
        texts: { select: { locale: true, title: true, summary: true } },
        categoryId: true,
        costLines: { orderBy: { position: "asc" }, select: { label: true, labels: true, amountCents: true } },
        requestedCents: true,
        cityCostCents: true,
        locationText: true,
        latitude: true,
        longitude: true,
        panelRationale: true,
        panelRationaleLocale: true,
        hiddenAt: true,
      },
    }),
    publishedVersions(db, round.id),
    round.hasReview ? panelSettings(db, round.id) : null,
  ]);
  const withScores = scoresArePublic(round.phase);
  const report = panel && withScores ? await panelReport(db, round.id, { withScores }) : null;
  const latest = versions[0];
  return roundData({
    generatedAt: new Date(),
    round: { ...round, dates: Object.fromEntries(ROUND_DATES.map((name) => [name, round[name]])) as Record<(typeof ROUND_DATES)[number], Date | null> },
    categories: categories.map((category) => ({ id: category.id, names: parseTranslations(category.names) })),
    panel: panel && { mode: panel.mode, weightPercent: panel.weightPercent, scaleMin: panel.scaleMin, scaleMax: panel.scaleMax },
    // Hidden by moderation (decision 0036): the number, status and amounts stay, the writers' text does not.
    proposals: proposals
      .map(({ hiddenAt, ...shown }) => (hiddenAt ? withoutHiddenText(shown) : shown))
      .map((proposal) => ({
        ...proposal,
        number: proposal.number!,
        costLines: proposal.costLines.map((line) => ({ ...line, labels: parseTranslations(line.labels) })),
      })),
    // panelReport already withholds a score that one review alone would publish.
    panelScores: new Map(report?.rows.map((row) => [row.id, { score: row.score ? scoreValue(row.score) : null, reviews: row.counted }]) ?? []),
    result: latest ? { version: latest.version, publishedAt: latest.publishedAt, ...latest.outcome } : null,
  });
}
