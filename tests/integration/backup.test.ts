// Backups under load, restores (also of an older version's backup) and the migration lock, on SQLite and
// PostgreSQL, through the commands operators run: `npm run db:backup`, `db:restore`, `db:migrate`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { seedDemo } from "~/seed/demo.server";
import { databaseUploadStore } from "~/uploads/database-store.server";
import { hashReceipt } from "~/voting/codes";
import { castBallot, generateCodes, takeBatchCodes } from "~/voting/voting.server";
import { applyMigrations, MIGRATIONS_DIR, sqliteFilePath, withMigrationLock } from "../../scripts/db/migrate.ts";
import { createTestDatabase, testProviders, type TestDatabase, type TestProvider } from "../support/databases";
import { ONE_PIXEL_PNG } from "../support/server";

type Run = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs one of the db scripts the way `npm run db:…` does, against `databaseUrl`. */
function runScript(script: string, args: string[], databaseUrl: string, onOutput?: (text: string) => void): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [path.join("scripts", "db", script), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      onOutput?.(stdout + stderr);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      onOutput?.(stdout + stderr);
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }));
  });
}

const migrationNames = (provider: TestProvider) =>
  readdirSync(MIGRATIONS_DIR[provider], { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Rows of `sql` on a database URL (SQLite file or PostgreSQL). */
async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (url.startsWith("file:")) {
    const db = new Database(sqliteFilePath(url), { fileMustExist: true });
    try {
      const statement = db.prepare<unknown[], Record<string, unknown>>(sql);
      return statement.reader ? statement.all() : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<Map<string, number>> {
  const rows = await query(
    url,
    "SELECT migration_name AS name, count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name",
  );
  return new Map(rows.map((row) => [row.name as string, Number(row.n)]));
}

async function hasMigrationsTable(url: string): Promise<boolean> {
  if (url.startsWith("file:")) {
    if (!existsSync(sqliteFilePath(url))) return false;
    return (await query(url, "SELECT name FROM sqlite_master WHERE name = '_prisma_migrations'")).length > 0;
  }
  return (await query(url, "SELECT to_regclass('public._prisma_migrations') AS t"))[0].t !== null;
}

describe.each(testProviders())("backups on %s", (provider) => {
  let source: TestDatabase;
  let db: Db;
  let dir: string;
  const databases: TestDatabase[] = [];
  let roundId: string;
  let proposalId: string;
  let codes: string[];
  /** A photo in the database's upload store (the default on PostgreSQL): the backup holds it like any row. */
  let photoName: string;

  /** A database to restore into: no SQLite file yet, or an empty PostgreSQL database. */
  async function emptyDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase(provider, { migrate: false });
    databases.push(database);
    return database;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "wb-backup-"));
    source = await createTestDatabase(provider);
    db = createPrismaClient(source.url);
    await seedDemo(db);
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING", eligibility: "CODES" } });
    roundId = round.id;
    proposalId = (await db.proposal.findFirstOrThrow({ where: { roundId, status: "ON_BALLOT" }, orderBy: { requestedCents: "asc" } })).id;
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const generated = await generateCodes(db, staff.id, roundId, 5000);
    if (!generated.ok) throw new Error(generated.formError);
    codes = (await takeBatchCodes(db, staff.id, roundId, generated.batchId, "csv"))!.map((entry) => entry.code);
    const photo = await databaseUploadStore(db).save(ONE_PIXEL_PNG, { allowed: ["image/png"] });
    photoName = photo.ok ? photo.name : "";
    // Some bulk (≈ 30 MB of audit entries that do not compress), so that copying takes long enough for
    // ballots to be cast while it runs.
    for (let batch = 0; batch < 30; batch++) {
      await db.auditLog.createMany({
        data: Array.from({ length: 1000 }, () => ({
          action: "test.bulk",
          entityType: "Test",
          entityId: "bulk",
          details: JSON.stringify({ noise: randomBytes(750).toString("base64") }),
        })),
      });
    }
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await source?.cleanup();
    for (const database of databases) await database.cleanup().catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("takes a consistent backup while ballots are cast, and the restore holds every ballot committed before it began", async () => {
    const before = await db.ballot.count();
    // Ballots cast by 4 concurrent voters, one proposal each, until told to stop (bounded by the codes and 40 s).
    const committed: { receipt: string; at: number }[] = [];
    let next = 0;
    let stop = false;
    const deadline = performance.now() + 40_000;
    const voter = async () => {
      while (!stop && next < codes.length && performance.now() < deadline) {
        const code = codes[next++];
        const cast = await castBallot(db, roundId, { kind: "code", code }, new Map([[proposalId, 1]]));
        if (!cast.ok) throw new Error(`castBallot refused: ${cast.formError}`);
        committed.push({ receipt: cast.receipt, at: performance.now() });
        // better-sqlite3 answers synchronously: without a turn of the event loop these loops would starve
        // the timers and the backup process's pipes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const voters = Array.from({ length: 4 }, voter);
    while (committed.length < 100) await sleep(10);

    const out = path.join(dir, provider === "sqlite" ? "load.db" : "load.dump");
    const backupStarted = performance.now();
    const committedBefore = committed.slice();
    const backup = await runScript("backup.ts", ["--out", out], source.url);
    const backupEnded = performance.now();
    stop = true;
    await Promise.all(voters);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`to ${out}:`);
    expect(backup.stdout).toMatch(/\d+(\.\d)? (kB|MB) \(\d+ bytes\)/);
    const duringBackup = committed.filter((c) => c.at > backupStarted && c.at < backupEnded).length;
    // Roughly the copy itself: the last "in N ms" the command reports (the rest is starting tsx).
    const copyMs = Number(/ in (\d+) ms/.exec(backup.stdout)?.[1] ?? 0);
    const duringCopy = committed.filter((c) => c.at > backupEnded - copyMs - 100 && c.at < backupEnded).length;
    // The load really went on while the backup ran.
    expect(duringBackup).toBeGreaterThan(10);

    const target = await emptyDatabase();
    const restore = await runScript("restore.ts", [out], target.url);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Its migrations were up to date.");

    const restored = createPrismaClient(target.url);
    try {
      const hashes = committedBefore.map((c) => hashReceipt(c.receipt));
      let found = 0;
      for (let i = 0; i < hashes.length; i += 500) {
        found += await restored.ballot.count({ where: { receiptHash: { in: hashes.slice(i, i + 500) } } });
      }
      expect(found).toBe(committedBefore.length);
      const [ballots, participations, choices] = await Promise.all([restored.ballot.count(), restored.participation.count(), restored.ballotChoice.count()]);
      // One transaction per vote: never a participation without its ballot or a ballot without its choice.
      expect(participations).toBe(ballots);
      expect(choices).toBe(ballots);
      expect(ballots).toBeGreaterThanOrEqual(before + committedBefore.length);
      expect(ballots).toBeLessThanOrEqual(before + committed.length);
      // Everything else came along too (the demo data).
      expect(await restored.user.count()).toBe(await db.user.count());
      expect((await databaseUploadStore(restored).read(photoName))?.bytes).toEqual(ONE_PIXEL_PNG);
      console.log(
        `[${provider}] backup under load: ${backup.ms} ms (command included), ${committedBefore.length} ballots before it, ` +
          `${duringBackup} cast while it ran (${duringCopy} while it copied), ${ballots - before} in the copy; ${backup.stdout.split("\n")[0]}\n` +
          `[${provider}] restore: ${restore.ms} ms (command included); ${restore.stdout
            .split("\n")
            .filter((l) => l.startsWith("Restored"))
            .join("")}`,
      );
    } finally {
      await restored.$disconnect();
    }
    if (provider === "sqlite") {
      expect(await query(target.url, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await query(target.url, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    }
    expect([...(await appliedMigrations(target.url)).values()].every((n) => n === 1)).toBe(true);
  }, 90_000);

  it("brings a backup of an older version up to date when restoring it", async () => {
    const names = migrationNames(provider);
    const older = await emptyDatabase();
    await applyMigrations(older.url, { through: names[names.length - 3] });
    expect((await appliedMigrations(older.url)).size).toBe(names.length - 2);
    const out = path.join(dir, provider === "sqlite" ? "older.db" : "older.dump");
    expect((await runScript("backup.ts", [`--out=${out}`], older.url)).code).toBe(0);

    const target = await emptyDatabase();
    const restore = await runScript("restore.ts", [out], target.url);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Applied 2 migration(s) the backup did not have`);
    expect(restore.stdout).toContain(names[names.length - 1]);
    const applied = await appliedMigrations(target.url);
    expect([...applied.keys()].sort()).toEqual(names);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  });

  it("never overwrites a backup, and replaces a database only with --force while nothing uses it", async () => {
    const out = path.join(dir, provider === "sqlite" ? "refusals.db" : "refusals.dump");
    writeFileSync(out, "precious");
    const refused = await runScript("backup.ts", ["--out", out], source.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already exists");
    expect(readFileSync(out, "utf8")).toBe("precious");
    expect(readdirSync(dir).filter((name) => name.includes(".partial-"))).toEqual([]);

    const file = path.join(dir, provider === "sqlite" ? "refusals-2.db" : "refusals-2.dump");
    expect((await runScript("backup.ts", ["--out", file], source.url)).code).toBe(0);
    const target = await emptyDatabase();
    expect((await runScript("restore.ts", [file], target.url)).code).toBe(0);
    const users = await db.user.count();
    await query(target.url, `DELETE FROM "AuditLog"`);
    const changed = await query(target.url, `SELECT count(*) AS n FROM "AuditLog"`);
    expect(Number(changed[0].n)).toBe(0);

    // The database exists: refused without --force.
    const again = await runScript("restore.ts", [file], target.url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(provider === "sqlite" ? /already exists.*stop the app.*--force/s : /is not empty.*--force/s);

    // With --force, but the "app" still has it open: refused.
    const app = createPrismaClient(target.url);
    await app.user.count();
    const inUse = await runScript("restore.ts", [file, "--force"], target.url);
    await app.$disconnect();
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toMatch(provider === "sqlite" ? /is in use: stop the app/ : /other session\(s\) are connected.*stop the app/);

    // App stopped: replaced.
    const forced = await runScript("restore.ts", [file, "--force"], target.url);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(Number((await query(target.url, `SELECT count(*) AS n FROM "AuditLog"`))[0].n)).toBeGreaterThan(0);
    expect(Number((await query(target.url, `SELECT count(*) AS n FROM "User"`))[0].n)).toBe(users);
    if (provider === "sqlite") {
      // The replaced database is kept beside it, whole.
      const folder = path.dirname(sqliteFilePath(target.url));
      const kept = readdirSync(folder).filter((name) => name.includes(".replaced-"));
      expect(kept).toHaveLength(1);
      expect(forced.stdout).toContain(kept[0]);
      expect(await query(`file:${path.join(folder, kept[0])}`, `SELECT count(*) AS n FROM "AuditLog"`)).toEqual([{ n: 0 }]);
    }

    // A backup of the other kind of database is refused.
    const other = path.join(dir, "other-kind");
    writeFileSync(other, provider === "sqlite" ? "PGDMP\u0001\u000e" : "SQLite format 3\u0000");
    const wrongKind = await runScript("restore.ts", [other], (await emptyDatabase()).url);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain("a backup goes back into the same kind of database");
  }, 90_000);
});

describe.each(testProviders())("migration lock on %s", (provider) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.cleanup().catch(() => {});
  });

  it("lets 4 instances that start at once apply each migration exactly once, none failing", async () => {
    const database = await createTestDatabase(provider, { migrate: false });
    databases.push(database);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runScript("migrate.ts", ["deploy"], database.url)));
    for (const run of runs) expect(run.code, run.stdout + run.stderr).toBe(0);
    const names = migrationNames(provider);
    expect(runs.filter((run) => run.stdout.includes(`applied ${names.length} migration(s)`))).toHaveLength(1);
    expect(runs.filter((run) => run.stdout.includes("already up to date"))).toHaveLength(3);
    const applied = await appliedMigrations(database.url);
    expect([...applied.keys()].sort()).toEqual(names);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    const total = await query(database.url, "SELECT count(*) AS n FROM _prisma_migrations");
    expect(Number(total[0].n)).toBe(names.length);
    console.log(`[${provider}] 4 concurrent \`migrate deploy\`: ${runs.map((run) => `${run.ms} ms`).join(", ")} (all exit 0)`);
  }, 60_000);

  it("makes instances wait while another holds the lock (beyond the engine's own 10 s)", async () => {
    const database = await createTestDatabase(provider, { migrate: false });
    databases.push(database);
    let runs: Promise<Run>[] = [];
    const waiting = new Set<number>();
    await withMigrationLock(
      database.url,
      async () => {
        runs = [0, 1].map((index) =>
          runScript("migrate.ts", ["deploy"], database.url, (text) => {
            if (text.includes("waiting for it")) waiting.add(index);
          }),
        );
        const until = performance.now() + 30_000;
        while (waiting.size < 2 && performance.now() < until) await sleep(50);
        expect(waiting.size).toBe(2);
        // Longer than the 10 s after which the schema engine gives up on its own advisory lock.
        await sleep(11_000);
        expect(await hasMigrationsTable(database.url)).toBe(false);
      },
      { onWait: () => {} },
    );
    const results = await Promise.all(runs);
    for (const run of results) expect(run.code, run.stdout + run.stderr).toBe(0);
    const applied = await appliedMigrations(database.url);
    expect(applied.size).toBe(migrationNames(provider).length);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
