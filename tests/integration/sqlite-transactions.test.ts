// SQLite transactions begin IMMEDIATE (app/db.server.ts, decision 0025): from its first statement, even a
// read, a transaction holds the write lock, so a second process on the same file waits for it (busy_timeout)
// instead of failing when both want to write. Checked from another connection, as another process would see it.
// And a statement of the same process outside the transaction waits for it to end instead of running inside it,
// in turn with the transactions: never overtaken by transactions that came after it.
// And each statement's text is prepared once and used again with each query's own parameters.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
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

  it("let a statement outside transactions in after the transactions that came before it, not after those that came later", async () => {
    await db.$executeRawUnsafe("CREATE TABLE turns (who TEXT)");
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let begun!: () => void;
    const first = db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO turns VALUES ('first')");
        begun();
        await held;
        order.push("first");
      },
      { timeout: 10_000 },
    );
    await new Promise<void>((resolve) => (begun = resolve));
    // A page's read comes while the first transaction is open, then a stream of 20 transactions.
    const read = db.$queryRawUnsafe("SELECT count(*) FROM turns").then(() => void order.push("read"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = Array.from({ length: 20 }, (_, index) =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO turns VALUES ('later ${index}')`);
        order.push(`later ${index}`);
      }),
    );
    release();
    await Promise.all([first, read, ...later]);
    expect(order.slice(0, 3)).toEqual(["first", "read", "later 0"]);
  });

  it("prepare a statement once and run it again with each query's own parameters", async () => {
    await db.$executeRawUnsafe("CREATE TABLE pairs (name TEXT, amount INTEGER, data BLOB)");
    // A client made after the spy, so that its connection prepares through it.
    const prepare = vi.spyOn(Database.prototype, "prepare");
    const fresh = createPrismaClient(`file:${file}`);
    try {
      const insert = (name: string, amount: bigint, data: Buffer) => fresh.$executeRaw`INSERT INTO pairs VALUES (${name}, ${amount}, ${data})`;
      await insert("een", 1n, Buffer.from([1]));
      await insert("twee", 1_099_511_627_776n, Buffer.from([2, 2]));
      await fresh.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO pairs VALUES (${"drie"}, ${3n}, ${Buffer.from([3])})`;
      });
      await fresh.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO pairs VALUES (${"vier"}, ${4n}, ${Buffer.from([4])})`;
      });
      const byName = (name: string) => fresh.$queryRaw<{ amount: bigint; data: Uint8Array }[]>`SELECT amount, data FROM pairs WHERE name = ${name}`;
      const [een, twee, drie, vier] = [await byName("een"), await byName("twee"), await byName("drie"), await byName("vier")];
      expect([een, twee, drie, vier].map((rows) => rows.map((row) => [BigInt(row.amount), [...row.data]]))).toEqual([
        [[1n, [1]]],
        [[1_099_511_627_776n, [2, 2]]],
        [[3n, [3]]],
        [[4n, [4]]],
      ]);
      const texts = prepare.mock.calls.map(([sql]) => sql);
      const timesPrepared = (start: string) => texts.filter((sql) => sql.startsWith(start)).length;
      expect(timesPrepared("INSERT INTO pairs")).toBe(1);
      expect(timesPrepared("SELECT amount, data FROM pairs")).toBe(1);
      expect(timesPrepared("BEGIN IMMEDIATE")).toBeLessThanOrEqual(1);
    } finally {
      await fresh.$disconnect();
      prepare.mockRestore();
    }
  });
});
