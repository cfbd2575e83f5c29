import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneExpired } from "~/auth/maintenance.server";
import { hitRateLimit, limitFailures } from "~/auth/rate-limit.server";
import { createPrismaClient, type Db } from "~/db.server";
import { aUser } from "../support/builders";
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

  it("counting only failures, run exactly `limit` failing checks however many come at once", async () => {
    const rule = { limit: 20, windowMs: 15 * 60_000 };
    let checks = 0;
    const wrong = () =>
      limitFailures(db, [{ key: "code:address:A", rule }], async () => {
        checks++;
        return { failed: true, value: "unknown code" };
      });
    const answers = await Promise.all(Array.from({ length: 100 }, wrong));
    expect(checks).toBe(20);
    expect(answers.filter((answer) => answer.limited)).toHaveLength(80);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "code:address:A" } })).count).toBe(20);
  });

  it("never refuse successes while there is room, and a success leaves no row of its own", async () => {
    const rule = { limit: 20, windowMs: 15 * 60_000 };
    const fail = async () => ({ failed: true, value: false });
    for (let attempt = 0; attempt < 19; attempt++) await limitFailures(db, [{ key: "code:address:B", rule }], fail);
    let checks = 0;
    const right = () =>
      limitFailures(db, [{ key: "code:address:B", rule }], async () => {
        checks++;
        return { failed: false, value: true };
      });
    const answers = await Promise.all(Array.from({ length: 30 }, right));
    expect(checks).toBe(30);
    expect(answers.every((answer) => !answer.limited && answer.value)).toBe(true);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "code:address:B" } })).count).toBe(19);

    // A vote from a fresh address leaves nothing keyed by it.
    await Promise.all(Array.from({ length: 5 }, () => limitFailures(db, [{ key: "code:address:C", rule }], async () => ({ failed: false, value: true }))));
    expect(await db.rateLimit.findUnique({ where: { key: "code:address:C" } })).toBeNull();
  });

  it("count a failure against every key, refuse when any is full, and say how long to wait", async () => {
    const start = new Date("2026-11-27T10:00:00Z");
    const small = { limit: 2, windowMs: 60_000 };
    const large = { limit: 100, windowMs: 60_000 };
    const keys = [
      { key: "login:account:x", rule: small },
      { key: "login:address:x", rule: large },
    ];
    const fail = async () => ({ failed: true, value: null });
    expect(await limitFailures(db, keys, fail, start)).toEqual({ limited: false, value: null });
    expect(await limitFailures(db, keys, fail, new Date(start.getTime() + 10_000))).toEqual({ limited: false, value: null });
    expect(await limitFailures(db, keys, fail, new Date(start.getTime() + 20_000))).toEqual({ limited: true, retryAfterSeconds: 40 });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "login:address:x" } })).count).toBe(2);
    // After the window the key has room again, counting from one.
    expect(await limitFailures(db, keys, fail, new Date(start.getTime() + 61_000))).toEqual({ limited: false, value: null });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "login:account:x" } })).count).toBe(1);
  });

  it("and expired sessions and links are pruned, fresh ones kept", async () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const user = await aUser(db);
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
