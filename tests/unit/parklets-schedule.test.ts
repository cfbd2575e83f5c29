import { describe, expect, it } from "vitest";
import { parseFeatures, serializeFeatures } from "~/parklets/features";
import {
  daysBetween,
  findClash,
  MAX_PLACEMENT_DAYS,
  nextPlacement,
  overlaps,
  spanProblem,
  upcoming,
  whereNow,
  type PlacementStatus,
  type SchedulePlacement,
} from "~/parklets/schedule";
import { placementSchema, requestSchema } from "~/parklets/schema";
import { streetMatches } from "~/parklets/streets";
import { addDays } from "~/kernel/city-time";

let counter = 0;
function placement(firstDay: string, lastDay: string, status: PlacementStatus = "PLANNED", parkletId = "p1"): SchedulePlacement & { street: string } {
  return { id: `placement-${++counter}`, parkletId, firstDay, lastDay, status, street: "Gelijkheidstraat" };
}
const candidate = (firstDay: string, lastDay: string, parkletId = "p1") => ({ parkletId, firstDay, lastDay });

describe("the overlap rule", () => {
  const existing = placement("2027-07-01", "2027-07-10");

  it("refuses a placement starting on the day another ends (moving takes a day)", () => {
    expect(findClash(candidate("2027-07-10", "2027-07-20"), [existing])).toBe(existing);
  });

  it("refuses a placement ending on the day another starts", () => {
    expect(findClash(candidate("2027-06-20", "2027-07-01"), [existing])).toBe(existing);
  });

  it("accepts a placement starting the day after another ends, or ending the day before it starts", () => {
    expect(findClash(candidate("2027-07-11", "2027-07-20"), [existing])).toBeNull();
    expect(findClash(candidate("2027-06-20", "2027-06-30"), [existing])).toBeNull();
  });

  it("refuses the same days, and a single day on the same day", () => {
    expect(findClash(candidate("2027-07-01", "2027-07-10"), [existing])).toBe(existing);
    const oneDay = placement("2027-08-15", "2027-08-15");
    expect(findClash(candidate("2027-08-15", "2027-08-15"), [oneDay])).toBe(oneDay);
  });

  it("refuses one placement inside another, either way round", () => {
    expect(findClash(candidate("2027-07-04", "2027-07-05"), [existing])).toBe(existing);
    expect(findClash(candidate("2027-06-01", "2027-08-01"), [existing])).toBe(existing);
  });

  it("refuses a partial overlap at either end", () => {
    expect(findClash(candidate("2027-06-25", "2027-07-03"), [existing])).toBe(existing);
    expect(findClash(candidate("2027-07-08", "2027-07-15"), [existing])).toBe(existing);
  });

  it("never clashes with done or cancelled placements", () => {
    const done = placement("2027-07-01", "2027-07-10", "DONE");
    const cancelled = placement("2027-07-01", "2027-07-10", "CANCELLED");
    expect(findClash(candidate("2027-07-05", "2027-07-06"), [done, cancelled])).toBeNull();
  });

  it("only looks at the same parklet", () => {
    expect(findClash(candidate("2027-07-05", "2027-07-06", "p2"), [existing])).toBeNull();
  });

  it("names the earliest clashing placement, and never the candidate itself", () => {
    const later = placement("2027-07-20", "2027-07-25");
    const earlier = placement("2027-07-02", "2027-07-03");
    expect(findClash(candidate("2027-07-01", "2027-07-31"), [later, earlier])).toBe(earlier);
    expect(findClash({ ...candidate("2027-07-20", "2027-07-25"), id: later.id }, [later])).toBeNull();
  });

  it("works across month and year ends (days compare as calendar days)", () => {
    const newYear = placement("2027-12-31", "2027-12-31");
    expect(findClash(candidate("2028-01-01", "2028-01-05"), [newYear])).toBeNull();
    expect(findClash(candidate("2027-12-20", "2027-12-31"), [newYear])).toBe(newYear);
    expect(overlaps({ firstDay: "2028-02-28", lastDay: "2028-02-29" }, { firstDay: "2028-02-29", lastDay: "2028-03-01" })).toBe(true);
  });
});

