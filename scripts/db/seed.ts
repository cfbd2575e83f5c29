// `npm run db:seed`: demo data. With --if-empty (what `npm start` runs) only into an empty database.
// SEED_DEMO=0 refuses: production never gets demo accounts.
import { createPrismaClient, databaseUrl } from "~/db.server";
import { databaseIsEmpty, DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";

if (process.env.SEED_DEMO === "0") {
  console.log("SEED_DEMO=0: no demo data is seeded.");
  process.exit(0);
}
const db = createPrismaClient(databaseUrl());
try {
  if (process.argv.includes("--if-empty") && !(await databaseIsEmpty(db))) {
    console.log("The database already has data: no demo data seeded.");
  } else {
    const counts = await seedDemo(db);
    console.log(`Demo data: ${counts.neighbourhoods} neighbourhoods, ${counts.rounds} rounds, ${counts.users} accounts (password "${DEMO_PASSWORD}").`);
  }
} finally {
  await db.$disconnect();
}
