import { describe, expect, it } from "vitest";
import { checkBoundary } from "~/neighbourhoods/boundary";

/** A closed square of `side` degrees with its south-west corner at (longitude, latitude). */
const square = (longitude: number, latitude: number, side = 0.01): [number, number][] => [
  [longitude, latitude],
  [longitude + side, latitude],
  [longitude + side, latitude + side],
  [longitude, latitude + side],
  [longitude, latitude],
];
const polygon = (ring: unknown[]) => JSON.stringify({ type: "Polygon", coordinates: [ring] });
const problemOf = (text: string) => {
  const check = checkBoundary(text);
  return check.ok ? null : check.problem;
};

describe("a neighbourhood boundary", () => {
  it("accepts a closed polygon in Belgium of a neighbourhood's size (about 0.8 km² in Mechelen)", () => {
    const check = checkBoundary(polygon(square(4.47, 51.02)));
    expect(check).toEqual({ ok: true, polygon: { type: "Polygon", coordinates: [square(4.47, 51.02)] } });
  });

  it("takes the polygon out of a Feature or a collection of exactly one Feature, and drops altitude and holes", () => {
    const feature = {
      type: "Feature",
      properties: {},
      geometry: { type: "Polygon", coordinates: [square(3.72, 51.06).map(([x, y]) => [x, y, 12]), square(3.722, 51.062, 0.001)] },
    };
    expect(checkBoundary(JSON.stringify(feature))).toEqual({ ok: true, polygon: { type: "Polygon", coordinates: [square(3.72, 51.06)] } });
    expect(checkBoundary(JSON.stringify({ type: "FeatureCollection", features: [feature] })).ok).toBe(true);
    expect(problemOf(JSON.stringify({ type: "FeatureCollection", features: [feature, feature] }))).toBe("notPolygon");
  });

  it("refuses text that is no JSON, and JSON that is no polygon", () => {
    expect(problemOf("{type: Polygon")).toBe("notJson");
    expect(problemOf(JSON.stringify({ type: "Point", coordinates: [4.47, 51.02] }))).toBe("notPolygon");
    expect(problemOf(JSON.stringify({ type: "MultiPolygon", coordinates: [[square(4.47, 51.02)]] }))).toBe("notPolygon");
    expect(problemOf(polygon([[4.47, "51.02"], ...square(4.47, 51.02).slice(1)]))).toBe("notPolygon");
    expect(problemOf("null")).toBe("notPolygon");
  });

  it("refuses an outline that is not closed, or has fewer than three different points", () => {
    expect(problemOf(polygon(square(4.47, 51.02).slice(0, 4)))).toBe("notClosed");
    expect(
      problemOf(
        polygon([
          [4.47, 51.02],
          [4.48, 51.02],
          [4.47, 51.02],
          [4.47, 51.02],
        ]),
      ),
    ).toBe("tooFewPoints");
  });

  it("refuses an outline that crosses itself (a bow tie)", () => {
    const bowTie = [
      [4.47, 51.02],
      [4.48, 51.03],
      [4.48, 51.02],
      [4.47, 51.03],
      [4.47, 51.02],
    ];
    expect(problemOf(polygon(bowTie))).toBe("selfIntersecting");
  });

  it("refuses a boundary outside Belgium, including one with latitude and longitude swapped", () => {
    expect(problemOf(polygon(square(2.35, 48.85)))).toBe("outsideBelgium"); // Paris
    expect(problemOf(polygon(square(51.02, 4.47)))).toBe("outsideBelgium"); // Mechelen, axes swapped
    expect(problemOf(polygon(square(6.44, 50.5, 0.02)))).toBe("outsideBelgium"); // crosses the eastern edge
  });

  it("refuses a boundary too small or too large for a neighbourhood", () => {
    expect(problemOf(polygon(square(4.47, 51.02, 0.0005)))).toBe("tooSmall"); // about 35 m by 55 m
    expect(problemOf(polygon(square(4.0, 50.5, 0.5)))).toBe("tooLarge"); // about 1950 km²
  });

  it("refuses more points than any neighbourhood needs", () => {
    const many = Array.from({ length: 5001 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 5001;
      return [4.47 + 0.01 * Math.cos(angle), 51.02 + 0.01 * Math.sin(angle)];
    });
    expect(problemOf(polygon([...many, many[0]]))).toBe("tooManyPoints");
  });
});