describe("a span of days", () => {
  it("refuses a first day after the last day", () => {
    expect(spanProblem({ firstDay: "2027-07-10", lastDay: "2027-07-09" })).toBe("order");
  });

  it("accepts a single day and a span in order", () => {
    expect(spanProblem({ firstDay: "2027-07-10", lastDay: "2027-07-10" })).toBeNull();
    expect(spanProblem({ firstDay: "2027-07-10", lastDay: "2027-08-10" })).toBeNull();
  });

  it("refuses days that do not exist or are not days", () => {
    expect(spanProblem({ firstDay: "2027-02-29", lastDay: "2027-03-01" })).toBe("invalidDay");
    expect(spanProblem({ firstDay: "2027-07-10", lastDay: "10/07/2027" })).toBe("invalidDay");
  });

  it("refuses more than a year and a day", () => {
    expect(spanProblem({ firstDay: "2027-01-01", lastDay: addDays("2027-01-01", MAX_PLACEMENT_DAYS - 1) })).toBeNull();
    expect(spanProblem({ firstDay: "2027-01-01", lastDay: addDays("2027-01-01", MAX_PLACEMENT_DAYS) })).toBe("tooLong");
    expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2); // across the switch to summer time
  });

  it("is checked by the forms' schemas too", () => {
    const plan = placementSchema.safeParse({
      intent: "plan",
      parkletId: "p",
      neighbourhoodId: "n",
      street: "Duivenhokstraat",
      firstDay: "2027-07-10",
      lastDay: "2027-07-01",
    });
    expect(plan.success).toBe(false);
    expect(plan.error?.issues[0]).toMatchObject({ path: ["lastDay"], message: "parklets:validation.dayOrder" });
    const request = requestSchema.safeParse({
      neighbourhoodId: "n",
      street: "Duivenhokstraat",
      wishedFrom: "2027-07-01",
      wishedUntil: "2027-07-05",
      reason: "Zomer",
      supporters: "501",
    });
    expect(request.error?.issues[0]).toMatchObject({ path: ["supporters"], message: "parklets:validation.supporters" });
    const fine = requestSchema.parse({
      neighbourhoodId: "n",
      street: "Duivenhokstraat",
      wishedFrom: "2027-07-01",
      wishedUntil: "2027-07-05",
      reason: "Zomer",
      supporters: "12",
    });
    expect(fine.supporters).toBe(12);
  });
});

describe("where a parklet is", () => {
  const july = placement("2027-07-01", "2027-07-10");
  const august = placement("2027-08-01", "2027-08-10");
  const june = placement("2027-06-01", "2027-06-10", "DONE");
  const cancelled = placement("2027-07-15", "2027-07-20", "CANCELLED");
  const all = [august, cancelled, june, july];

  it("stands today in the planned placement holding today, first and last day included", () => {
    expect(whereNow(all, "2027-07-01")).toBe(july);
    expect(whereNow(all, "2027-07-10")).toBe(july);
    expect(whereNow(all, "2027-07-11")).toBeNull();
    expect(whereNow(all, "2027-06-05")).toBeNull(); // done placements are over
  });

  it("goes next to the earliest planned placement starting after today", () => {
    expect(nextPlacement(all, "2027-07-05")).toBe(august);
    expect(nextPlacement(all, "2027-06-30")).toBe(july);
    expect(nextPlacement(all, "2027-08-01")).toBeNull();
    expect(upcoming(all, "2027-07-05")).toEqual([july, august]);
  });
});

describe("the street search", () => {
  it("ignores case, accents, dots and extra spaces", () => {
    expect(streetMatches("Prof. Jozef Vercoulliestraat", "vercoulliestraat")).toBe(true);
    expect(streetMatches("Prof. Jozef Vercoulliestraat", "prof  jozef")).toBe(true);
    expect(streetMatches("Rue de l'Église", "eglise")).toBe(true);
    expect(streetMatches("Gelijkheidstraat", "Duivenhok")).toBe(false);
    expect(streetMatches("Gelijkheidstraat", "   ")).toBe(false);
  });
});

describe("features", () => {
  it("keep only known features, in the list's order", () => {
    expect(parseFeatures('["table","benches","jacuzzi"]')).toEqual(["benches", "table"]);
    expect(parseFeatures("not json")).toEqual([]);
    expect(serializeFeatures(["bike-rack", "plants"])).toBe('["plants","bike-rack"]');
  });
});
