// Demo databases for test servers. Migrating and seeding takes a server a few seconds of CPU, so the
// integration and e2e projects make one of each provider per vitest run (tests/global-setup.ts) and every
// startTestServer() copies it: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeForConnections, createTestDatabase, databaseName, testProviders } from "./databases";

/** What tests/global-setup.ts hands the test files (vitest's provide/inject). */
export type DemoTemplates = {
  /** A SQLite file migrated and seeded by scripts/db/prepare.ts, as a server does on its first start. */
  sqlite: string;
  /** A PostgreSQL database migrated and seeded by seedDemoDatabase(); nobody may connect to it. */
  postgresql: string | null;
};

function tsx(script: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr?.on("data", (chunk) => (errors += chunk));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${script} failed: ${errors}`))));
  });
}

/** Seeds the demo data into a database the way `npm run db:seed` does. */
export function seedDemoDatabase(databaseUrl: string): Promise<void> {
  return tsx("scripts/db/seed.ts", [], { DATABASE_URL: databaseUrl, SEED_DEMO: "1" });
}

/** Both templates (PostgreSQL only when the suite runs on it), and what removes them again. */
export async function createDemoTemplates(): Promise<{ templates: DemoTemplates; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "wb-template-"));
  const sqliteFile = path.join(dir, "app.db");
  const postgres = testProviders().includes("postgresql") ? await createTestDatabase("postgresql") : null;
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
    await postgres?.cleanup();
  };
  try {
    await Promise.all([
      // The step scripts/start.mjs runs before serving, on the empty database a server starts with.
      tsx("scripts/db/prepare.ts", [], { DATABASE_URL: `file:${sqliteFile}`, SEED_DEMO: "1", NODE_ENV: "production" }),
      postgres && seedDemoDatabase(postgres.url).then(() => closeForConnections(postgres.url)),
    ]);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { templates: { sqlite: sqliteFile, postgresql: postgres && databaseName(postgres.url) }, cleanup };
}
