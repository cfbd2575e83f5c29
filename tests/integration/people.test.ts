// Blocking and deactivation below HTTP, on both databases: what a session knows of a block, and every
// way back into a deactivated account — a half-finished two-factor sign-in, an emailed link — closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, requestPasswordReset, resetPassword, verifyEmail } from "~/auth/accounts.server";
import { createSession, pendingSignIn, validateSessionToken } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import { blockAccount, changeRole, deactivateAccount, reactivateAccount, searchPeople } from "~/people/people.server";
import { aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const context = { locale: "nl" as const, baseUrl: "https://wijkbudget.test" };
const PASSWORD = "een lang wachtwoord";

describe.each(testProviders())("blocking and deactivation on %s", (provider) => {
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

  /** A link of `purpose` for the account, as if mailed. */
  async function emailLink(userId: string, purpose: "VERIFY_EMAIL" | "RESET_PASSWORD"): Promise<string> {
    const token = generateToken();
    await db.emailToken.create({ data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  }

  it("gives the session's user the block and its reason, with no other query", async () => {
    const [staff, resident] = [await aUser(db, { role: "STAFF" }), await aUser(db)];
    const { token } = await createSession(db, resident.id);
    expect((await validateSessionToken(db, token)).user).toMatchObject({ blocked: false, blockedReason: null });
    expect(await blockAccount(db, staff, resident.id, "Scheldwoorden")).toEqual({ ok: true });
    expect((await validateSessionToken(db, token)).user).toMatchObject({ blocked: true, blockedReason: "Scheldwoorden" });
    // Blocked twice: refused, the first reason kept.
    expect(await blockAccount(db, staff, resident.id, "Anders")).toMatchObject({ ok: false, status: 409 });
    // A blocked account gets no staff role until it is unblocked.
    const admin = await aUser(db, { role: "ADMIN" });
    expect(await changeRole(db, admin, resident.id, "STAFF")).toMatchObject({ ok: false, formError: "people:errors.blockedStaff" });
  });

  it("ends a half-finished two-factor sign-in, and refuses login and every emailed link", async () => {
    const admin = await aUser(db, { role: "ADMIN" });
    const leaver = await aUser(db, { role: "STAFF", password: PASSWORD });
    const pending = await createSession(db, leaver.id, new Date(), { secondFactorPending: true });
    const request = new Request("https://wijkbudget.test/login/second-factor", { headers: { Cookie: `wb_session=${pending.token}` } });
    expect(await pendingSignIn(db, request)).not.toBeNull();
    const resetBefore = await emailLink(leaver.id, "RESET_PASSWORD");

    expect(await deactivateAccount(db, admin, leaver.id)).toEqual({ ok: true });
    expect(await pendingSignIn(db, request)).toBeNull();
    expect(await db.session.count({ where: { userId: leaver.id } })).toBe(0);
    // The unused link was deleted with the sessions.
    expect(await resetPassword(db, resetBefore, "een nieuw lang wachtwoord")).toMatchObject({ ok: false, status: 410 });

    const login = await logIn(db, { email: leaver.email, password: PASSWORD, address: "203.0.113.9", deviceToken: null }, context);
    expect(login).toMatchObject({ ok: false, status: 403, formError: "auth:login.deactivated" });
    await requestPasswordReset(db, leaver.email, context);
    expect(await db.emailToken.count({ where: { userId: leaver.id } })).toBe(0);
    // A link that still exists somehow (issued by hand, say) is refused too, and so is a confirmation link.
    expect(await resetPassword(db, await emailLink(leaver.id, "RESET_PASSWORD"), "een nieuw lang wachtwoord")).toMatchObject({ ok: false, status: 403 });
    expect(await verifyEmail(db, await emailLink(leaver.id, "VERIFY_EMAIL"))).toBeNull();
    expect(await db.session.count({ where: { userId: leaver.id } })).toBe(0);

    expect(await reactivateAccount(db, admin, leaver.id)).toEqual({ ok: true });
    expect(await logIn(db, { email: leaver.email, password: PASSWORD, address: "203.0.113.9", deviceToken: null }, context)).toMatchObject({ ok: true });
  });

  it("searches names and addresses without regard to case or accents", async () => {
    await aUser(db, { name: "Иван Петров", email: "ivan.petrov@example.org" });
    await aUser(db, { name: "Ayşe Yılmaz", email: "ayse.yilmaz@example.org" });
    for (const [query, name] of [
      ["иван", "Иван Петров"],
      ["ПЕТРОВ", "Иван Петров"],
      ["ayşe", "Ayşe Yılmaz"],
      ["AYSE.YILMAZ@", "Ayşe Yılmaz"],
    ] as const) {
      const { people } = await searchPeople(db, query, 1);
      expect(
        people.map((person) => person.name),
        query,
      ).toContain(name);
    }
    expect((await searchPeople(db, "niemand-heet-zo", 1)).total).toBe(0);
    // Any mix of cases, and the Turkish dotless ı typed as i.
    expect((await searchPeople(db, "пЕтРоВ", 1)).people.map((person) => person.name)).toContain("Иван Петров");
    expect((await searchPeople(db, "YILMAZ", 1)).people.map((person) => person.name)).toContain("Ayşe Yılmaz");
  });
});
