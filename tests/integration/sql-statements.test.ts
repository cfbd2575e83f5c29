// Statements written in SQL (sqlTransaction, decision 0041) on the Prisma client's own connection: `?`
// binds values on both databases, dates and numbers come back as Prisma wrote them, a transaction commits
// or rolls back as a whole, a unique violation is known as one, and on SQLite it takes turns with the
// client's Prisma transactions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, sqlStatements, sqlTransaction, type Db } from "~/db.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { writesToPostgres } from "../support/postgres-writes";

describe.each(testProviders())("statements written in SQL on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("binds values with ? and reads back what Prisma wrote, and Prisma what they wrote", async () => {
    const at = new Date("2026-12-07T10:11:12.345Z");
    await db.rateLimit.create({ data: { key: "by-prisma", windowStart: at, count: 3 } });
    await sqlTransaction(db, (sql) => sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, ?)`, "by-sql", at, 7));
    const rows = await (
      await sqlStatements(db)
    ).rows<{ key: string; windowStart: string; count: unknown }>(
      `SELECT "key", "windowStart", "count" FROM "RateLimit" WHERE "key" IN (?, ?) ORDER BY "key"`,
      "by-prisma",
      "by-sql",
    );
    expect(rows.map((row) => ({ key: row.key, at: new Date(row.windowStart).toISOString(), count: Number(row.count) }))).toEqual([
      { key: "by-prisma", at: at.toISOString(), count: 3 },
      { key: "by-sql", at: at.toISOString(), count: 7 },
    ]);
    expect(await db.rateLimit.findUnique({ where: { key: "by-sql" } })).toEqual({ key: "by-sql", windowStart: at, count: 7 });
  });

  it("commit a transaction as a whole, or roll all of it back when the work throws", async () => {
    const failed = sqlTransaction(db, async (sql) => {
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "rolled-back", new Date());
      expect(await sql.run(`UPDATE "RateLimit" SET "count" = 2 WHERE "key" = ?`, "rolled-back")).toBe(1);
      throw new Error("refused");
    });
    await expect(failed).rejects.toThrow("refused");
    expect(await db.rateLimit.findUnique({ where: { key: "rolled-back" } })).toBeNull();
    // The connection is free again: the next transaction commits.
    await sqlTransaction(db, (sql) => sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "kept", new Date()));
    expect(await db.rateLimit.findUnique({ where: { key: "kept" } })).toMatchObject({ count: 1 });
  });

  it("know a unique violation as one, and undo what came before it", async () => {
    const error = await sqlTransaction(db, async (sql) => {
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "before-the-clash", new Date());
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "kept", new Date());
    }).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.rateLimit.findUnique({ where: { key: "before-the-clash" } })).toBeNull();
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
  });

  it("commit the writes left for the commit with the rest, and roll all of it back when one of them fails", async () => {
    await sqlTransaction(db, async (sql) => {
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "before-the-commit", new Date());
      sql.runAtCommit(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 2)`, "at-the-commit", new Date());
    });
    expect(await db.rateLimit.findUnique({ where: { key: "before-the-commit" } })).toMatchObject({ count: 1 });
    expect(await db.rateLimit.findUnique({ where: { key: "at-the-commit" } })).toMatchObject({ count: 2 });

    const error = await sqlTransaction(db, async (sql) => {
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "undone", new Date());
      sql.runAtCommit(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "undone-too", new Date());
      sql.runAtCommit(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "at-the-commit", new Date());
      // Would succeed on its own: SQLite's transaction goes on past a failed statement, PostgreSQL's does not.
      sql.runAtCommit(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "after-the-clash", new Date());
      return "returned";
    }).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    const left = await db.rateLimit.findMany({ where: { key: { in: ["undone", "undone-too", "after-the-clash"] } } });
    expect(left).toEqual([]);
    expect(await db.rateLimit.findUnique({ where: { key: "at-the-commit" } })).toMatchObject({ count: 2 });
    // The connection is free again, outside any transaction.
    await sqlTransaction(db, (sql) => sql.run(`UPDATE "RateLimit" SET "count" = 3 WHERE "key" = ?`, "at-the-commit"));
    expect(await db.rateLimit.findUnique({ where: { key: "at-the-commit" } })).toMatchObject({ count: 3 });
  });

  it("take turns with the client's Prisma transactions: neither sees the other's uncommitted rows", async () => {
    let inside!: () => void;
    const written = new Promise<void>((resolve) => (inside = resolve));
    const slow = sqlTransaction(db, async (sql) => {
      await sql.run(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, 1)`, "slow", new Date());
      inside();
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error("rolled back");
    });
    await written;
    // A Prisma transaction and a plain statement meanwhile: they never see the row that is rolled back.
    const seenInPrisma = db.$transaction((tx) => tx.rateLimit.findUnique({ where: { key: "slow" } }));
    const seenOutside = db.rateLimit.findUnique({ where: { key: "slow" } });
    await expect(slow).rejects.toThrow("rolled back");
    expect(await seenInPrisma).toBeNull();
    expect(await seenOutside).toBeNull();
  });

  // PostgreSQL only (registered for it alone, so that SQLite's run skips nothing).
  if (provider === "postgresql")
    it("go out together when sent together: BEGIN with the first, the writes left for the commit with the COMMIT", async () => {
      const statement = `SELECT "count" FROM "RateLimit" WHERE "key" = ?`;
      await db.rateLimit.createMany({ data: ["first", "second"].map((key) => ({ key, windowStart: new Date(), count: 1 })) });
      await sqlTransaction(db, (sql) => sql.rows(statement, "warm-up")); // a connection in the pool, its statement prepared
      const writes = await writesToPostgres(database.url, () =>
        sqlTransaction(db, async (sql) => {
          const [first, second] = await Promise.all([sql.rows(statement, "first"), sql.rows(statement, "second")]);
          expect([first.length, second.length]).toEqual([1, 1]);
          sql.runAtCommit(`UPDATE "RateLimit" SET "count" = 4 WHERE "key" = ?`, "first");
          sql.runAtCommit(`UPDATE "RateLimit" SET "count" = 5 WHERE "key" = ?`, "second");
        }),
      );
      expect(writes).toBe(2);
      expect((await db.rateLimit.findMany({ where: { key: { in: ["first", "second"] } }, orderBy: { key: "asc" } })).map((row) => row.count)).toEqual([4, 5]);
      // One statement after another, each waiting for the last: a write each, as before.
      expect(
        await writesToPostgres(database.url, () =>
          sqlTransaction(db, async (sql) => {
            await sql.rows(statement, "first");
            await sql.rows(statement, "second");
          }),
        ),
      ).toBe(3);
    });

  if (provider === "postgresql")
    it("are prepared once per connection, and Prisma's own statements are not", async () => {
      const ours = `SELECT "key" FROM "RateLimit" WHERE "key" = ? AND "count" >= ?`;
      // Prisma's queries just before, most likely on the same pooled connection as the transaction after them.
      for (let time = 0; time < 3; time++) await db.rateLimit.findMany({ where: { key: "by-prisma", count: { gte: time } } });
      const prepared = await sqlTransaction(db, async (sql) => {
        for (let time = 0; time < 3; time++) await sql.rows(ours, "by-sql", time);
        return sql.rows<{ statement: string }>(`SELECT "statement" FROM pg_prepared_statements`);
      });
      const statements = prepared.map((row) => row.statement);
      // Once however often it ran, beside the query of pg_prepared_statements itself (and earlier tests' statements).
      expect(statements.filter((statement) => statement === `SELECT "key" FROM "RateLimit" WHERE "key" = $1 AND "count" >= $2`)).toHaveLength(1);
      expect(statements.filter((statement) => statement.includes("pg_prepared_statements"))).toHaveLength(1);
      expect(statements.filter((statement) => statement.includes(`"public"."RateLimit"`))).toEqual([]);
    });
});
