// The city's clock: every date is read and shown in Europe/Brussels time, whatever the reader's
// device says. Pure arithmetic on instants, wall times ("2026-03-01T09:00") and days ("2026-03-01").
/** Every date is shown in the city's time zone, whatever the reader's device says. */
import { dateTimeFormat } from "./intl";
export const CITY_TIME_ZONE = "Europe/Brussels";

/** Offset of a zone from UTC at an instant, in minutes (Brussels: +60 in winter, +120 in summer). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * "2026-03-01T09:00" as read on a clock in Brussels → the UTC instant. Returns null for text that is
 * not such a wall time. In the autumn hour that happens twice the earlier instant is chosen; a time
 * in the skipped spring hour is moved forward by the gap, as clocks do.
 */
export function cityWallTimeToDate(wallTime: string, timeZone = CITY_TIME_ZONE): Date | null {
  const match = WALL_TIME.exec(wallTime);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return null;
  }
  // The offset a day before and a day after cover both sides of any daylight-saving change.
  const offsetBefore = zoneOffsetMinutes(new Date(asUtc - 86_400_000), timeZone);
  const offsetAfter = zoneOffsetMinutes(new Date(asUtc + 86_400_000), timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => dateToCityWallTime(new Date(instant), timeZone) === wallTime)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? asUtc - offsetBefore * 60_000);
}

/** The UTC instant → "YYYY-MM-DDTHH:mm" on a Brussels clock (the value of an <input type="datetime-local">). */
export function dateToCityWallTime(date: Date, timeZone = CITY_TIME_ZONE): string {
  const shifted = new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** Today's date on a Brussels calendar, "YYYY-MM-DD". */
export function cityToday(now = new Date()): string {
  return dateToCityWallTime(now).slice(0, 10);
}

/** "YYYY-MM-DD" plus a number of days (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a real calendar day "YYYY-MM-DD" (not 2027-02-30). */
export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
