// The one owner of a proposal's status: every change of it goes through here, is checked against the
// state machine (lifecycle.ts STATUS_MOVES) and writes the proposal's public timeline entry in the
// same transaction. Proposals, the wijkpanel, voting and results call it; none writes a status itself.
import type { Prisma, Tx } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { isStatusMove, type ProposalStatus } from "./lifecycle";

interface Move {
  from: ProposalStatus;
  to: ProposalStatus;
  /** Shown with the timeline entry (a public reason, a recount's explanation). */
  note?: string;
  /** The language `note` is written in, so pages in another language can say so. */
  noteLocale?: Locale;
  /** Other fields that change with the status (a verdict's note, a withdrawal's reason). */
  data?: Omit<Prisma.ProposalUpdateManyMutationInput, "status">;
}

function checked(move: Move) {
  // A move the state machine does not know is a bug in the caller, not a user's mistake.
  if (!isStatusMove(move.from, move.to)) throw new Error(`A proposal cannot move from ${move.from} to ${move.to}`);
}

function timelineEntry(move: Move) {
  return { status: move.to, note: move.note ?? "", noteLocale: move.note ? (move.noteLocale ?? null) : null };
}

/**
 * Moves one proposal that is still in `from`. False when it no longer is (another change got there
 * first): nothing is written then, and the caller answers "stale".
 */
export async function moveProposal(tx: Tx, proposalId: string, move: Move): Promise<boolean> {
  checked(move);
  const moved = await tx.proposal.updateMany({ where: { id: proposalId, status: move.from }, data: { ...move.data, status: move.to } });
  if (moved.count !== 1) return false;
  await tx.proposalEvent.create({ data: { proposalId, ...timelineEntry(move) } });
  return true;
}

/**
 * Moves those of `proposalIds` (read by the caller in `from`) that are still in `from`: voting
 * opens, results are published, a recount. One changed meanwhile (withdrawn, say) is left as it is.
 * Returns the ids that moved.
 */
export async function moveProposals(tx: Tx, proposalIds: readonly string[], move: Move): Promise<string[]> {
  checked(move);
  if (move.from === move.to) throw new Error("Moving many proposals to the status they have tells nothing apart");
  if (proposalIds.length === 0) return [];
  await tx.proposal.updateMany({ where: { id: { in: [...proposalIds] }, status: move.from }, data: { ...move.data, status: move.to } });
  // Those now in `to` are the ones this moved: none of them was in `to` before.
  const moved = (await tx.proposal.findMany({ where: { id: { in: [...proposalIds] }, status: move.to }, select: { id: true } })).map((row) => row.id);
  await tx.proposalEvent.createMany({ data: moved.map((proposalId) => ({ proposalId, ...timelineEntry(move) })) });
  return moved;
}
