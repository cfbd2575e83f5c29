import type { Db } from "~/db.server";

/** Demo data is present while any account made by the demo seed exists; every page then says so. */
export async function demoDataPresent(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { isDemo: true } })) > 0;
}
