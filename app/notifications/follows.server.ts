// Following proposals and rounds (issue #23). Authors, co-proposers and commenters follow a proposal
// automatically; whoever stopped stays stopped (the row remembers it).
import type { Db, Tx } from "~/db.server";

/** Makes `userId` follow the proposal unless they stopped following it before. */
export async function followProposalAutomatically(tx: Db | Tx, userId: string, proposalId: string): Promise<void> {
  await tx.proposalFollow.upsert({ where: { userId_proposalId: { userId, proposalId } }, create: { userId, proposalId }, update: {} });
}

/** The resident's own choice on the proposal page: follow or stop. */
export async function setProposalFollow(db: Db | Tx, userId: string, proposalId: string, following: boolean): Promise<void> {
  await db.proposalFollow.upsert({
    where: { userId_proposalId: { userId, proposalId } },
    create: { userId, proposalId, following },
    update: { following },
  });
}

/** The resident's own choice on the round page: follow or stop. */
export async function setRoundFollow(db: Db | Tx, userId: string, roundId: string, following: boolean): Promise<void> {
  await db.roundFollow.upsert({ where: { userId_roundId: { userId, roundId } }, create: { userId, roundId, following }, update: { following } });
}

export async function isFollowingProposal(db: Db | Tx, userId: string, proposalId: string): Promise<boolean> {
  const row = await db.proposalFollow.findUnique({ where: { userId_proposalId: { userId, proposalId } }, select: { following: true } });
  return row?.following ?? false;
}

export async function isFollowingRound(db: Db | Tx, userId: string, roundId: string): Promise<boolean> {
  const row = await db.roundFollow.findUnique({ where: { userId_roundId: { userId, roundId } }, select: { following: true } });
  return row?.following ?? false;
}

/** Everyone following the round now. */
export async function roundFollowers(tx: Db | Tx, roundId: string): Promise<string[]> {
  const rows = await tx.roundFollow.findMany({ where: { roundId, following: true }, select: { userId: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.userId);
}
