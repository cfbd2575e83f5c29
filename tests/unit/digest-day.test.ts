import { describe, expect, it } from "vitest";
import { digestDay, digestDueAt } from "~/notifications/kinds";

describe("the day a notification digest gathers, and when it goes", () => {
  it("counts days on the city's calendar: half past midnight in Brussels is the new day, winter and summer", () => {
    expect(digestDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01"); // 00:30 CET
    expect(digestDay(new Date("2026-12-31T22:30:00Z"))).toBe("2026-12-31"); // 23:30 CET
    expect(digestDay(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01"); // 00:30 CEST
    expect(digestDay(new Date("2026-06-30T21:30:00Z"))).toBe("2026-06-30"); // 23:30 CEST
  });

  it("sends a day's digest at six the next morning in Brussels, across the change of the clocks", () => {
    expect(digestDueAt("2027-01-01").toISOString()).toBe("2027-01-02T05:00:00.000Z");
    expect(digestDueAt("2026-07-01").toISOString()).toBe("2026-07-02T04:00:00.000Z");
    // The clocks go forward in the night of 28 to 29 March 2026: the morning after is summer time.
    expect(digestDueAt("2026-03-28").toISOString()).toBe("2026-03-29T04:00:00.000Z");
    expect(digestDueAt("2026-10-24").toISOString()).toBe("2026-10-25T05:00:00.000Z");
  });
});
