// A neighbourhood's boundary as staff upload or paste it: GeoJSON, checked before it is stored, so every
// page that reads it (the proposal map, the parklet street check) can trust it.
import type { GeoPolygon } from "~/kernel/geo";

/** Belgium's bounding box with a little margin (WGS 84): a boundary outside it is a mistake (swapped axes, another country). */
export const BELGIUM = { west: 2.5, east: 6.45, south: 49.45, north: 51.55 } as const;

/** A neighbourhood is larger than a square of 100 m by 100 m and smaller than a large city (Antwerp is about 204 km²). */
export const MIN_AREA_M2 = 10_000;
export const MAX_AREA_M2 = 250_000_000;

/** More points than any drawn or exported neighbourhood needs; keeps the crossing check cheap. */
export const MAX_POINTS = 5000;

export type BoundaryProblem =
  "notJson" | "notPolygon" | "tooManyPoints" | "notClosed" | "tooFewPoints" | "selfIntersecting" | "outsideBelgium" | "tooSmall" | "tooLarge";

export type BoundaryCheck = { ok: true; polygon: GeoPolygon } | { ok: false; problem: BoundaryProblem };

type Point = [number, number];

/**
 * The polygon GeoJSON text describes, checked: a Polygon, a Feature holding one, or a FeatureCollection of
 * exactly one such Feature (what geojson.io and QGIS export). Only the outline counts (holes are dropped:
 * no page uses them). The outline must be closed, simple (no edge crosses another), inside Belgium, and
 * of a neighbourhood's size.
 */
export function checkBoundary(text: string): BoundaryCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "notJson" };
  }
  const outline = outlineOf(value);
  if (!outline) return { ok: false, problem: "notPolygon" };
  if (outline.length > MAX_POINTS) return { ok: false, problem: "tooManyPoints" };
  const first = outline[0]!;
  const last = outline[outline.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, problem: "notClosed" };
  if (new Set(outline.slice(1).map(([x, y]) => `${x},${y}`)).size < 3) return { ok: false, problem: "tooFewPoints" };
  const outside = outline.some(
    ([longitude, latitude]) => longitude < BELGIUM.west || longitude > BELGIUM.east || latitude < BELGIUM.south || latitude > BELGIUM.north,
  );
  if (outside) return { ok: false, problem: "outsideBelgium" };
  if (crossesItself(outline)) return { ok: false, problem: "selfIntersecting" };
  const area = areaInSquareMetres(outline);
  if (area < MIN_AREA_M2) return { ok: false, problem: "tooSmall" };
  if (area > MAX_AREA_M2) return { ok: false, problem: "tooLarge" };
  return { ok: true, polygon: { type: "Polygon", coordinates: [outline] } };
}

function isPoint(value: unknown): value is Point {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

/** The outline ring of a Polygon, a Feature of one, or a collection of exactly one such Feature. */
function outlineOf(value: unknown): Point[] | null {
  if (typeof value !== "object" || value === null) return null;
  const object = value as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };
  if (object.type === "FeatureCollection") return Array.isArray(object.features) && object.features.length === 1 ? outlineOf(object.features[0]) : null;
  if (object.type === "Feature") return outlineOf(object.geometry);
  if (object.type !== "Polygon" || !Array.isArray(object.coordinates)) return null;
  const ring: unknown = object.coordinates[0];
  if (!Array.isArray(ring) || !ring.every(isPoint)) return null;
  // Altitude, if any, is dropped: only [longitude, latitude] is stored.
  return ring.map(([longitude, latitude]) => [longitude, latitude]);
}

/** Metres per degree at the outline's latitude: plenty exact over a neighbourhood (an equirectangular projection). */
function projected(outline: Point[]): Point[] {
  const latitude = outline.reduce((sum, [, y]) => sum + y, 0) / outline.length;
  const metresPerDegree = 111_320;
  const xScale = metresPerDegree * Math.cos((latitude * Math.PI) / 180);
  return outline.map(([x, y]) => [x * xScale, y * metresPerDegree]);
}

function areaInSquareMetres(outline: Point[]): number {
  const points = projected(outline);
  let twice = 0;
  for (let i = 0; i < points.length - 1; i++) twice += points[i]![0] * points[i + 1]![1] - points[i + 1]![0] * points[i]![1];
  return Math.abs(twice) / 2;
}

function orientation(a: Point, b: Point, c: Point): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

function segmentsTouch(a: Point, b: Point, c: Point, d: Point): boolean {
  const [o1, o2, o3, o4] = [orientation(a, b, c), orientation(a, b, d), orientation(c, d, a), orientation(c, d, b)];
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** Whether two edges of the closed outline meet anywhere but at the corner they share. */
function crossesItself(outline: Point[]): boolean {
  const edges = outline.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 1; j < edges; j++) {
      // Neighbouring edges share a corner (the first and the last edge too).
      if (j === i + 1 || (i === 0 && j === edges - 1)) continue;
      if (segmentsTouch(outline[i]!, outline[i + 1]!, outline[j]!, outline[j + 1]!)) return true;
    }
  }
  return false;
}
