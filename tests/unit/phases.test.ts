import { describe, expect, it } from "vitest";
import {
  acceptsProposals,
  checkTransition,
  codesAreIssuable,
  nextPhase,
  PHASES,
  phasesOf,
  resultsArePublished,
  resultsInPreview,
  setupIsOpen,
  timeline,
  votingHasClosed,
  votingIsAhead,
  votingIsOpen,
  type Phase,
} from "~/rounds/phases";

const withReview = { hasReview: true };
const withoutReview = { hasReview: false };

describe("a round's phases", () => {
  it("move forward one step at a time", () => {
    expect(PHASES.slice(0, -1).map((phase) => nextPhase(phase, withReview))).toEqual(["SUBMISSION", "REVIEW", "VOTING", "TALLY", "PUBLISHED", "CLOSED"]);
    for (const [index, phase] of PHASES.slice(0, -1).entries()) {
      expect(checkTransition(phase, PHASES[index + 1]!, withReview)).toEqual({ ok: true });
    }
  });

  it("end at CLOSED", () => {
    expect(nextPhase("CLOSED", withReview)).toBeNull();
    expect(checkTransition("CLOSED", "DRAFT", withReview)).toEqual({ ok: false, reason: "final" });
  });

  it("refuse skipping a phase", () => {
    expect(checkTransition("DRAFT", "REVIEW", withReview)).toEqual({ ok: false, reason: "skip" });
    expect(checkTransition("SUBMISSION", "VOTING", withReview)).toEqual({ ok: false, reason: "skip" });
    expect(checkTransition("DRAFT", "CLOSED", withReview)).toEqual({ ok: false, reason: "skip" });
  });

  it("refuse going back", () => {
    expect(checkTransition("VOTING", "REVIEW", withReview)).toEqual({ ok: false, reason: "backward" });
    expect(checkTransition("PUBLISHED", "DRAFT", withReview)).toEqual({ ok: false, reason: "backward" });
  });

  it("refuse staying in place", () => {
    expect(checkTransition("VOTING", "VOTING", withReview)).toEqual({ ok: false, reason: "same" });
  });

  it("skip REVIEW in a round without review, and only there", () => {
    expect(phasesOf(withoutReview)).not.toContain("REVIEW");
    expect(nextPhase("SUBMISSION", withoutReview)).toBe("VOTING");
    expect(checkTransition("SUBMISSION", "VOTING", withoutReview)).toEqual({ ok: true });
    expect(checkTransition("SUBMISSION", "REVIEW", withoutReview)).toEqual({ ok: false, reason: "not-in-round" });
  });

  it("mark done, current and upcoming steps on the timeline", () => {
    expect(timeline("VOTING", withoutReview)).toEqual([
      { phase: "DRAFT", state: "done" },
      { phase: "SUBMISSION", state: "done" },
      { phase: "VOTING", state: "current" },
      { phase: "TALLY", state: "upcoming" },
      { phase: "PUBLISHED", state: "upcoming" },
      { phase: "CLOSED", state: "upcoming" },
    ]);
  });
});

describe("what each phase allows", () => {
  // One row per phase: set-up, proposals, voting ahead, voting open, codes, results preview, closed, published.
  const table: Record<Phase, [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = {
    DRAFT: [true, false, true, false, true, false, false, false],
    SUBMISSION: [true, true, true, false, true, false, false, false],
    REVIEW: [false, false, true, false, true, false, false, false],
    VOTING: [false, false, false, true, true, false, false, false],
    TALLY: [false, false, false, false, false, true, true, false],
    PUBLISHED: [false, false, false, false, false, false, true, true],
    CLOSED: [false, false, false, false, false, false, true, true],
  };
  it.each(PHASES)("%s", (phase) => {
    expect([
      setupIsOpen(phase),
      acceptsProposals(phase),
      votingIsAhead(phase),
      votingIsOpen(phase),
      codesAreIssuable(phase),
      resultsInPreview(phase),
      votingHasClosed(phase),
      resultsArePublished(phase),
    ]).toEqual(table[phase]);
  });
});
