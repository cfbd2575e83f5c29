import type { Db } from "~/db.server";

/** How long an answer is remembered: a banner that stays a few seconds after the demo data went is harmless. */
export const DEMO_ANSWER_REMEMBERED_MS = 10_000;
const remembered = new WeakMap<Db, { present: boolean; until: number }>();

/**
 * Demo data is present while any account made by the demo seed exists; every page then says so. Asked for
 * every rendered page, it is read once per DEMO_ANSWER_REMEMBERED_MS and database, not per page (a query
 * for each page was a few percent of a rendered page's time).
 */
export async function demoDataPresent(db: Db, now = Date.now()): Promise<boolean> {
  const known = remembered.get(db);
  if (known && now < known.until) return known.present;
  // One row through the index instead of counting them all.
  const present = (await db.user.findFirst({ where: { isDemo: true }, select: { id: true } })) !== null;
  remembered.set(db, { present, until: now + DEMO_ANSWER_REMEMBERED_MS });
  return present;
}
