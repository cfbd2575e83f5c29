import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hitRateLimit } from "~/auth/rate-limit.server";
import { createPrismaClient, type Db } from "~/db.server";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

describe.each(testProviders())("rate limits on %s", (provider) => {
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

  it("allow `limit` attempts per window, then say how long to wait, then allow again", async () => {
    const rule = { limit: 3, windowMs: 60_000 };
    const start = new Date("2026-11-27T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await hitRateLimit(db, "login:a", rule, at(attempt))).toEqual({ allowed: true });
    }
    expect(await hitRateLimit(db, "login:a", rule, at(20))).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await hitRateLimit(db, "login:b", rule, at(20))).toEqual({ allowed: true });
    expect(await hitRateLimit(db, "login:a", rule, at(60))).toEqual({ allowed: true });
  });
});
