// The staff dashboard's data: a few grouped queries over every running round at once (never one per
// proposal), and the "needs attention" list. What a phase allows and who decides come from the
// capabilities' own rules and functions.
import type { Db } from "~/db.server";
import { REVIEWABLE_STATUSES } from "~/panel/policy";
import { panelSettings, undecidedProposals } from "~/panel/panel.server";
import { feasibilityQueue } from "~/proposals/proposals.server";
import { PROPOSAL_STATUSES, type ProposalStatus } from "~/proposals/lifecycle";
import { eligibleVoters } from "~/results/stored.server";
import { resultsInPreview, votingIsAhead, type Phase } from "~/rounds/phases";
import {
  isRunning,
  phaseWindow,
  REALISATION_SILENCE_DAYS,
  reviewProgress,
  turnoutShare,
  votingEndsSoon,
  daysUntil,
  type AttentionItem,
  type ConflictFacts,
} from "./dashboard";

const DAY_MS = 24 * 60 * 60 * 1000;

const proposalNaming = { id: true, roundId: true, number: true, originalLocale: true, texts: { select: { locale: true, title: true } } } as const;

export async function staffDashboard(db: Db, now = new Date()) {
  const rounds = await db.budgetRound.findMany({
    orderBy: [{ createdAt: "desc" }],
    include: {
      translations: { select: { locale: true, title: true } },
      neighbourhood: { select: { name: true, city: true } },
      panel: { select: { mode: true } },
    },
  });
  const running = rounds.filter((round) => isRunning(round.phase));
  const runningIds = running.map((round) => round.id);

  const [byStatus, members, scored, conflictable, ballots] = await Promise.all([
    db.proposal.groupBy({ by: ["roundId", "status"], where: { roundId: { in: runningIds } }, _count: { _all: true } }),
    db.panelMember.findMany({ where: { roundId: { in: runningIds } }, select: { roundId: true, userId: true } }),
    fullyScoredReviews(db, runningIds),
    conflictableProposals(db, runningIds),
    db.ballot.groupBy({ by: ["roundId"], where: { roundId: { in: runningIds } }, _count: { _all: true } }),
  ]);
  const countOf = <T extends { roundId: string; _count: { _all: number } }>(rows: T[], roundId: string) =>
    rows.find((row) => row.roundId === roundId)?._count._all ?? 0;

  const summaries = await Promise.all(
    running.map(async (round) => {
      const statuses = Object.fromEntries(
        PROPOSAL_STATUSES.map((status) => [status, byStatus.find((row) => row.roundId === round.id && row.status === status)?._count._all ?? 0]),
      ) as Record<ProposalStatus, number>;
      const reviewable = REVIEWABLE_STATUSES.reduce((sum, status) => sum + statuses[status], 0);
      const cast = countOf(ballots, round.id);
      // Eligible voters are known once codes are issued or voters verified: from voting on.
      const eligible = votingIsAhead(round.phase) ? null : await eligibleVoters(db, round.id);
      return {
        id: round.id,
        phase: round.phase,
        hasReview: round.hasReview,
        originalLocale: round.originalLocale,
        translations: round.translations,
        neighbourhood: round.neighbourhood,
        window: phaseWindow(round, now),
        proposals: statuses,
        reviews: round.hasReview
          ? reviewProgress({
              reviewable,
              memberIds: members.filter((member) => member.roundId === round.id).map((member) => member.userId),
              conflictable: conflictable.filter((proposal) => proposal.roundId === round.id),
              completeReviews: scored.filter((review) => review.roundId === round.id),
            })
          : null,
        // SHORTLIST rounds: admissible proposals the panel has not decided yet.
        decisionsPending: round.hasReview && (round.panel?.mode ?? "SHORTLIST") === "SHORTLIST" ? statuses.ADMISSIBLE : null,
        ballots: cast,
        eligible: eligible?.count ?? null,
        turnout: eligible ? turnoutShare(cast, eligible.count) : null,
      };
    }),
  );

  return {
    running: summaries,
    finished: rounds
      .filter((round) => !isRunning(round.phase))
      .map((round) => ({
        id: round.id,
        phase: round.phase,
        originalLocale: round.originalLocale,
        translations: round.translations,
        neighbourhood: round.neighbourhood,
      })),
    attention: await needsAttention(db, running, now),
  };
}

/** The reviews in which every criterion is scored (current criteria only: removing one deletes its scores). */
async function fullyScoredReviews(db: Db, roundIds: string[]) {
  const [criteria, reviews] = await Promise.all([
    db.panelCriterion.groupBy({ by: ["roundId"], where: { roundId: { in: roundIds } }, _count: { _all: true } }),
    db.panelReview.findMany({
      where: { proposal: { roundId: { in: roundIds }, status: { in: [...REVIEWABLE_STATUSES] } } },
      select: { proposalId: true, userId: true, proposal: { select: { roundId: true } }, _count: { select: { scores: true } } },
    }),
  ]);
  return reviews
    .filter((review) => {
      const needed = criteria.find((row) => row.roundId === review.proposal.roundId)?._count._all ?? 0;
      return needed > 0 && review._count.scores >= needed;
    })
    .map((review) => ({ roundId: review.proposal.roundId, proposalId: review.proposalId, userId: review.userId }));
}

