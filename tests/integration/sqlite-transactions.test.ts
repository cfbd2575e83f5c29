// SQLite transactions begin IMMEDIATE (app/db.server.ts, decision 0025): from its first statement, even a
// read, a transaction holds the write lock, so a second process on the same file waits for it (busy_timeout)
// instead of failing when both want to write. Checked from another connection, as another process would see it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";

describe("SQLite transactions", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wb-sqlite-tx-"));
  const file = path.join(dir, "tx.db");
  const db = createPrismaClient(`file:${file}`);
  afterAll(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("hold the write lock from their first statement, and give it back when they end", async () => {
    await db.$executeRawUnsafe("CREATE TABLE notes (text TEXT)");
    const other = new Database(file, { timeout: 0 });
    try {
      const otherWrites = () => other.exec("BEGIN IMMEDIATE; INSERT INTO notes VALUES ('other'); COMMIT");
      await db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe("SELECT count(*) FROM notes");
        expect(otherWrites).toThrow(/database is locked/);
        await tx.$executeRawUnsafe("INSERT INTO notes VALUES ('ours')");
      });
      otherWrites();
      expect(other.prepare("SELECT text FROM notes ORDER BY rowid").pluck().all()).toEqual(["ours", "other"]);
    } finally {
      other.close();
    }
  });
});
