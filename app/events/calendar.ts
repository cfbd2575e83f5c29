import { addDays } from "~/kernel/city-time";

/** Monday of the week a day ("YYYY-MM-DD") falls in. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Items grouped by the Monday of their week, weeks in order, items in the order given. */
export function groupByWeek<T>(items: T[], dayOf: (item: T) => string): { weekStart: string; items: T[] }[] {
  const weeks = new Map<string, T[]>();
  for (const item of items) {
    const start = weekStart(dayOf(item));
    weeks.set(start, [...(weeks.get(start) ?? []), item]);
  }
  return [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([start, grouped]) => ({ weekStart: start, items: grouped }));
}

/** The weeks (Monday to Sunday) that show a month ("YYYY-MM"), each day with the items on it. */
export function monthGrid<T>(month: string, items: T[], dayOf: (item: T) => string) {
  const first = `${month}-01`;
  const weeks: { day: string; inMonth: boolean; items: T[] }[][] = [];
  let day = weekStart(first);
  do {
    const week = Array.from({ length: 7 }, (_, index) => {
      const date = addDays(day, index);
      return { day: date, inMonth: date.startsWith(month), items: items.filter((item) => dayOf(item) === date) };
    });
    weeks.push(week);
    day = addDays(day, 7);
  } while (day.startsWith(month));
  return weeks;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function shiftMonth(month: string, delta: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}
