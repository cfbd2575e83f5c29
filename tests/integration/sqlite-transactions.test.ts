// SQLite transactions begin IMMEDIATE (app/db.server.ts, decision 0025): from its first statement, even a
// read, a transaction holds the write lock, so a second process on the same file waits for it (busy_timeout)
// instead of failing when both want to write. Checked from another connection, as another process would see it.
// And a statement of the same process outside the transaction waits for it to end instead of running inside it.
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

  it("keep other statements of the process out: they neither see uncommitted rows nor roll back with them", async () => {
    await db.$executeRawUnsafe("CREATE TABLE hits (text TEXT)");
    let inside!: () => void;
    const transactionHasWritten = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO hits VALUES ('uncommitted')");
      inside();
      // Another request's statements come in while this transaction is open.
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error("refused: rolled back");
    });
    await transactionHasWritten;
    const [seen] = await Promise.all([
      db.$queryRawUnsafe<{ text: string }[]>("SELECT text FROM hits"),
      db.$executeRawUnsafe("INSERT INTO hits VALUES ('plain')"),
    ]);
    await expect(failing).rejects.toThrow("refused: rolled back");
    expect(seen).toEqual([]);
    expect(await db.$queryRawUnsafe<{ text: string }[]>("SELECT text FROM hits")).toEqual([{ text: "plain" }]);
  });
});
