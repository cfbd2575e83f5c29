// People and roles over HTTP, as a browser without JavaScript posts them: staff block a resident,
// whose existing session loses posting at once but still votes and reads its own pages; admins change
// roles (the last admin keeps theirs, also when two admins demote each other at the same moment) and
// deactivate staff who left (no login, sessions end); staff get 403 on what is the admins'.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { testProviders } from "../../support/databases";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const CONTACT = "participatie@stad.example";

describe.each(testProviders())("people and roles over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (locale = "nl") => new Visitor(server.baseUrl, { address: `10.7.0.${++address}`, acceptLanguage: locale });
  const idOf = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
  const signedIn = async (email: string, locale = "nl") => {
    const browser = visitor(locale);
    await browser.logIn(email, DEMO_PASSWORD);
    return browser;
  };
  const activeAdmins = () => db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });

  beforeAll(async () => {
    server = await startTestServer({ CONTACT_EMAIL: CONTACT }, provider);
    db = createPrismaClient(server.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("keeps residents out of /staff/people (403) and sends visitors to log in", async () => {
    const resident = await signedIn("marie@wijkbudget.demo", "fr");
    expect((await resident.get("/staff/people")).status).toBe(403);
    expect((await resident.get(`/staff/people/${await idOf("ivan@wijkbudget.demo")}`)).status).toBe(403);
    expect((await resident.post(`/staff/people/${await idOf("ivan@wijkbudget.demo")}`, { intent: "block", reason: "Test" })).status).toBe(403);
    const anonymous = await visitor().get("/staff/people");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fpeople");
  });

  it("finds people by name or email without regard to case, in pages, with an empty state", async () => {
    const staff = await signedIn("staff@wijkbudget.demo");
    for (const query of ["иван", "ИВАН", "yılmaz", "YILMAZ", "ELIF@WIJKBUDGET", "marie"]) {
      const page = await staff.get(`/staff/people?q=${encodeURIComponent(query)}`);
      expect(page.status, query).toBe(200);
      const html = await shownHtml(page);
      const expected = {
        иван: "Иван Петров",
        ИВАН: "Иван Петров",
        yılmaz: "Elif Yılmaz",
        YILMAZ: "Elif Yılmaz",
        "ELIF@WIJKBUDGET": "Elif Yılmaz",
        marie: "Marie Dubois",
      }[query]!;
      expect(html, query).toContain(expected);
    }
    const none = await shownHtml(await staff.get("/staff/people?q=niemand-heet-zo"));
    expect(none).toContain(asHtml(translation("nl", "people:list.noneFound")));
    // A page past the end is empty, not an error; a nonsense page number is the first page.
    expect((await staff.get("/staff/people?page=999")).status).toBe(200);
    expect((await staff.get("/staff/people?page=abc")).status).toBe(200);
  });

  it("blocking ends posting at once in the session already open, not voting nor the owner's own pages; unblocking restores it", async () => {
    const elifId = await idOf("elif@wijkbudget.demo");
    const elif = await signedIn("elif@wijkbudget.demo", "tr");
    const staff = await signedIn("staff@wijkbudget.demo");
    const submission = await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } });
    const event = await db.event.findFirstOrThrow({ where: { startsAt: { gt: new Date() }, cancelledAt: null } });
    const newProposal = `/rounds/${submission.id}/proposals/new`;
    expect((await elif.get(newProposal)).status).toBe(200);
    expect(await shownHtml(await elif.get(`/rounds/${submission.id}`))).toContain(`href="${newProposal}"`);

    const reason = "Beledigende berichten aan buren";
    const blocked = await staff.post(`/staff/people/${elifId}`, { intent: "block", reason });
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Location")).toBe(`/staff/people/${elifId}?done=block`);
    expect(await db.user.findUniqueOrThrow({ where: { id: elifId } })).toMatchObject({
      blockedReason: reason,
      blockedById: await idOf("staff@wijkbudget.demo"),
    });

    // The same session, no new login: every way of posting is refused with the page that says why.
    const refusal = await elif.get(newProposal);
    expect(refusal.status).toBe(403);
    expect(await shownHtml(refusal)).toContain(asHtml(translated("tr", "errors:blocked.withContact", { reason, contact: CONTACT })));
    expect((await elif.post(newProposal, { intent: "save" })).status).toBe(403);
    expect((await elif.post("/parklets/request", { street: "Kroonmolenstraat" })).status).toBe(403);
    expect((await elif.post(`/events/${event.id}`, { intent: "rsvp" })).status).toBe(403);
    expect(await db.rsvp.count({ where: { eventId: event.id, userId: elifId } })).toBe(0);
    // Pages offer no posting buttons to the blocked account.
    expect(await shownHtml(await elif.get(`/rounds/${submission.id}`))).not.toContain(`href="${newProposal}"`);
    expect(await shownHtml(await elif.get("/parklets"))).not.toContain('href="/parklets/request"');
    // Its own pages stay readable.
    expect((await elif.get("/my/proposals")).status).toBe(200);
    const account = await elif.get("/account");
    expect(account.status).toBe(200);
    expect(await shownHtml(account)).toContain(asHtml(translated("tr", "errors:blocked.withContact", { reason, contact: CONTACT })));
    const own = await db.proposal.findFirst({ where: { authorId: elifId } });
    if (own) expect((await elif.get(`/proposals/${own.id}`)).status).toBe(200);

    // It still votes: a round that votes with accounts, where staff verify it from its person page.
    const voting = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } });
    await db.budgetRound.update({ where: { id: voting.id }, data: { eligibility: "ACCOUNTS" } });
    const verified = await staff.post(`/staff/people/${elifId}`, { intent: "verify", roundId: voting.id });
    expect(verified.status).toBe(302);
    const idea = (await db.proposal.findFirstOrThrow({ where: { roundId: voting.id, status: "ON_BALLOT" }, orderBy: { number: "asc" } })).id;
    const cast = await elif.post(`/vote/${voting.id}`, { step: "cast", [`choice.${idea}`]: "on" });
    expect(cast.status).toBe(303);
    expect(await shownHtml(await elif.get(cast.headers.get("location")!))).toMatch(/<strong class="code">[A-Z0-9-]+<\/strong>/);
    expect(await db.participation.count({ where: { roundId: voting.id, userId: elifId } })).toBe(1);

    const unblocked = await staff.post(`/staff/people/${elifId}`, { intent: "unblock" });
    expect(unblocked.status).toBe(302);
    expect((await elif.get(newProposal)).status).toBe(200);
    expect(await shownHtml(await elif.get(`/rounds/${submission.id}`))).toContain(`href="${newProposal}"`);
    const trail = await db.auditLog.findMany({ where: { entityId: elifId }, orderBy: { at: "asc" } });
    expect(trail.map((entry) => [entry.action, JSON.parse(entry.details)])).toEqual([
      ["user.block", { reason }],
      ["user.unblock", {}],
    ]);
  });

  it("refuses staff (not admins) every role change and deactivation with 403, and nothing changes", async () => {
    const staff = await signedIn("staff@wijkbudget.demo");
    const ivan = await idOf("ivan@wijkbudget.demo");
    const admin = await idOf("admin@wijkbudget.demo");
    const before = { users: await db.user.findMany({ orderBy: { id: "asc" } }), audit: await db.auditLog.count() };
    for (const [target, fields] of [
      [ivan, { intent: "role", role: "STAFF" }],
      [ivan, { intent: "role", role: "ADMIN" }],
      [admin, { intent: "role", role: "RESIDENT" }],
      [admin, { intent: "deactivate" }],
      [admin, { intent: "reactivate" }],
    ] as const) {
      expect((await staff.post(`/staff/people/${target}`, fields)).status, JSON.stringify(fields)).toBe(403);
    }
    // The forms are not even shown to staff.
    const page = await shownHtml(await staff.get(`/staff/people/${ivan}`));
    expect(page).not.toContain('value="role"');
    expect(page).not.toContain('value="deactivate"');
    expect(await db.user.findMany({ orderBy: { id: "asc" } })).toEqual(before.users);
    expect(await db.auditLog.count()).toBe(before.audit);
  });

  it("never demotes the last admin, also when two admins demote each other at the same moment", async () => {
    const admin = await signedIn("admin@wijkbudget.demo");
    const adminId = await idOf("admin@wijkbudget.demo");
    const lonely = await admin.post(`/staff/people/${adminId}`, { intent: "role", role: "STAFF" });
    expect(lonely.status).toBe(409);
    expect(await shownHtml(lonely)).toContain(asHtml(translation("nl", "people:errors.lastAdmin")));

    const otherId = await idOf("panel@wijkbudget.demo");
    const promoted = await admin.post(`/staff/people/${otherId}`, { intent: "role", role: "ADMIN" });
    expect(promoted.status).toBe(302);
    const other = await signedIn("panel@wijkbudget.demo");
    const browsers = new Map([
      [adminId, admin],
      [otherId, other],
    ]);
    for (let race = 0; race < 4; race++) {
      const [first, second] = await Promise.all([
        admin.post(`/staff/people/${otherId}`, { intent: "role", role: "STAFF" }),
        other.post(`/staff/people/${adminId}`, { intent: "role", role: "STAFF" }),
      ]);
      const statuses = [first.status, second.status].sort();
      // One wins; the other finds itself no longer admin (403) or the target the last admin (409).
      expect(statuses[0], `race ${race}`).toBe(302);
      expect([403, 409], `race ${race}`).toContain(statuses[1]);
      expect(await activeAdmins(), `race ${race}`).toBe(1);
      // The remaining admin makes the other admin again for the next race.
      const remaining = (await db.user.findFirstOrThrow({ where: { role: "ADMIN", deactivatedAt: null } })).id;
      const demoted = remaining === adminId ? otherId : adminId;
      expect((await browsers.get(remaining)!.post(`/staff/people/${demoted}`, { intent: "role", role: "ADMIN" })).status).toBe(302);
    }
    const roleEntries = await db.auditLog.findMany({ where: { action: "user.role" } });
    expect(roleEntries.every((entry) => Object.keys(JSON.parse(entry.details)).join() === "role")).toBe(true);
    expect(JSON.parse(roleEntries[0]!.details)).toEqual({ role: { before: "RESIDENT", after: "ADMIN" } });
    // Back to one admin for the tests that follow.
    expect((await admin.post(`/staff/people/${otherId}`, { intent: "role", role: "RESIDENT" })).status).toBe(302);
  });

  it("asks a newly promoted staff member for a second factor before any staff page", async () => {
    const admin = await signedIn("admin@wijkbudget.demo");
    const email = "nieuwe.collega@stad.example";
    const created = await db.user.create({
      data: { email, name: "Nieuwe Collega", passwordHash: await hashPassword(DEMO_PASSWORD), emailVerifiedAt: new Date(), locale: "nl" },
    });
    expect((await admin.post(`/staff/people/${created.id}`, { intent: "role", role: "STAFF" })).status).toBe(302);
    const colleague = await signedIn(email);
    const staffPage = await colleague.get("/staff/people");
    expect(staffPage.status).toBe(302);
    expect(staffPage.headers.get("Location")).toBe("/account/two-factor?required=1");
  });

  it("deactivates a staff member who left: sessions end at once, no login, no reset; the audit keeps the name; reactivation restores login", async () => {
    const admin = await signedIn("admin@wijkbudget.demo");
    const adminId = await idOf("admin@wijkbudget.demo");
    const staffId = await idOf("staff@wijkbudget.demo");
    const staff = await signedIn("staff@wijkbudget.demo");
    expect((await staff.get("/staff")).status).toBe(200);

    expect((await admin.post(`/staff/people/${adminId}`, { intent: "deactivate" })).status).toBe(409);
    expect((await admin.post(`/staff/people/${await idOf("ivan@wijkbudget.demo")}`, { intent: "deactivate" })).status).toBe(409);
    const deactivated = await admin.post(`/staff/people/${staffId}`, { intent: "deactivate" });
    expect(deactivated.status).toBe(302);
    expect(await db.session.count({ where: { userId: staffId } })).toBe(0);
    const after = await staff.get("/staff");
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toMatch(/^\/login/);

    const login = await visitor().post("/login", { email: "staff@wijkbudget.demo", password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(await shownHtml(login)).toContain(asHtml(translation("nl", "auth:login.deactivated")));
    expect(await db.session.count({ where: { userId: staffId } })).toBe(0);
    expect((await visitor().post("/forgot-password", { email: "staff@wijkbudget.demo" })).status).toBeLessThan(400);
    expect(await db.emailToken.count({ where: { userId: staffId, usedAt: null } })).toBe(0);

    // What the staff member did (the block in an earlier test) still shows their name.
    const audit = await shownHtml(await admin.get("/staff/audit"));
    expect(audit).toContain("Sara Participatie (stad)");
    expect(await shownHtml(await admin.get(`/staff/people/${staffId}`))).toContain(asHtml(translation("nl", "people:status.deactivated")));

    expect((await admin.post(`/staff/people/${staffId}`, { intent: "reactivate" })).status).toBe(302);
    await visitor().logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const trail = await db.auditLog.findMany({ where: { entityId: staffId }, orderBy: { at: "asc" } });
    expect(trail.map((entry) => entry.action)).toEqual(["user.deactivate", "user.reactivate"]);
  });
});
