import { describe, expect, it } from "vitest";
import {
  daysUntil,
  groupAttention,
  isRunning,
  MAX_NAMED_PER_KIND,
  phaseWindow,
  reviewProgress,
  turnoutShare,
  votingEndsSoon,
  type AttentionItem,
} from "~/workspace/dashboard";

const NOW = new Date("2027-03-15T12:00:00Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

describe("the staff dashboard's rules", () => {
  it("keeps a round on the dashboard until its results are published", () => {
    expect(["DRAFT", "SUBMISSION", "REVIEW", "VOTING", "TALLY"].every((phase) => isRunning(phase as never))).toBe(true);
    expect(isRunning("PUBLISHED")).toBe(false);
    expect(isRunning("CLOSED")).toBe(false);
  });

  it("counts days left rounded up, and negative once the date has passed", () => {
    expect(daysUntil(at(1), NOW)).toBe(1);
    expect(daysUntil(at(48), NOW)).toBe(2);
    expect(daysUntil(at(-25), NOW)).toBe(-1);
  });

  it("takes the current phase's planned dates; phases without a planned end have no days left", () => {
    expect(phaseWindow({ phase: "VOTING", votingStartsAt: at(-48), votingEndsAt: at(72), submissionEndsAt: at(-500) }, NOW)).toEqual({
      from: at(-48),
      until: at(72),
      daysLeft: 3,
    });
    expect(phaseWindow({ phase: "TALLY", votingEndsAt: at(-1) }, NOW)).toEqual({ from: null, until: null, daysLeft: null });
  });

  it("flags voting that ends within three days, or should have ended", () => {
    expect(votingEndsSoon({ phase: "VOTING", votingEndsAt: at(72) }, NOW)).toBe(true);
    expect(votingEndsSoon({ phase: "VOTING", votingEndsAt: at(-5) }, NOW)).toBe(true);
    expect(votingEndsSoon({ phase: "VOTING", votingEndsAt: at(73) }, NOW)).toBe(false);
    expect(votingEndsSoon({ phase: "VOTING", votingEndsAt: null }, NOW)).toBe(false);
    expect(votingEndsSoon({ phase: "REVIEW", votingEndsAt: at(1) }, NOW)).toBe(false);
  });

  it("has no turnout without a known number of voters", () => {
    expect(turnoutShare(3, 4)).toBe(0.75);
    expect(turnoutShare(3, 0)).toBeNull();
  });

  it("owes a review from every member for every reviewable proposal, except where panel/policy calls the member conflicted", () => {
    const proposal = (id: string, people: { authorId?: string; memberIds?: string[]; declaredConflicts?: string[] }) => ({
      id,
      authorId: "resident",
      memberIds: [],
      declaredConflicts: [],
      ...people,
    });
    const panel = { reviewable: 3, memberIds: ["ann", "bo"], completeReviews: [] };
    expect(reviewProgress({ ...panel, conflictable: [] })).toEqual({ done: 0, needed: 6 });
    // Authorship, co-carrying and a declared conflict each take one pair out; someone off the panel takes none.
    const conflictable = [
      proposal("own", { authorId: "ann" }),
      proposal("carried", { memberIds: ["bo", "resident2"] }),
      proposal("declared", { declaredConflicts: ["ann", "former"] }),
    ];
    expect(reviewProgress({ ...panel, conflictable })).toEqual({ done: 0, needed: 3 });
    // A member both author and declared (stored before they wrote it) is one pair, not two.
    expect(reviewProgress({ ...panel, conflictable: [proposal("both", { authorId: "ann", declaredConflicts: ["ann"] })] })).toEqual({ done: 0, needed: 5 });
    expect(reviewProgress({ ...panel, reviewable: 0, conflictable: [] })).toEqual({ done: 0, needed: 0 });
  });

  it("counts as done only the complete reviews of current members who are not conflicted", () => {
    const conflictable = [{ id: "declared", authorId: "resident", memberIds: [], declaredConflicts: ["bo"] }];
    const completeReviews = [
      { proposalId: "plain", userId: "ann" },
      { proposalId: "plain", userId: "bo" },
      { proposalId: "plain", userId: "former" },
      { proposalId: "declared", userId: "bo" },
    ];
    expect(reviewProgress({ reviewable: 2, memberIds: ["ann", "bo"], conflictable, completeReviews })).toEqual({ done: 2, needed: 3 });
  });

  it("groups the attention list by kind, naming at most twenty of each and counting the rest", () => {
    const round = { id: "r", originalLocale: "nl", translations: [] };
    const proposal = (id: number) => ({ id: `p${id}`, roundId: "r", number: id, originalLocale: "nl", texts: [] });
    const items: AttentionItem[] = [
      ...Array.from({ length: MAX_NAMED_PER_KIND + 3 }, (_, i): AttentionItem => ({ kind: "feasibility", proposal: proposal(i) })),
      { kind: "resultsUnpublished", round },
    ];
    expect(groupAttention(items).map((group) => [group.kind, group.items.length, group.more])).toEqual([
      ["feasibility", MAX_NAMED_PER_KIND, 3],
      ["resultsUnpublished", 1, 0],
    ]);
  });
});
