// When the wijkpanel may do what. Pure, so the phase rules are tested without a database.
import { type Phase, votingIsAhead } from "~/rounds/phases";

/** Members may be appointed or removed until REVIEW ends (e.g. someone moves away mid-review). */
export function membersEditable(phase: Phase): boolean {
  return votingIsAhead(phase);
}

/** Scores, conflicts and decisions happen in REVIEW only. */
export function reviewOpen(phase: Phase): boolean {
  return phase === "REVIEW";
}

/** The panel reviews the admissible proposals; a decision does not take a proposal out of review. */
export const REVIEWABLE_STATUSES = ["ADMISSIBLE", "SHORTLISTED", "REJECTED"] as const;

export function isReviewable(status: string): boolean {
  return (REVIEWABLE_STATUSES as readonly string[]).includes(status);
}

/** Aggregate scores go public once REVIEW is over, so they cannot sway members still reviewing. */
export function scoresArePublic(phase: Phase): boolean {
  return !votingIsAhead(phase);
}

export const PANEL_DECISIONS = ["SHORTLISTED", "REJECTED"] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];
