/**
 * A travelling parklet's schedule, as pure functions (no Remix, no Prisma).
 *
 * Days are Brussels calendar days written "YYYY-MM-DD" (so they sort as text); a placement holds
 * its parklet from its first to its last day, both inclusive. Moving a parklet takes a day: a
 * placement may start on the day after another ends, not on the day it ends.
 */
import { isDay } from "~/kernel/city-time";

export const PLACEMENT_STATUSES = ["PLANNED", "DONE", "CANCELLED"] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** The longest a parklet is planned in one place: a year and a day, so a typo cannot block years. */
export const MAX_PLACEMENT_DAYS = 366;

export interface DaySpan {
  firstDay: string;
  lastDay: string;
}

export interface SchedulePlacement extends DaySpan {
  id: string;
  parkletId: string;
  status: PlacementStatus;
}

export type SpanProblem = "invalidDay" | "order" | "tooLong";

/** Number of days from `from` to `to` (0 for the same day; negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a first and last day cannot make a placement, or null when they can. */
export function spanProblem(span: DaySpan): SpanProblem | null {
  if (!isDay(span.firstDay) || !isDay(span.lastDay)) return "invalidDay";
  if (span.firstDay > span.lastDay) return "order";
  if (daysBetween(span.firstDay, span.lastDay) + 1 > MAX_PLACEMENT_DAYS) return "tooLong";
  return null;
}

/** Whether two spans share at least one day (both ends inclusive). */
export function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.firstDay <= b.lastDay && b.firstDay <= a.lastDay;
}

/**
 * The first PLANNED placement of the same parklet whose days overlap the candidate's, earliest
 * first; null when the candidate fits. Done and cancelled placements never block a day, and a
 * placement never clashes with itself (same id).
 */
export function findClash<T extends SchedulePlacement>(candidate: DaySpan & { parkletId: string; id?: string }, existing: readonly T[]): T | null {
  const clashes = existing.filter(
    (placement) =>
      placement.status === "PLANNED" && placement.parkletId === candidate.parkletId && placement.id !== candidate.id && overlaps(placement, candidate),
  );
  return clashes.sort(byFirstDay)[0] ?? null;
}

function byFirstDay(a: DaySpan & { id?: string }, b: DaySpan & { id?: string }): number {
  return a.firstDay.localeCompare(b.firstDay) || a.lastDay.localeCompare(b.lastDay) || (a.id ?? "").localeCompare(b.id ?? "");
}

/** Where the parklet stands on `today`: the PLANNED placement that holds that day, or null. */
export function whereNow<T extends Pick<SchedulePlacement, "status"> & DaySpan>(placements: readonly T[], today: string): T | null {
  return (
    placements.filter((placement) => placement.status === "PLANNED" && placement.firstDay <= today && today <= placement.lastDay).sort(byFirstDay)[0] ?? null
  );
}

/** Where the parklet goes next: the earliest PLANNED placement that starts after `today`, or null. */
export function nextPlacement<T extends Pick<SchedulePlacement, "status"> & DaySpan>(placements: readonly T[], today: string): T | null {
  return placements.filter((placement) => placement.status === "PLANNED" && placement.firstDay > today).sort(byFirstDay)[0] ?? null;
}

/** Current and coming PLANNED placements (not yet over on `today`), earliest first. */
export function upcoming<T extends Pick<SchedulePlacement, "status"> & DaySpan>(placements: readonly T[], today: string): T[] {
  return placements.filter((placement) => placement.status === "PLANNED" && placement.lastDay >= today).sort(byFirstDay);
}

/** A status change staff may make: only a PLANNED placement can be marked done or cancelled. */
export function canClose(status: PlacementStatus): boolean {
  return status === "PLANNED";
}
