// Two-factor sign-in over HTTP (docs/decisions/0015-two-factor.md): staff cannot use staff pages
// without a second factor; sign-in asks for the code; recovery codes work once; a remembered browser
// is not asked; an admin can reset it, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt, totpStep } from "~/auth/totp";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aUser } from "../../support/builders";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const EMAIL = "an.peeters@stad.example";
const PASSWORD = "een lang wachtwoord voor An";

let server: TestServer;
let db: Db;
let address = 0;
const visitor = () => new Visitor(server.baseUrl, { address: `10.13.0.${++address}`, acceptLanguage: "nl" });

beforeAll(async () => {
  server = await startTestServer();
  db = createPrismaClient(server.databaseUrl);
  // A real (not demo) staff account, as a city creates one.
  await aUser(db, { email: EMAIL, name: "An Peeters", role: "STAFF", password: PASSWORD });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

const keyOf = async () => (await db.user.findUniqueOrThrow({ where: { email: EMAIL } })).totpKey!;
const lastStep = async () => (await db.user.findUniqueOrThrow({ where: { email: EMAIL } })).totpLastStep;

describe("two-factor sign-in", () => {
  let recoveryCodes: string[] = [];

  it("keeps a staff account without a second factor out of staff pages until it sets one up", async () => {
    const an = visitor();
    await an.logIn(EMAIL, PASSWORD);
    for (const path of ["/staff", "/staff/audit", "/staff/rounds/new"]) {
      const response = await an.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toBe("/account/two-factor?required=1");
    }
    expect(await shownHtml(await an.get("/account"))).toContain(asHtml(translation("nl", "auth:twoFactor.account.off")));
    const page = await an.get("/account/two-factor?required=1");
    expect(await shownHtml(page)).toContain(asHtml(translation("nl", "auth:twoFactor.setup.required")));

    expect((await an.post("/account/two-factor", { intent: "start" })).status).toBe(200);
    const setup = await shownHtml(await an.get("/account/two-factor"));
    expect(setup).toContain("<svg");
    const key = await keyOf();

    const wrong = await an.post("/account/two-factor", { intent: "confirm", code: "000000" === totpCodeAt(key, totpStep(new Date())) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(await shownHtml(wrong)).toContain(asHtml(translation("nl", "auth:twoFactor.wrongCode")));

    const confirmed = await an.post("/account/two-factor", { intent: "confirm", code: totpCodeAt(key, totpStep(new Date())) });
    expect(confirmed.status).toBe(200);
    recoveryCodes = [...(await shownHtml(confirmed)).matchAll(/<code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})<\/code>/g)].map((match) => match[1]!);
    expect(recoveryCodes).toHaveLength(10);
    expect(await db.recoveryCode.count()).toBe(10);
    expect((await an.get("/staff")).status).toBe(200);
    expect(await shownHtml(await an.get("/account"))).toContain(asHtml(translation("nl", "auth:twoFactor.setup.on")));
  });

  it("asks for the code after the password; the half-signed-in browser gets nothing else", async () => {
    const an = visitor();
    const login = await an.post("/login", { email: EMAIL, password: PASSWORD, redirectTo: "/staff/audit" });
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe(`/login/second-factor?redirectTo=${encodeURIComponent("/staff/audit")}`);
    expect((await an.get("/staff")).headers.get("Location")).toMatch(/^\/login\?/);
    expect((await an.get("/account")).headers.get("Location")).toMatch(/^\/login\?/);
    expect((await an.get("/login/second-factor")).status).toBe(200);

    // The code used to confirm the set-up cannot be used again (replay); the next one can.
    const key = await keyOf();
    const replay = await an.post("/login/second-factor", { code: totpCodeAt(key, await lastStep()), redirectTo: "/staff/audit" });
    expect(replay.status).toBe(400);
    const next = await an.post("/login/second-factor", { code: totpCodeAt(key, (await lastStep()) + 1), redirectTo: "/staff/audit" });
    expect(next.status).toBe(302);
    expect(next.headers.get("Location")).toBe("/staff/audit");
    expect((await an.get("/staff/audit")).status).toBe(200);
  });

  it("takes each recovery code once", async () => {
    const first = visitor();
    await first.post("/login", { email: EMAIL, password: PASSWORD });
    const used = await first.post("/login/second-factor", { recoveryCode: recoveryCodes[0]!.toUpperCase() });
    expect(used.status).toBe(302);
    expect((await first.get("/staff")).status).toBe(200);

    const second = visitor();
    await second.post("/login", { email: EMAIL, password: PASSWORD });
    const again = await second.post("/login/second-factor", { recoveryCode: recoveryCodes[0]! });
    expect(again.status).toBe(400);
    expect(await shownHtml(again)).toContain(asHtml(translation("nl", "auth:twoFactor.wrongRecoveryCode")));
    expect(await db.recoveryCode.count()).toBe(9);
  });

  it("limits wrong codes: five are checked, then the account waits", async () => {
    // The replay and the reused recovery code above counted as failures too: start from none.
    await db.rateLimit.deleteMany({ where: { key: { startsWith: "second-factor:" } } });
    const guesser = visitor();
    await guesser.post("/login", { email: EMAIL, password: PASSWORD });
    const key = await keyOf();
    const current = totpStep(new Date());
    const wrongCodes = ["000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777"].filter(
      (code) => ![current - 1, current, current + 1].some((step) => totpCodeAt(key, step) === code),
    );
    const answers = await Promise.all(wrongCodes.slice(0, 7).map((code) => guesser.post("/login/second-factor", { code })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([400, 400, 400, 400, 400, 429, 429]);
    await db.rateLimit.deleteMany({ where: { key: { startsWith: "second-factor:" } } });
  });

  it("does not ask again in a browser remembered for 30 days", async () => {
    // A minute later: the steps used above are in the past.
    await db.user.update({ where: { email: EMAIL }, data: { totpLastStep: totpStep(new Date()) - 2 } });
    const an = visitor();
    await an.post("/login", { email: EMAIL, password: PASSWORD });
    const key = await keyOf();
    expect((await an.post("/login/second-factor", { code: totpCodeAt(key, totpStep(new Date())), remember: "on" })).status).toBe(302);
    expect((await an.post("/logout", {})).status).toBe(302);
    const again = await an.post("/login", { email: EMAIL, password: PASSWORD, redirectTo: "/staff" });
    expect(again.headers.get("Location")).toBe("/staff");
    expect((await an.get("/staff")).status).toBe(200);
  });

  it("can be reset by an admin (audited), never by staff; the owner then sets it up again", async () => {
    const staff = visitor();
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    expect((await staff.post("/staff/two-factor", { email: EMAIL, confirm: "on" })).status).toBe(403);

    const admin = visitor();
    await admin.logIn("admin@wijkbudget.demo", DEMO_PASSWORD);
    const unconfirmed = await admin.post("/staff/two-factor", { email: EMAIL });
    expect(unconfirmed.status).toBe(400);
    expect(await shownHtml(unconfirmed)).toContain(asHtml(translation("nl", "auth:twoFactor.reset.confirmRequired")));
    const reset = await admin.post("/staff/two-factor", { email: EMAIL, confirm: "on" });
    expect(reset.status).toBe(302);
    const user = await db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(user.totpEnabledAt).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.knownDevice.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "user.second-factor-reset", entityId: user.id } })).toBe(1);

    const an = visitor();
    await an.logIn(EMAIL, PASSWORD);
    expect((await an.get("/staff")).headers.get("Location")).toBe("/account/two-factor?required=1");
  });
});
