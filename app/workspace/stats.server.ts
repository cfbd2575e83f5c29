// Gathers a round's statistics (stats.ts): a few grouped counts, never a ballot's time or language.
import type { Db } from "~/db.server";
import { pickName } from "~/i18n/content";
import type { Locale } from "~/i18n/config";
import { eligibleVoters } from "~/results/stored.server";
import { activityPerDay, turnout } from "./stats";

export async function roundStatistics(db: Db, roundId: string, locale: Locale) {
  const [submitted, comments, byStatus, byTheme, categories, reviews, ballots, eligible] = await Promise.all([
    db.proposal.findMany({ where: { roundId, submittedAt: { not: null } }, select: { submittedAt: true } }),
    // Every comment posted, also those later deleted or hidden: the day's activity, not what is left of it.
    db.comment.findMany({ where: { proposal: { roundId } }, select: { createdAt: true } }),
    db.proposal.groupBy({ by: ["status"], where: { roundId, number: { not: null } }, _count: { _all: true } }),
    db.proposal.groupBy({ by: ["categoryId"], where: { roundId, number: { not: null } }, _count: { _all: true } }),
    db.category.findMany({ where: { roundId }, orderBy: { position: "asc" }, select: { id: true, names: true } }),
    db.panelReview.count({ where: { proposal: { roundId } } }),
    db.ballot.groupBy({ by: ["channel"], where: { roundId }, _count: { _all: true } }),
    eligibleVoters(db, roundId),
  ]);
  const ballotsBy = (channel: "ONLINE" | "PAPER") => ballots.find((row) => row.channel === channel)?._count._all ?? 0;
  const total = ballotsBy("ONLINE") + ballotsBy("PAPER");
  const themeCount = (id: string | null) => byTheme.find((row) => row.categoryId === id)?._count._all ?? 0;
  return {
    perDay: activityPerDay(
      submitted.map((row) => row.submittedAt!),
      comments.map((row) => row.createdAt),
    ),
    byStatus: byStatus.map((row) => ({ status: row.status, count: row._count._all })).sort((a, b) => b.count - a.count),
    byTheme: [
      ...categories.map((category) => ({ theme: pickName(category.names, locale)?.text ?? "", count: themeCount(category.id) })),
      ...(themeCount(null) ? [{ theme: null, count: themeCount(null) }] : []),
    ],
    reviews,
    ballots: { total, online: ballotsBy("ONLINE"), paper: ballotsBy("PAPER") },
    eligible: eligible.count,
    turnout: turnout(total, eligible.count),
  };
}

export type RoundStatistics = Awaited<ReturnType<typeof roundStatistics>>;
