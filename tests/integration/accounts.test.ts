import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword, logIn, register, requestPasswordReset, resetPassword, verifyEmail } from "~/auth/accounts.server";
import { knownDevice } from "~/auth/devices.server";
import { createSession, SESSION_LIFETIME_MS, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/kernel/tokens";
import { createPrismaClient, type Db } from "~/db.server";
import { readOutbox } from "~/mail/mailer.server";
import { translation } from "../support/locales";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { deliverQueuedMail } from "../support/mail";

const context = { locale: "nl" as const, baseUrl: "https://wijkbudget.test" };

/** The one-time link in the newest email to `to`. */
async function linkIn(db: Db, to: string, pathPrefix: string): Promise<string> {
  await deliverQueuedMail(db);
  const mail = (await readOutbox()).filter((message) => message.to === to).at(-1);
  const match = mail?.text.match(new RegExp(`https://wijkbudget\\.test${pathPrefix}/([a-z2-7]+)`));
  if (!match) throw new Error(`No ${pathPrefix} link mailed to ${to}`);
  return match[1]!;
}

describe.each(testProviders())("accounts on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("registers, confirms the address by the emailed link, and logs in", async () => {
    await register(db, { name: "Ayşe", email: "ayse@example.org", password: "een lang wachtwoord" }, { ...context, locale: "tr" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ayse@example.org" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeNull();
    expect(await logIn(db, { email: "ayse@example.org", password: "een lang wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).toEqual({
      ok: false,
      status: 403,
      formError: "auth:login.unverified",
    });

    await deliverQueuedMail(db);
    const mails = (await readOutbox()).filter((message) => message.to === "ayse@example.org");
    expect(mails[0]!.locale).toBe("tr");
    expect(mails[0]!.subject).toBe(translation("tr", "auth:email.verify.subject"));

    const token = await linkIn(db, "ayse@example.org", "/verify-email");
    const session = await verifyEmail(db, token);
    expect(session).not.toBeNull();
    expect(await verifyEmail(db, token)).toBeNull(); // a link works once
    const result = await logIn(db, { email: "ayse@example.org", password: "een lang wachtwoord", address: "10.5.0.1", deviceToken: null }, context);
    expect(result.ok).toBe(true);
  });

  it("answers a second registration of an address by mail to its owner, without a new account", async () => {
    const before = await db.user.count();
    await register(db, { name: "Someone else", email: "ayse@example.org", password: "nog een wachtwoord" }, context);
    expect(await db.user.count()).toBe(before);
    await deliverQueuedMail(db);
    const last = (await readOutbox()).filter((message) => message.to === "ayse@example.org").at(-1)!;
    expect(last.subject).toBe(translation("tr", "auth:email.alreadyRegistered.subject")); // the owner's saved language
    expect(await logIn(db, { email: "ayse@example.org", password: "nog een wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).toEqual({
      ok: false,
      status: 401,
      formError: "auth:login.invalid",
    });
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    expect(await logIn(db, { email: "ayse@example.org", password: "fout wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).toEqual({
      ok: false,
      status: 401,
      formError: "auth:login.invalid",
    });
    expect(await logIn(db, { email: "nobody@example.org", password: "fout wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).toEqual({
      ok: false,
      status: 401,
      formError: "auth:login.invalid",
    });
  });

  it("resets a forgotten password through the outbox, once, ending old sessions", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ayse@example.org" } });
    const old = await createSession(db, user.id);
    await requestPasswordReset(db, "ayse@example.org", context);
    await requestPasswordReset(db, "nobody@example.org", context);
    await deliverQueuedMail(db);
    expect((await readOutbox()).some((message) => message.to === "nobody@example.org")).toBe(false);

    const token = await linkIn(db, "ayse@example.org", "/reset-password");
    const reset = await resetPassword(db, token, "een nieuw wachtwoord");
    if (!reset.ok) throw new Error("the reset link was refused");
    const session = reset.session;
    expect(await resetPassword(db, token, "nog eens iets anders")).toMatchObject({ ok: false, status: 410, formError: "auth:reset.invalid" });
    expect((await validateSessionToken(db, old.token)).user).toBeNull();
    expect((await validateSessionToken(db, session.token)).user?.email).toBe("ayse@example.org");
    expect((await logIn(db, { email: "ayse@example.org", password: "een lang wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).ok).toBe(false);
    expect((await logIn(db, { email: "ayse@example.org", password: "een nieuw wachtwoord", address: "10.5.0.1", deviceToken: null }, context)).ok).toBe(true);
  });

  it("remembers a browser that signed in, and forgets it when the password changes", async () => {
    const signedIn = await logIn(db, { email: "ayse@example.org", password: "een nieuw wachtwoord", address: "10.5.0.2", deviceToken: null }, context);
    if (!signedIn.ok) throw new Error("login failed");
    const device = signedIn.newDeviceToken!;
    expect(await knownDevice(db, "ayse@example.org", device)).not.toBeNull();
    expect(await knownDevice(db, "nobody@example.org", device)).toBeNull();
    // A known browser is not given a new token.
    const again = await logIn(db, { email: "ayse@example.org", password: "een nieuw wachtwoord", address: "10.5.0.2", deviceToken: device }, context);
    expect(again).toMatchObject({ ok: true, newDeviceToken: null });
    const user = await db.user.findUniqueOrThrow({ where: { email: "ayse@example.org" } });
    expect(await changePassword(db, user.id, { currentPassword: "een nieuw wachtwoord", password: "een nieuw wachtwoord" }, "none")).toEqual({ ok: true });
    expect(await knownDevice(db, "ayse@example.org", device)).toBeNull();
  });

  it("refuses an expired reset link", async () => {
    await requestPasswordReset(db, "ayse@example.org", context);
    const token = await linkIn(db, "ayse@example.org", "/reset-password");
    await db.emailToken.updateMany({ where: { purpose: "RESET_PASSWORD", usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetPassword(db, token, "een ander wachtwoord")).toMatchObject({ ok: false, status: 410 });
  });

  it("changes the password only with the current one, keeping this session", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ayse@example.org" } });
    const here = await createSession(db, user.id);
    const elsewhere = await createSession(db, user.id);
    expect(await changePassword(db, user.id, { currentPassword: "fout", password: "nieuw nieuw nieuw" }, here.token)).toEqual({
      ok: false,
      status: 400,
      errors: { currentPassword: "auth:account.wrongPassword" },
    });
    expect(await changePassword(db, user.id, { currentPassword: "een nieuw wachtwoord", password: "nieuw nieuw nieuw" }, here.token)).toEqual({ ok: true });
    expect((await validateSessionToken(db, here.token)).user).not.toBeNull();
    expect((await validateSessionToken(db, elsewhere.token)).user).toBeNull();
  });

  it("stores only the hash of a session token, extends a session used in its second half, and ends an expired one", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ayse@example.org" } });
    const start = new Date();
    const session = await createSession(db, user.id, start);
    expect(await db.session.findUnique({ where: { id: session.token } })).toBeNull();

    const early = await validateSessionToken(db, session.token, new Date(start.getTime() + 60_000));
    expect(early).toMatchObject({ refreshed: false });

    const later = new Date(start.getTime() + 20 * 24 * 3600 * 1000);
    const refreshed = await validateSessionToken(db, session.token, later);
    expect(refreshed).toMatchObject({ refreshed: true });
    expect("expiresAt" in refreshed && refreshed.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);

    const afterExpiry = new Date(later.getTime() + SESSION_LIFETIME_MS + 1);
    expect((await validateSessionToken(db, session.token, afterExpiry)).user).toBeNull();
    expect(await db.session.findUnique({ where: { id: hashToken(session.token) } })).toBeNull();
  });
});
