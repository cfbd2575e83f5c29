import { describe, expect, it } from "vitest";
import { streetLevel, streetLevelCoordinate } from "~/open-data/round-data";

describe("a proposal's location in the open data", () => {
  it.each([
    ["Gasmeterlaan 12a bus 3", "Gasmeterlaan"],
    ["Rolliersstraat 14", "Rolliersstraat"],
    ["Kroonmolenplein", "Kroonmolenplein"],
    ["Hoek Sleepstraat 2 / Wondelgemstraat 101", "Hoek Sleepstraat / Wondelgemstraat"],
    ["Rue du Marché 7 bte 2, Oostende", "Rue du Marché, Oostende"],
    ["Pleintje aan de Arsenaalstraat", "Pleintje aan de Arsenaalstraat"],
    ["12", null],
    ["", null],
  ])("keeps the street of %j without house numbers", (typed, street) => {
    expect(streetLevel(typed)).toBe(street);
  });

  it("rounds coordinates to three decimals (about a street's length), and keeps a missing one missing", () => {
    expect(streetLevelCoordinate(51.030_123_4)).toBe(51.03);
    expect(streetLevelCoordinate(4.487_654_3)).toBe(4.488);
    expect(streetLevelCoordinate(null)).toBeNull();
  });
});
