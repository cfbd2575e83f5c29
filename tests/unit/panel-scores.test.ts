import { describe, expect, it } from "vitest";
import { reviewSchema } from "~/panel/schema";
import { formatPanelScore, isComplete, memberScore, panelScore, rankByPanelScore } from "~/panel/scores";
import { rational } from "~/kernel/rational";

// Two criteria: impact weighs 2, feasibility 1 (scale 1–5).
const criteria = [
  { id: "impact", weight: 2 },
  { id: "feasibility", weight: 1 },
];
const scores = (impact?: number, feasibility?: number) =>
  new Map(
    [
      ["impact", impact],
      ["feasibility", feasibility],
    ].filter((entry): entry is [string, number] => entry[1] !== undefined),
  );

describe("a member's score", () => {
  it("is the weighted average Σ w·s / Σ w, exactly", () => {
    // (2·5 + 1·2) / 3 = 12/3 = 4
    expect(memberScore(criteria, scores(5, 2))).toEqual(rational(4));
    // (2·4 + 1·3) / 3 = 11/3, not a rounded 3.67
    expect(memberScore(criteria, scores(4, 3))).toEqual(rational(11, 3));
  });

  it("does not exist while a criterion is unscored", () => {
    expect(memberScore(criteria, scores(5))).toBeNull();
    expect(isComplete(criteria, scores(5))).toBe(false);
    expect(isComplete(criteria, scores(5, 1))).toBe(true);
  });

  it("ignores scores of criteria that no longer exist, and a panel without criteria completes nothing", () => {
    const withStale = new Map([...scores(3, 3), ["removed", 1]]);
    expect(memberScore(criteria, withStale)).toEqual(rational(3));
    expect(isComplete([], new Map())).toBe(false);
  });
});

describe("a proposal's panel score", () => {
  it("is the mean of the counting members' scores", () => {
    const reviews = [
      { userId: "an", scores: scores(5, 2) }, // 4
      { userId: "bo", scores: scores(4, 3) }, // 11/3
    ];
    // (4 + 11/3) / 2 = 23/6
    expect(panelScore(criteria, reviews, new Set())).toEqual({ score: rational(23, 6), counted: 2 });
  });

  it("leaves out incomplete reviews", () => {
    const reviews = [
      { userId: "an", scores: scores(5, 2) },
      { userId: "bo", scores: scores(1) },
    ];
    expect(panelScore(criteria, reviews, new Set())).toEqual({ score: rational(4), counted: 1 });
  });

  it("never counts a conflicted member, even with a complete review", () => {
    const reviews = [
      { userId: "an", scores: scores(5, 5) },
      { userId: "bo", scores: scores(1, 1) },
    ];
    expect(panelScore(criteria, reviews, new Set(["an"]))).toEqual({ score: rational(1), counted: 1 });
  });

  it("is 'no score' (null, not 0) when every member is conflicted or nobody finished", () => {
    const reviews = [{ userId: "an", scores: scores(5, 5) }];
    expect(panelScore(criteria, reviews, new Set(["an"]))).toEqual({ score: null, counted: 0 });
    expect(panelScore(criteria, [], new Set())).toEqual({ score: null, counted: 0 });
  });
});

describe("ranking by panel score", () => {
  it("puts ties on the same rank, keeps their order, and 'no score' last without a rank", () => {
    const ranked = rankByPanelScore([
      { id: "#1", score: rational(7, 2) },
      { id: "#2", score: null },
      { id: "#3", score: rational(4) },
      { id: "#4", score: rational(14, 4) }, // = 7/2, ties with #1
      { id: "#5", score: rational(1) },
    ]);
    expect(ranked.map((row) => [row.id, row.rank])).toEqual([
      ["#3", 1],
      ["#1", 2],
      ["#4", 2],
      ["#5", 4],
      ["#2", null],
    ]);
  });

  it("formats a score with one decimal in the reader's language", () => {
    expect(formatPanelScore(rational(23, 6), "nl")).toBe("3,8");
    expect(formatPanelScore(rational(23, 6), "en")).toBe("3.8");
  });
});

describe("the review form", () => {
  const schema = reviewSchema(["impact", "feasibility"], { min: 1, max: 5 });
  it("accepts a half-done review and refuses scores off the scale", () => {
    const half = schema.safeParse({ intent: "review", scores: { impact: "4", feasibility: "" }, comment: "", recommendation: "" });
    expect(half.success && half.data.scores).toEqual({ impact: 4, feasibility: null });
    const off = schema.safeParse({ intent: "review", scores: { impact: "6" } });
    expect(off.success).toBe(false);
    expect(off.error?.issues[0]).toMatchObject({ path: ["scores", "impact"], message: "panel:validation.scoreRange" });
    expect(schema.safeParse({ intent: "review", scores: { impact: "0" } }).success).toBe(false);
    expect(schema.safeParse({ intent: "review", recommendation: "MAYBE" }).success).toBe(false);
  });
});
