import { describe, expect, it } from "vitest";
import { activityPerDay, perDay, turnout } from "~/workspace/stats";

describe("a round's statistics", () => {
  it("counts per Brussels day, from the first to the last, with the quiet days in between", () => {
    const moments = [
      new Date("2026-03-01T22:30:00Z"), // 23:30 in Brussels: still 1 March
      new Date("2026-03-01T23:30:00Z"), // 00:30 in Brussels: 2 March
      new Date("2026-03-04T10:00:00Z"),
      new Date("2026-03-04T11:00:00Z"),
    ];
    expect(perDay(moments)).toEqual([
      { day: "2026-03-01", count: 1 },
      { day: "2026-03-02", count: 1 },
      { day: "2026-03-03", count: 0 },
      { day: "2026-03-04", count: 2 },
    ]);
    expect(perDay([])).toEqual([]);
  });

  it("puts comments per day next to proposals per day, over the days either spans", () => {
    const proposals = [new Date("2026-03-02T10:00:00Z")];
    const comments = [new Date("2026-03-01T22:30:00Z"), new Date("2026-03-04T10:00:00Z"), new Date("2026-03-04T12:00:00Z")];
    expect(activityPerDay(proposals, comments)).toEqual([
      { day: "2026-03-01", proposals: 0, comments: 1 },
      { day: "2026-03-02", proposals: 1, comments: 0 },
      { day: "2026-03-03", proposals: 0, comments: 0 },
      { day: "2026-03-04", proposals: 0, comments: 2 },
    ]);
    expect(activityPerDay([], [])).toEqual([]);
  });

  it("gives turnout only where the number of eligible voters is known", () => {
    expect(turnout(30, 120)).toBe(0.25);
    expect(turnout(30, 0)).toBeNull();
  });
});
