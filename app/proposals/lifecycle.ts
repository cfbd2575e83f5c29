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

export const VERDICTS = ["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The steps a proposal goes through, for its timeline. */
export const STATUS_PATH: readonly ProposalStatus[] = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "ON_BALLOT", "FUNDED", "IN_PROGRESS", "REALISED"];
