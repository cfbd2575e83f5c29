// The staff dashboard's rules, pure: which rounds are still running, how many days a phase has left,
// what a turnout is, and which things need someone's attention (and where to see to them). The data
// comes from dashboard.server.ts; the phase rules from rounds/phases.ts.
import { isConflicted, type DeciderView } from "~/panel/policy";
import { PHASE_DATES, resultsArePublished, votingIsOpen, type Phase, type RoundDateField } from "~/rounds/phases";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Voting that ends within this many days is flagged, so staff can remind residents. */
export const VOTING_ENDS_SOON_DAYS = 3;
/** A funded project with no realisation update for this long is flagged: residents are waiting to hear. */
export const REALISATION_SILENCE_DAYS = 90;
/** The attention list names at most this many of one kind; the rest are counted and linked. */
export const MAX_NAMED_PER_KIND = 20;

/** A round stays on the dashboard until its results are published; then it folds away with the finished ones. */
export function isRunning(phase: Phase): boolean {
  return !resultsArePublished(phase);
}

/** Whole days from `now` until `until` (rounded up: "1 day left" until the moment itself), negative once past. */
export function daysUntil(until: Date, now: Date): number {
  return Math.ceil((until.getTime() - now.getTime()) / DAY_MS);
}

/** The current phase's planned dates and the days left in it (null where the phase has no planned end). */
export function phaseWindow(round: { phase: Phase } & Partial<Record<RoundDateField, Date | null>>, now: Date) {
  const dates = PHASE_DATES[round.phase];
  const from = dates?.from ? (round[dates.from] ?? null) : null;
  const until = dates?.until ? (round[dates.until] ?? null) : null;
  return { from, until, daysLeft: until ? daysUntil(until, now) : null };
}

/** Turnout as a share of those who could vote, or null when that is not known (self-declared voters, no codes yet). */
export function turnoutShare(ballots: number, eligible: number): number | null {
  return eligible > 0 ? ballots / eligible : null;
}

/** A reviewable proposal some member may be conflicted with: who carries it and who declared a conflict. */
export interface ConflictFacts {
  id: string;
  authorId: string;
  memberIds: readonly string[];
  declaredConflicts: readonly string[];
}

/**
 * The panel's reviews, as its workspace counts them: every member reviews every reviewable proposal
 * except those the panel's policy says they are conflicted with (their own, one they co-carry, one
 * they declared a conflict with). Done counts the complete reviews still owed in that sense: by a
 * current member, not conflicted. `conflictable` holds at least every reviewable proposal some member
 * may be conflicted with; others in it change nothing.
 */
export function reviewProgress(panel: {
  reviewable: number;
  memberIds: readonly string[];
  conflictable: readonly ConflictFacts[];
  completeReviews: readonly { proposalId: string; userId: string }[];
}): { done: number; needed: number } {
  const members = new Set(panel.memberIds);
  const byId = new Map(panel.conflictable.map((proposal) => [proposal.id, proposal]));
  const conflicted = (userId: string, proposalId: string) => {
    const proposal = byId.get(proposalId);
    return !!proposal && isConflicted(userId, proposal);
  };
  const conflictedPairs = panel.conflictable.reduce((sum, proposal) => sum + panel.memberIds.filter((userId) => isConflicted(userId, proposal)).length, 0);
  return {
    done: panel.completeReviews.filter((review) => members.has(review.userId) && !conflicted(review.userId, review.proposalId)).length,
    needed: Math.max(0, panel.reviewable * members.size - conflictedPairs),
  };
}

export function votingEndsSoon(round: { phase: Phase; votingEndsAt: Date | null }, now: Date): boolean {
  return votingIsOpen(round.phase) && round.votingEndsAt !== null && daysUntil(round.votingEndsAt, now) <= VOTING_ENDS_SOON_DAYS;
}

/** A proposal or round as the attention list names it: its texts pick the reader's language. */
export interface NamedProposal {
  id: string;
  roundId: string;
  number: number | null;
  originalLocale: string;
  texts: { locale: string; title: string }[];
}
export interface NamedRound {
  id: string;
  originalLocale: string;
  translations: { locale: string; title: string }[];
}

export type AttentionItem =
  | { kind: "feasibility"; proposal: NamedProposal }
  | { kind: "changesOverdue"; proposal: NamedProposal; deadline: Date }
  | { kind: "undecided"; proposal: NamedProposal; decider: DeciderView }
  | { kind: "votingEndsSoon"; round: NamedRound; endsAt: Date; daysLeft: number }
  | { kind: "codesNotTaken"; round: NamedRound; codes: number }
  | { kind: "resultsUnpublished"; round: NamedRound }
  | { kind: "realisationSilent"; proposal: NamedProposal; lastUpdate: Date | null };

export type AttentionKind = AttentionItem["kind"];

/** Where staff see to an item: the page that lets them act on it. */
export function attentionLink(item: AttentionItem): string {
  switch (item.kind) {
    case "feasibility":
    case "changesOverdue":
      return `/proposals/${item.proposal.id}`;
    case "undecided":
      // Staff decide on the decision page when it falls to them; otherwise they follow it on the panel's workspace.
      return item.decider.by === "staff" ? `/panel/${item.proposal.roundId}/decisions/${item.proposal.id}` : `/panel/${item.proposal.roundId}`;
    case "votingEndsSoon":
      return `/staff/rounds/${item.round.id}`;
    case "codesNotTaken":
      return `/staff/rounds/${item.round.id}/voting`;
    case "resultsUnpublished":
      return `/staff/rounds/${item.round.id}/results`;
    case "realisationSilent":
      return `/staff/proposals/${item.proposal.id}/updates`;
  }
}

/** The list grouped by kind (in the order given), each kind naming at most MAX_NAMED_PER_KIND and counting the rest. */
export function groupAttention(items: readonly AttentionItem[]) {
  const groups = new Map<AttentionKind, AttentionItem[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  return [...groups].map(([kind, all]) => ({ kind, items: all.slice(0, MAX_NAMED_PER_KIND), more: Math.max(0, all.length - MAX_NAMED_PER_KIND) }));
}
