// Databases for tests: the suite runs on SQLite always and on PostgreSQL when a server is available
// (WB_TEST_POSTGRES=1, set by the test runner after it checked the server; always on in CI).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/migrate.ts";

export type TestProvider = "sqlite" | "postgresql";

export type TestDatabase = {
  provider: TestProvider;
  /** A DATABASE_URL for createPrismaClient() / applyMigrations(), with every migration applied. */
  url: string;
  /** Deletes the SQLite file or drops the PostgreSQL database (WITH (FORCE)). Idempotent. */
  cleanup(): Promise<void>;
};

/** The server throwaway test databases are created on (a maintenance database on it, e.g. `postgres`). */
export function testPostgresUrl(): string {
  return process.env.TEST_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
}

/** True when the test PostgreSQL server answers within `timeoutMs`. */
export async function postgresAvailable(timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({
    connectionString: testPostgresUrl(),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The providers the suite runs on: SQLite always, PostgreSQL when WB_TEST_POSTGRES=1 (or CI=true). */
export function testProviders(): TestProvider[] {
  const postgres = process.env.WB_TEST_POSTGRES === "1" || process.env.CI === "true";
  return postgres ? ["sqlite", "postgresql"] : ["sqlite"];
}

/** `url` with its database name replaced. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onTestServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl(), connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A fresh database with all migrations applied: a new SQLite file in os.tmpdir(), or a throwaway
 * PostgreSQL database `wb_test_<random>` on the test server. Call cleanup() when done (e.g. in afterAll).
 * `{ migrate: false }` leaves it empty (no file yet for SQLite), for tests of the migrations themselves.
 * `{ template }` (PostgreSQL): a copy of that database (CREATE DATABASE … TEMPLATE), migrated as it is.
 */
export async function createTestDatabase(
  provider: TestProvider,
  { migrate = true, template }: { migrate?: boolean; template?: string } = {},
): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "wb-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      if (migrate) await applyMigrations(url);
    } catch (e) {
      await cleanup();
      throw e;
    }
    return { provider, url, cleanup };
  }

  const name = `wb_test_${randomBytes(6).toString("hex")}`;
  await onTestServer((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  let dropped = false;
  const cleanup = async () => {
    if (dropped) return;
    dropped = true;
    await onTestServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  const url = withDatabase(testPostgresUrl(), name);
  try {
    if (migrate && !template) await applyMigrations(url);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { provider, url, cleanup };
}

/** The name of the PostgreSQL database `url` points at. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Lets nobody connect to the PostgreSQL database `url` any more, so it can serve as a template for
 * createTestDatabase() (CREATE DATABASE … TEMPLATE fails while anyone is connected to the template).
 */
export async function closeForConnections(url: string): Promise<void> {
  await onTestServer((client) => client.query(`ALTER DATABASE "${databaseName(url)}" WITH ALLOW_CONNECTIONS false`));
}
