// `npm start`'s database step, in one process (one tsx start instead of two): applies the pending
// migrations (as `npm run db:migrate`), then seeds demo data into an empty SQLite database unless
// SEED_DEMO=0 (as `npm run db:seed -- --if-empty`). PostgreSQL is never seeded implicitly.
import { runAsCommand } from "./cli.ts";
import { defaultDatabaseUrl, deploy } from "./migrate.ts";
import { providerOf } from "./schema-engine.ts";
import { seedDemoData } from "./seed.ts";

await runAsCommand(import.meta.url, "prepare:", async () => {
  const url = await defaultDatabaseUrl();
  await deploy(url);
  if (providerOf(url) === "sqlite") await seedDemoData(url, { ifEmpty: true });
  return 0;
});
