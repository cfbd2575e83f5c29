// The pure rules behind issue #19's staff-page fixes: closing voting early, the home page's order,
// the panel's undecided proposals, and Equal Shares' raised share in a resident's terms.
import { describe, expect, it } from "vitest";
import { awaitsPanelDecision } from "~/panel/policy";
import { voterShares } from "~/results/outcome";
import { closesVotingEarly, runningFirst, type Phase } from "~/rounds/phases";

describe("closing voting early", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const voting = (votingEndsAt: string | null) => ({ phase: "VOTING" as Phase, votingEndsAt: votingEndsAt ? new Date(votingEndsAt) : null });

  it("is moving voting to the count before the announced end", () => {
    expect(closesVotingEarly(voting("2026-12-13T22:59:00Z"), "TALLY", now)).toBe(true);
  });

  it("is not closing at or after the end, without an announced end, or another move", () => {
    expect(closesVotingEarly(voting("2026-12-07T10:00:00Z"), "TALLY", now)).toBe(false);
    expect(closesVotingEarly(voting("2026-12-01T22:59:00Z"), "TALLY", now)).toBe(false);
    expect(closesVotingEarly(voting(null), "TALLY", now)).toBe(false);
    expect(closesVotingEarly({ phase: "REVIEW", votingEndsAt: new Date("2026-12-13T22:59:00Z") }, "VOTING", now)).toBe(false);
  });
});

describe("the home page's order", () => {
  const neighbourhood = (name: string, ...phases: Phase[]) => ({ name, rounds: phases.map((phase) => ({ phase })) });

  it("puts neighbourhoods with a running round first and keeps each group's order", () => {
    const listed = [
      neighbourhood("Gent", "VOTING"),
      neighbourhood("Genk"),
      neighbourhood("Hasselt", "PUBLISHED"),
      neighbourhood("Mechelen", "SUBMISSION"),
      neighbourhood("Oostende", "DRAFT"),
      neighbourhood("Sint-Niklaas", "CLOSED", "REVIEW"),
      neighbourhood("Tienen", "TALLY"),
    ];
    expect(runningFirst(listed).map((entry) => entry.name)).toEqual(["Gent", "Mechelen", "Sint-Niklaas", "Tienen", "Genk", "Hasselt", "Oostende"]);
    expect(listed[1]!.name).toBe("Genk"); // the given list is left as it was
  });
});

describe("the panel's decision", () => {
  it("is awaited for an admissible proposal only", () => {
    expect(awaitsPanelDecision("ADMISSIBLE")).toBe(true);
    for (const status of ["SHORTLISTED", "REJECTED", "ON_BALLOT", "WITHDRAWN", "FUNDED"]) expect(awaitsPanelDecision(status), status).toBe(false);
  });
});

describe("a voter's share in Equal Shares", () => {
  it("is the budget divided equally, and that raised by the euros added in the count kept", () => {
    expect(voterShares({ budgetCents: 900_000, voters: 3, unitsAdded: 1000 })).toEqual({ startCents: 300_000, finalCents: 400_000 });
    expect(voterShares({ budgetCents: 1_000_000, voters: 3, unitsAdded: 667 })).toEqual({ startCents: 333_333, finalCents: 400_033 });
  });

  it("is not told when no share was raised or nobody voted", () => {
    expect(voterShares({ budgetCents: 900_000, voters: 3 })).toBeNull();
    expect(voterShares({ budgetCents: 900_000, voters: 3, unitsAdded: 0 })).toBeNull();
    expect(voterShares({ budgetCents: 900_000, voters: 0, unitsAdded: 5 })).toBeNull();
  });
});
