// "My participation" on /account (issue #24 item 2): what a resident took part in — proposals, comments,
// what they follow, answers to events, panel work, and, in account rounds, whether they voted. Never how: a ballot is linked
// to nobody (decision 0010). Lists are short (the latest few); the counts say how many in all.
import type { Db } from "~/db.server";

const SHOWN = 5;
const proposalTitle = { select: { id: true, number: true, status: true, originalLocale: true, texts: { select: { locale: true, title: true } } } } as const;
const roundTitle = { select: { id: true, phase: true, originalLocale: true, translations: { select: { locale: true, title: true } } } } as const;

export async function myParticipation(db: Db, userId: string, now = new Date()) {
  const mine = { OR: [{ authorId: userId }, { members: { some: { userId } } }], status: { not: "DRAFT" as const } };
  const [proposalCount, proposals, commentCount, comments, answers, seats, reviewCount, accountRounds] = await Promise.all([
    db.proposal.count({ where: mine }),
    db.proposal.findMany({ where: mine, orderBy: { updatedAt: "desc" }, take: SHOWN, ...proposalTitle }),
    db.comment.count({ where: { authorId: userId, deletedAt: null } }),
    db.comment.findMany({
      where: { authorId: userId, deletedAt: null },
      orderBy: { createdAt: "desc" },
      take: SHOWN,
      select: { id: true, createdAt: true, hiddenAt: true, proposal: proposalTitle },
    }),
    db.rsvp.findMany({
      where: { userId, status: { in: ["CONFIRMED", "WAITING"] }, event: { endsAt: { gte: now } } },
      orderBy: { event: { startsAt: "asc" } },
      take: SHOWN,
      select: {
        status: true,
        event: { select: { id: true, startsAt: true, cancelledAt: true, originalLocale: true, texts: { select: { locale: true, title: true } } } },
      },
    }),
    db.panelMember.findMany({ where: { userId }, select: { isChair: true, isViceChair: true, round: roundTitle } }),
    db.panelReview.count({ where: { userId } }),
    // Account rounds the resident may vote in (verified or self-declared), and whether they did.
    db.roundVoter.findMany({ where: { userId }, select: { round: roundTitle } }),
  ]);
  // What the resident follows (decision 0038): a stopped follow is no follow.
  const [followedProposals, followedRounds] = await Promise.all([
    db.proposalFollow.findMany({ where: { userId, following: true }, orderBy: { createdAt: "desc" }, take: SHOWN, select: { proposal: proposalTitle } }),
    db.roundFollow.findMany({ where: { userId, following: true }, orderBy: { createdAt: "desc" }, take: SHOWN, select: { round: roundTitle } }),
  ]);
  const voted = new Set(
    (await db.participation.findMany({ where: { userId, roundId: { in: accountRounds.map(({ round }) => round.id) } }, select: { roundId: true } })).map(
      (participation) => participation.roundId,
    ),
  );
  return {
    proposals: { count: proposalCount, latest: proposals },
    comments: { count: commentCount, latest: comments },
    answers,
    follows: { proposals: followedProposals.map(({ proposal }) => proposal), rounds: followedRounds.map(({ round }) => round) },
    panel: { seats, reviews: reviewCount },
    voting: accountRounds.map(({ round }) => ({ round, voted: voted.has(round.id) })),
  };
}
