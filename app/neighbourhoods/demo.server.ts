import type { Db } from "~/db.server";

/** Demo data is present while any account made by the demo seed exists; every page then says so. */
export async function demoDataPresent(db: Db): Promise<boolean> {
  // Asked on every page: find one row through the index instead of counting them all.
  return (await db.user.findFirst({ where: { isDemo: true }, select: { id: true } })) !== null;
}
