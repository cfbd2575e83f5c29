/**
 * A round's life: DRAFT → SUBMISSION → REVIEW → VOTING → TALLY → PUBLISHED → CLOSED.
 * Staff move a round forward one step at a time, never backward; a round without review goes from
 * SUBMISSION straight to VOTING. Dates are shown but never move a phase: only this machine does.
 */
export const PHASES = ["DRAFT", "SUBMISSION", "REVIEW", "VOTING", "TALLY", "PUBLISHED", "CLOSED"] as const;
export type Phase = (typeof PHASES)[number];

/** The dates a round shows for its phases (in Brussels time; shown, never acted on). */
export const ROUND_DATE_FIELDS = [
  "submissionStartsAt",
  "submissionEndsAt",
  "reviewStartsAt",
  "reviewEndsAt",
  "votingStartsAt",
  "votingEndsAt",
  "resultsAt",
] as const;
export type RoundDateField = (typeof ROUND_DATE_FIELDS)[number];

export interface PhaseSettings {
  hasReview: boolean;
}

export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}

/** The phases this round passes through, in order. */
export function phasesOf(settings: PhaseSettings): Phase[] {
  return PHASES.filter((phase) => phase !== "REVIEW" || settings.hasReview);
}

/** The phase a round moves to next, or null when it is CLOSED. */
export function nextPhase(current: Phase, settings: PhaseSettings): Phase | null {
  const sequence = phasesOf(settings);
  const index = sequence.indexOf(current);
  if (index === -1) return null;
  return sequence[index + 1] ?? null;
}

export type TransitionRefusal = "same" | "backward" | "skip" | "final" | "not-in-round";

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal };

export function checkTransition(from: Phase, to: Phase, settings: PhaseSettings): TransitionCheck {
  if (from === to) return { ok: false, reason: "same" };
  const sequence = phasesOf(settings);
  const fromIndex = sequence.indexOf(from);
  const toIndex = sequence.indexOf(to);
  if (fromIndex === -1 || toIndex === -1) return { ok: false, reason: "not-in-round" };
  if (fromIndex === sequence.length - 1) return { ok: false, reason: "final" };
  if (toIndex < fromIndex) return { ok: false, reason: "backward" };
  if (toIndex > fromIndex + 1) return { ok: false, reason: "skip" };
  return { ok: true };
}

/** Residents see a round once it has left DRAFT. */
export function isPublicPhase(phase: Phase): boolean {
  return phase !== "DRAFT";
}

// What each phase allows, asked by the capabilities and the pages alike (never a phase list in a route).

/**
 * The round's set-up — budget, whether there is a review, proposal rules and categories, the panel's
 * mode, scale and criteria — shapes what residents submit and how it is judged: staff may change it
 * until review (or, without review, voting) starts.
 */
export function setupIsOpen(phase: Phase): boolean {
  return phase === "DRAFT" || phase === "SUBMISSION";
}

/** Residents submit proposals only in SUBMISSION. */
export function acceptsProposals(phase: Phase): boolean {
  return phase === "SUBMISSION";
}

/**
 * Voting has not opened yet: the ballot settings (method, rule, eligibility) may still change, panel
 * members may still be appointed, and requested changes to a proposal may still be made.
 */
export function votingIsAhead(phase: Phase): boolean {
  return phase === "DRAFT" || phase === "SUBMISSION" || phase === "REVIEW";
}

export function votingIsOpen(phase: Phase): boolean {
  return phase === "VOTING";
}

/** Codes may be issued (and lost ones replaced) until voting closes. */
export function codesAreIssuable(phase: Phase): boolean {
  return votingIsAhead(phase) || votingIsOpen(phase);
}

/**
 * Moving voting to TALLY before the voting end the round announced: residents were told they had
 * until then, so staff must confirm the early close knowingly (decision 0031).
 */
export function closesVotingEarly(round: { phase: Phase; votingEndsAt: Date | null }, to: Phase, now: Date): boolean {
  return votingIsOpen(round.phase) && to === "TALLY" && round.votingEndsAt !== null && now.getTime() < round.votingEndsAt.getTime();
}

/**
 * Residents may discuss a public proposal from submission until the results are published (staff may
 * close one proposal's comments earlier): after CLOSED the discussion is over and stays readable.
 */
export function commentsAreOpen(phase: Phase): boolean {
  return phase === "SUBMISSION" || phase === "REVIEW" || phase === "VOTING" || phase === "TALLY" || phase === "PUBLISHED";
}

/** Residents can take part now (propose, follow the review, vote) or await the count. */
export function roundIsRunning(phase: Phase): boolean {
  return phase === "SUBMISSION" || phase === "REVIEW" || phase === "VOTING" || phase === "TALLY";
}

/** Neighbourhoods with a running round first, each group in its given order (the sort is stable). */
export function runningFirst<T extends { rounds: readonly { phase: Phase }[] }>(neighbourhoods: readonly T[]): T[] {
  const running = (neighbourhood: T) => neighbourhood.rounds.some((round) => roundIsRunning(round.phase));
  return [...neighbourhoods].sort((a, b) => Number(running(b)) - Number(running(a)));
}

/** Voting is over: the ballot page says "closed" rather than "not open yet". */
export function votingHasClosed(phase: Phase): boolean {
  return phase === "TALLY" || resultsArePublished(phase);
}

/** Voting closed, results not yet published: staff preview the count and publish it. */
export function resultsInPreview(phase: Phase): boolean {
  return phase === "TALLY";
}

export function resultsArePublished(phase: Phase): boolean {
  return phase === "PUBLISHED" || phase === "CLOSED";
}

export type TimelineStepState = "done" | "current" | "upcoming";

export interface TimelineStep {
  phase: Phase;
  state: TimelineStepState;
}

export function timeline(current: Phase, settings: PhaseSettings): TimelineStep[] {
  const sequence = phasesOf(settings);
  const currentIndex = sequence.indexOf(current);
  return sequence.map((phase, index) => ({
    phase,
    state: index < currentIndex ? "done" : index === currentIndex ? "current" : "upcoming",
  }));
}

/** Which planned dates belong to a phase, for the timeline (DRAFT, TALLY and CLOSED have none). */
export const PHASE_DATES: Partial<Record<Phase, { from?: RoundDateField; until?: RoundDateField }>> = {
  SUBMISSION: { from: "submissionStartsAt", until: "submissionEndsAt" },
  REVIEW: { from: "reviewStartsAt", until: "reviewEndsAt" },
  VOTING: { from: "votingStartsAt", until: "votingEndsAt" },
  PUBLISHED: { from: "resultsAt" },
};
