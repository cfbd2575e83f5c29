// `npm run db:seed`: demo data. With --if-empty (what `npm start` runs, through prepare.ts) only into an
// empty database. SEED_DEMO=0 refuses: production never gets demo accounts.
import { createPrismaClient, databaseUrl } from "~/db.server";
import { databaseIsEmpty, DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";
import { runAsCommand } from "./cli.ts";

/** Seeds the demo data into `url`'s database (with `ifEmpty`, only when it has no data yet), unless SEED_DEMO=0. */
export async function seedDemoData(url: string, { ifEmpty }: { ifEmpty: boolean }): Promise<void> {
  if (process.env.SEED_DEMO === "0") {
    console.log("SEED_DEMO=0: no demo data is seeded.");
    return;
  }
  const db = createPrismaClient(url);
  try {
    if (ifEmpty && !(await databaseIsEmpty(db))) {
      console.log("The database already has data: no demo data seeded.");
    } else {
      const counts = await seedDemo(db);
      console.log(`Demo data: ${counts.neighbourhoods} neighbourhoods, ${counts.rounds} rounds, ${counts.users} accounts (password "${DEMO_PASSWORD}").`);
    }
  } finally {
    await db.$disconnect();
  }
}

await runAsCommand(import.meta.url, "seed:", async (args) => {
  await seedDemoData(databaseUrl(), { ifEmpty: args.includes("--if-empty") });
  return 0;
});
