import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneExpired } from "~/auth/maintenance.server";
import { hitRateLimit, peekRateLimit } from "~/auth/rate-limit.server";
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

  it("can be looked at without counting", async () => {
    const rule = { limit: 1, windowMs: 60_000 };
    const at = new Date("2026-11-27T11:00:00Z");
    expect(await peekRateLimit(db, "peek", rule, at)).toEqual({ allowed: true });
    await hitRateLimit(db, "peek", rule, at);
    expect(await peekRateLimit(db, "peek", rule, at)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "peek" } })).count).toBe(1);
  });

  it("and expired sessions and links are pruned, fresh ones kept", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const user = await db.user.create({ data: { email: "p@example.org", name: "P", passwordHash: "x" } });
    await db.session.createMany({
      data: [
        { id: "expired", userId: user.id, expiresAt: hoursAgo(1) },
        { id: "fresh", userId: user.id, expiresAt: new Date(now.getTime() + 3_600_000) },
      ],
    });
    await db.emailToken.createMany({
      data: [
        { id: "old", userId: user.id, purpose: "RESET_PASSWORD", expiresAt: hoursAgo(25) },
        { id: "used", userId: user.id, purpose: "VERIFY_EMAIL", expiresAt: new Date(now.getTime() + 3_600_000), usedAt: hoursAgo(30) },
        { id: "live", userId: user.id, purpose: "RESET_PASSWORD", expiresAt: new Date(now.getTime() + 3_600_000) },
      ],
    });
    await db.rateLimit.createMany({
      data: [
        { key: "stale", windowStart: hoursAgo(48), count: 3 },
        { key: "recent", windowStart: hoursAgo(1), count: 3 },
      ],
    });
    const pruned = await pruneExpired(db, now);
    expect(pruned).toMatchObject({ sessions: 1, emailTokens: 2 });
    expect(pruned.rateLimits).toBeGreaterThanOrEqual(1);
    expect((await db.session.findMany()).map((row) => row.id)).toEqual(["fresh"]);
    expect((await db.emailToken.findMany()).map((row) => row.id)).toEqual(["live"]);
    expect(await db.rateLimit.findUnique({ where: { key: "recent" } })).not.toBeNull();
    expect(await db.rateLimit.findUnique({ where: { key: "stale" } })).toBeNull();
  });
});
