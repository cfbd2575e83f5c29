import type { Db } from "~/db.server";
import { parsePolygon, type GeoPolygon } from "~/kernel/geo";

export interface MapPoint {
  latitude: number;
  longitude: number;
}

/** Where each of `proposalIds` takes place, for those whose authors put it on the map (never one hidden by moderation). */
export async function mapPointsOf(db: Db, proposalIds: string[]): Promise<Record<string, MapPoint>> {
  const rows = await db.proposal.findMany({
    where: { id: { in: proposalIds }, latitude: { not: null }, longitude: { not: null }, hiddenAt: null },
    select: { id: true, latitude: true, longitude: true },
  });
  return Object.fromEntries(rows.map((row) => [row.id, { latitude: row.latitude!, longitude: row.longitude! }]));
}

/** The outline of a round's neighbourhood, when the city drew one. */
export async function roundBoundary(db: Db, roundId: string): Promise<GeoPolygon | null> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { neighbourhood: { select: { boundary: true } } } });
  return round ? parsePolygon(round.neighbourhood.boundary) : null;
}
