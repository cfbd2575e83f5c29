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

/** Only drafts are private; every other status is public. */
export function isPublicStatus(status: ProposalStatus): boolean {
  return status !== "DRAFT";
}
export const PUBLIC_STATUSES = PROPOSAL_STATUSES.filter(isPublicStatus);

export const VERDICTS = ["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Every move a proposal's status can make (status.server.ts refuses any other):
 * submitted by its team, judged by staff (verdict) and the wijkpanel (decision), put on the ballot
 * when voting opens, funded or not when results are published (and again by a recount), realised,
 * or withdrawn — by its team until voting, by staff when a funded project proves impossible.
 */
export const STATUS_MOVES: Record<ProposalStatus, readonly ProposalStatus[]> = {
  DRAFT: ["SUBMITTED", "WITHDRAWN"],
  SUBMITTED: ["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED", "WITHDRAWN"],
  // After requested changes: resubmitted, or judged again once the deadline passed.
  CHANGES_REQUESTED: ["SUBMITTED", "ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED", "WITHDRAWN"],
  ADMISSIBLE: ["SHORTLISTED", "REJECTED", "ON_BALLOT", "WITHDRAWN"],
  INADMISSIBLE: [],
  // The panel may change its decision while review lasts.
  SHORTLISTED: ["SHORTLISTED", "REJECTED", "ON_BALLOT", "WITHDRAWN"],
  REJECTED: ["REJECTED", "SHORTLISTED"],
  ON_BALLOT: ["FUNDED", "NOT_FUNDED"],
  FUNDED: ["NOT_FUNDED", "IN_PROGRESS", "REALISED", "WITHDRAWN"],
  NOT_FUNDED: ["FUNDED"],
  IN_PROGRESS: ["REALISED", "WITHDRAWN"],
  REALISED: [],
  WITHDRAWN: [],
};

export function isStatusMove(from: ProposalStatus, to: ProposalStatus): boolean {
  return STATUS_MOVES[from].includes(to);
}

/** The steps a proposal goes through, for its timeline. */
export const STATUS_PATH: readonly ProposalStatus[] = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "ON_BALLOT", "FUNDED", "IN_PROGRESS", "REALISED"];
