/** A GeoJSON Polygon: rings of [longitude, latitude]; the first ring is the outline, others are holes. */
export interface GeoPolygon {
  type: "Polygon";
  coordinates: [number, number][][];
}

export function parsePolygon(text: string): GeoPolygon | null {
  try {
    const value = JSON.parse(text) as GeoPolygon;
    const ok =
      value?.type === "Polygon" &&
      Array.isArray(value.coordinates) &&
      value.coordinates.every(
        (ring) => Array.isArray(ring) && ring.length >= 4 && ring.every((point) => Array.isArray(point) && point.length >= 2 && point.every(Number.isFinite)),
      );
    return ok && value.coordinates.length > 0 ? value : null;
  } catch {
    return null;
  }
}

/** Ray casting: whether the point lies inside the ring (points exactly on an edge may go either way). */
function insideRing(longitude: number, latitude: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const crosses = yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(point: { longitude: number; latitude: number }, polygon: GeoPolygon): boolean {
  const [outline, ...holes] = polygon.coordinates;
  if (!outline || !insideRing(point.longitude, point.latitude, outline)) return false;
  return !holes.some((hole) => insideRing(point.longitude, point.latitude, hole));
}

/** The middle of the outline's bounding box, to centre a map on the neighbourhood. */
export function centreOf(polygon: GeoPolygon): { longitude: number; latitude: number } {
  const outline = polygon.coordinates[0]!;
  const longitudes = outline.map(([longitude]) => longitude);
  const latitudes = outline.map(([, latitude]) => latitude);
  return {
    longitude: (Math.min(...longitudes) + Math.max(...longitudes)) / 2,
    latitude: (Math.min(...latitudes) + Math.max(...latitudes)) / 2,
  };
}
