import { acceptsProposals, type Phase, votingIsAhead } from "~/rounds/phases";

export const PROPOSAL_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "ADMISSIBLE",
  "INADMISSIBLE",
  "CHANGES_REQUESTED",
  "SHORTLISTED",
  "REJECTED",
  "ON_BALLOT",
  "FUNDED",
  "NOT_FUNDED",
  "IN_PROGRESS",
  "REALISED",
  "WITHDRAWN",
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface LifecycleState {
  status: ProposalStatus;
  phase: Phase;
  changesDeadline: Date | null;
  now: Date;
}

/** Only drafts are private; every other status is public. */
export function isPublicStatus(status: ProposalStatus): boolean {
  return status !== "DRAFT";
}

/** Whether requested changes may still be made: until the deadline staff set, and never once voting opens. */
function changesWindowOpen(state: LifecycleState): boolean {
  return (
    state.status === "CHANGES_REQUESTED" &&
    votingIsAhead(state.phase) &&
    !!state.changesDeadline &&
    state.now < state.changesDeadline
  );
}

/**
 * Authors may edit a draft or a submitted proposal while SUBMISSION lasts, and a proposal with
 * requested changes until its deadline (even after SUBMISSION ended).
 */
export function canEdit(state: LifecycleState): boolean {
  if (state.status === "DRAFT" || state.status === "SUBMITTED") return acceptsProposals(state.phase);
  return changesWindowOpen(state);
}

/** A draft is submitted during SUBMISSION; a proposal with requested changes is resubmitted before its deadline. */
export function canSubmit(state: LifecycleState): boolean {
  if (state.status === "DRAFT") return acceptsProposals(state.phase);
  return changesWindowOpen(state);
}

const WITHDRAWABLE: readonly ProposalStatus[] = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "CHANGES_REQUESTED", "SHORTLISTED"];

/** Authors may withdraw until voting opens. */
export function canWithdraw(state: Pick<LifecycleState, "status" | "phase">): boolean {
  return WITHDRAWABLE.includes(state.status) && votingIsAhead(state.phase);
}

export const VERDICTS = ["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Staff give a feasibility verdict on a submitted proposal before voting; also on one whose
 * requested changes did not come in time (its deadline passed), so it does not stay in limbo.
 */
export function canGiveVerdict(state: LifecycleState): boolean {
  if (!votingIsAhead(state.phase)) return false;
  if (state.status === "SUBMITTED") return true;
  return state.status === "CHANGES_REQUESTED" && !!state.changesDeadline && state.now >= state.changesDeadline;
}

/** The steps a proposal goes through, for its timeline. */
export const STATUS_PATH: readonly ProposalStatus[] = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "ON_BALLOT", "FUNDED", "IN_PROGRESS", "REALISED"];
