// The demo banner's question, asked for every rendered page: whether any demo account exists. The answer is
// read from the database once per DEMO_ANSWER_REMEMBERED_MS, then given again until that time has passed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_ANSWER_REMEMBERED_MS, demoDataPresent } from "~/neighbourhoods/demo.server";
import { aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

describe.each(testProviders())("whether demo data is present, on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("follows the demo accounts, remembering each answer for a few seconds", async () => {
    const start = Date.now();
    await aUser(db);
    expect(await demoDataPresent(db, start)).toBe(false);

    const demo = await aUser(db);
    await db.user.update({ where: { id: demo.id }, data: { isDemo: true } });
    // Within the time an answer is remembered, the last one stands; then the database is asked again.
    expect(await demoDataPresent(db, start + DEMO_ANSWER_REMEMBERED_MS - 1)).toBe(false);
    expect(await demoDataPresent(db, start + DEMO_ANSWER_REMEMBERED_MS)).toBe(true);

    await db.user.delete({ where: { id: demo.id } });
    expect(await demoDataPresent(db, start + DEMO_ANSWER_REMEMBERED_MS + 1)).toBe(true);
    expect(await demoDataPresent(db, start + 2 * DEMO_ANSWER_REMEMBERED_MS)).toBe(false);
  });
});
