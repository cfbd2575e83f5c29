import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, pendingSchemaDiff } from "../../scripts/db/migrate.ts";
import { createTestDatabase, testPostgresUrl, testProviders, type TestDatabase } from "../support/databases.ts";

const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Runs `sql` against the test database and returns the rows. */
/** A row as the driver returns it: column name → value. */
type Row = Record<string, unknown>;

async function query(database: TestDatabase, sql: string): Promise<Row[]> {
  if (database.provider === "sqlite") {
    const db = new Database(database.url.replace(/^file:/, ""), { readonly: true });
    try {
      return db.prepare(sql).all() as Row[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const TABLES_SQL = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table'",
  postgresql: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
};

describe("migration folders", () => {
  it("exist for both providers with the same names", () => {
    const sqlite = migrationNames(MIGRATIONS_DIR.sqlite);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(sqlite[0]).toMatch(/^\d{14}_init$/);
    expect(migrationNames(MIGRATIONS_DIR.postgresql)).toEqual(sqlite);
  });

  it.each(["sqlite", "postgresql"] as const)("have a %s migration_lock.toml", (provider) => {
    const lock = path.join(MIGRATIONS_DIR[provider], "migration_lock.toml");
    expect(existsSync(lock)).toBe(true);
    expect(readFileSync(lock, "utf8")).toContain(`provider = "${provider}"`);
  });
});

describe.each(testProviders())("migrations on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: false });
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("apply on a fresh database, create the tables and record themselves", async () => {
    const applied = await applyMigrations(database.url);
    expect(applied).toEqual(migrationNames(MIGRATIONS_DIR[provider]));

    const tables = (await query(database, TABLES_SQL[provider])).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["User", "Session", "Neighbourhood", "BudgetRound", "AuditLog", "_prisma_migrations"]));

    const rows = await query(database, "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name");
    const init = rows.find((r) => /^\d{14}_init$/.test(String(r.migration_name)));
    expect(init).toBeDefined();
    expect(init!.finished_at).not.toBeNull();
    expect(init!.rolled_back_at).toBeNull();
  });

  it("apply nothing the second time", async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  if (provider === "sqlite") {
    it("start up (nothing pending) while another process has the file open", async () => {
      const other = new Database(database.url.replace(/^file:/, ""));
      try {
        other.prepare("SELECT count(*) FROM _prisma_migrations").get();
        const started = Date.now();
        expect(await applyMigrations(database.url)).toEqual([]);
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        other.close();
      }
    });

    it("leave the SQLite database in WAL mode", async () => {
      expect(await query(database, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    });
  }

  it("match prisma/schema.prisma (a schema change needs `npm run db:migration -- <name>`)", async () => {
    const sql = await pendingSchemaDiff(provider, { shadowDatabaseUrl: testPostgresUrl() });
    expect(sql, `prisma/schema.prisma changed without a migration; missing SQL:\n${sql}`).toBeNull();
  });

  it("notice a schema change that has no migration yet", async () => {
    const canonical = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
    const changed = `${canonical}\nmodel WbDriftCheck {\n  id String @id\n}\n`;
    const sql = await pendingSchemaDiff(provider, { shadowDatabaseUrl: testPostgresUrl(), schemaText: changed });
    expect(sql).toMatch(/CREATE TABLE "WbDriftCheck"/);
  });
});
