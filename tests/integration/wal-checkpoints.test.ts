// SQLite's checkpoints on a worker thread (decision 0042): the server's connection keeps its automatic
// checkpoint only as a safety net, and the thread copies the log into the database on its own connection.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, sqlStatements, sqlTransaction, type Db } from "~/db.server";
import { SAFETY_NET_PAGES, startWalCheckpoints, type CheckpointReport, type WalCheckpoints } from "~/wal-checkpoints.server";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const workerScript = path.resolve("scripts/wal-checkpoint-worker.mjs");

async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("WAL checkpoints on SQLite", () => {
  let database: TestDatabase;
  let db: Db;
  let checkpoints: WalCheckpoints | null = null;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    db = createPrismaClient(database.url);
  }, 60_000);

  afterAll(async () => {
    await checkpoints?.stop();
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("leaves the server's connection a safety net only, and checkpoints every commit on the thread", async () => {
    const sql = await sqlStatements(db);
    expect(await sql.rows(`PRAGMA wal_autocheckpoint`)).toEqual([{ wal_autocheckpoint: 1000 }]);
    checkpoints = await startWalCheckpoints({ workerScript, intervalMs: 20 }, db, database.url);
    expect(await sql.rows(`PRAGMA wal_autocheckpoint`)).toEqual([{ wal_autocheckpoint: SAFETY_NET_PAGES }]);

    for (let at = 0; at < 50; at++) {
      await sqlTransaction(db, (tx) => tx.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 0)`, `key-${at}`, new Date()));
    }
    // A report after the last commit: the log has pages, and all of them are in the database.
    const seen = checkpoints!.reports().length;
    const caughtUp = await until(() =>
      checkpoints!
        .reports()
        .slice(seen)
        .find((report): report is Extract<CheckpointReport, { log: number }> => "log" in report && report.log > 0 && report.checkpointed === report.log),
    );
    expect(caughtUp.busy).toBe(false);
    expect(await db.rateLimit.count()).toBe(50);
  });

  it("stops with a last checkpoint", async () => {
    await checkpoints!.stop();
    const last = checkpoints!.reports().at(-1);
    expect(last).toMatchObject({ busy: false });
    checkpoints = null;
  });
});

describe.each(testProviders().filter((provider) => provider !== "sqlite"))("WAL checkpoints on %s", (provider) => {
  it("are left to the database server", async () => {
    const database = await createTestDatabase(provider);
    const db = createPrismaClient(database.url);
    try {
      expect(await startWalCheckpoints({ workerScript }, db, database.url)).toBeNull();
    } finally {
      await db.$disconnect();
      await database.cleanup();
    }
  }, 60_000);
});
