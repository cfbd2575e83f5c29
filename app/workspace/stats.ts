// A round's statistics for staff (issue #21): what was submitted when, by theme and status, how the panel
// and the vote went. Never ballots per day or per interface language: a ballot and a participation carry
// no time and no language by design (decision 0010), so they cannot be counted that way. Pure.
import { addDays, cityToday } from "~/kernel/city-time";

/** How many of `moments` fell on each Brussels day, from the first to the last, days without any included. */
export function perDay(moments: readonly Date[]): { day: string; count: number }[] {
  if (moments.length === 0) return [];
  const counts = new Map<string, number>();
  for (const moment of moments) {
    const day = cityToday(moment);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const days = [...counts.keys()].sort();
  const rows: { day: string; count: number }[] = [];
  for (let day = days[0]!; day <= days[days.length - 1]!; day = addDays(day, 1)) rows.push({ day, count: counts.get(day) ?? 0 });
  return rows;
}

/** Proposals submitted and comments posted on each Brussels day, over the days either spans (issue #21 item 3). */
export function activityPerDay(proposals: readonly Date[], comments: readonly Date[]): { day: string; proposals: number; comments: number }[] {
  const days = perDay([...proposals, ...comments]);
  const count = (moments: readonly Date[]) => new Map(perDay(moments).map((row) => [row.day, row.count]));
  const [proposalCounts, commentCounts] = [count(proposals), count(comments)];
  return days.map(({ day }) => ({ day, proposals: proposalCounts.get(day) ?? 0, comments: commentCounts.get(day) ?? 0 }));
}

/** Turnout as a share of the eligible voters, or null where their number is not known (self-declared voters, no codes). */
export function turnout(ballots: number, eligible: number): number | null {
  return eligible > 0 ? ballots / eligible : null;
}