/**
 * The reviewable proposals a panel member may be conflicted with (panel/policy's isConflicted): one
 * with a declared conflict, or carried (written or co-carried) by someone on a running round's panel.
 * One query for every running round; reviewProgress keeps the pairs of the same round.
 */
async function conflictableProposals(db: Db, roundIds: string[]): Promise<(ConflictFacts & { roundId: string })[]> {
  const onAPanel = { panelSeats: { some: { roundId: { in: roundIds } } } };
  const proposals = await db.proposal.findMany({
    where: {
      roundId: { in: roundIds },
      status: { in: [...REVIEWABLE_STATUSES] },
      OR: [{ panelConflicts: { some: {} } }, { author: onAPanel }, { members: { some: { user: onAPanel } } }],
    },
    select: { id: true, roundId: true, authorId: true, members: { select: { userId: true } }, panelConflicts: { select: { userId: true } } },
  });
  return proposals.map((proposal) => ({
    id: proposal.id,
    roundId: proposal.roundId,
    authorId: proposal.authorId,
    memberIds: proposal.members.map((member) => member.userId),
    declaredConflicts: proposal.panelConflicts.map((conflict) => conflict.userId),
  }));
}

type RunningRound = {
  id: string;
  phase: Phase;
  votingEndsAt: Date | null;
  originalLocale: string;
  translations: { locale: string; title: string }[];
  hasReview: boolean;
};

/** What needs someone: in the order staff usually meet it in a round. */
async function needsAttention(db: Db, running: RunningRound[], now: Date): Promise<AttentionItem[]> {
  const named = (round: RunningRound) => ({ id: round.id, originalLocale: round.originalLocale, translations: round.translations });
  const silentSince = new Date(now.getTime() - REALISATION_SILENCE_DAYS * DAY_MS);
  const shortlistRounds = await Promise.all(
    running
      .filter((round) => round.phase === "REVIEW" && round.hasReview)
      .map(async (round) => ((await panelSettings(db, round.id)).mode === "SHORTLIST" ? round : null)),
  );
  const [queue, undecided, untakenCodes, silent] = await Promise.all([
    feasibilityQueue(db, now),
    Promise.all(
      shortlistRounds
        .filter((round) => round !== null)
        .map((round) => undecidedProposals(db, round.id).then((rows) => rows.map((row) => ({ ...row, roundId: round.id })))),
    ),
    db.codeBatch.groupBy({ by: ["roundId"], where: { roundId: { in: running.map((round) => round.id) }, plainCodes: { not: null } }, _sum: { count: true } }),
    // Funded projects not yet realised whose results were published long ago and that have had no update since.
    db.proposal.findMany({
      where: {
        status: { in: ["FUNDED", "IN_PROGRESS"] },
        updates: { none: { createdAt: { gte: silentSince } } },
        round: { results: { some: { publishedAt: { lte: silentSince } } } },
      },
      orderBy: [{ roundId: "asc" }, { number: "asc" }],
      select: { ...proposalNaming, updates: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } } },
    }),
  ]);
  const proposalOf = (proposal: {
    id: string;
    roundId: string;
    number: number | null;
    originalLocale: string;
    texts: { locale: string; title: string }[];
  }) => ({
    id: proposal.id,
    roundId: proposal.roundId,
    number: proposal.number,
    originalLocale: proposal.originalLocale,
    texts: proposal.texts.map(({ locale, title }) => ({ locale, title })),
  });
  return [
    ...queue.filter((proposal) => proposal.status === "SUBMITTED").map((proposal): AttentionItem => ({ kind: "feasibility", proposal: proposalOf(proposal) })),
    ...queue
      .filter((proposal) => proposal.status === "CHANGES_REQUESTED" && proposal.changesDeadline)
      .map((proposal): AttentionItem => ({ kind: "changesOverdue", proposal: proposalOf(proposal), deadline: proposal.changesDeadline! })),
    ...undecided.flat().map((row): AttentionItem => ({ kind: "undecided", proposal: proposalOf(row), decider: row.decider })),
    ...running
      .filter((round) => votingEndsSoon(round, now))
      .map((round): AttentionItem => ({
        kind: "votingEndsSoon",
        round: named(round),
        endsAt: round.votingEndsAt!,
        daysLeft: daysUntil(round.votingEndsAt!, now),
      })),
    ...untakenCodes.flatMap((row): AttentionItem[] => {
      const round = running.find((candidate) => candidate.id === row.roundId)!;
      return [{ kind: "codesNotTaken", round: named(round), codes: row._sum.count ?? 0 }];
    }),
    ...running.filter((round) => resultsInPreview(round.phase)).map((round): AttentionItem => ({ kind: "resultsUnpublished", round: named(round) })),
    ...silent.map((proposal): AttentionItem => ({
      kind: "realisationSilent",
      proposal: proposalOf(proposal),
      lastUpdate: proposal.updates[0]?.createdAt ?? null,
    })),
  ];
}
