// Account flows through the built server, as a browser without JavaScript does them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aUser } from "../../support/builders";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("a forgotten password", () => {
  it("is reset through the emailed link, in the owner's language, once", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.2.0.1", acceptLanguage: "nl" });
    expect((await visitor.post("/forgot-password", { email: "IVAN@wijkbudget.demo" })).status).toBe(200);

    const [mail] = await server.mailTo("ivan@wijkbudget.demo");
    expect(mail?.locale).toBe("bg"); // Ivan's saved language, not the requester's
    expect(mail?.subject).toBe(translation("bg", "auth:email.reset.subject"));
    const link = new URL(mail!.text.match(/https?:\/\/\S+\/reset-password\/[a-z2-7]+/)![0]);

    expect((await visitor.get(link.pathname)).status).toBe(200);
    const reset = await visitor.post(link.pathname, { password: "ново дълго парола", confirmPassword: "ново дълго парола" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("Location")).toBe("/account?reset=1");
    expect(visitor.cookie("wb_session")).toMatch(/^[a-z2-7]{32}$/);

    const again = await visitor.post(link.pathname, { password: "още една парола", confirmPassword: "още една парола" });
    expect(again.status).toBe(410);

    const fresh = new Visitor(server.baseUrl, { address: "10.2.0.2" });
    expect((await fresh.post("/login", { email: "ivan@wijkbudget.demo", password: DEMO_PASSWORD })).status).toBe(401);
    await fresh.logIn("ivan@wijkbudget.demo", "ново дълго парола");
  });
});

describe("a session", () => {
  it("ends at logout: the old cookie no longer opens the account page", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.2.0.3" });
    await resident.logIn("marie@wijkbudget.demo", DEMO_PASSWORD);
    const token = resident.cookie("wb_session")!;
    expect((await resident.get("/account")).status).toBe(200);
    const logout = await resident.post("/logout", {});
    expect(logout.headers.get("Set-Cookie")).toMatch(/wb_session=;.*Max-Age=0/);
    const replay = await fetch(`${server.baseUrl}/account`, { headers: { Cookie: `wb_session=${token}` }, redirect: "manual" });
    expect(replay.status).toBe(302);
  });

  it("cookie is httpOnly and SameSite=Lax", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.2.0.4" });
    const response = await resident.post("/login", { email: "elif@wijkbudget.demo", password: DEMO_PASSWORD });
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("wb_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/); // NODE_ENV=production
  });
});

describe("the account page", () => {
  it("saves the language preference without JavaScript and answers in it", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.2.0.5" });
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const saved = await resident.post("/account", { intent: "preferences", name: "Elif Yılmaz", locale: "ar" });
    expect(saved.status).toBe(200);
    const html = await shownHtml(saved);
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html).toContain(asHtml(translation("ar", "auth:account.saved")));
    expect(saved.headers.getSetCookie().some((cookie) => cookie.startsWith("wb_lng=ar"))).toBe(true);
  });

  it("refuses a password change with the wrong current password, in the user's language", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.2.0.6" });
    await resident.logIn("marie@wijkbudget.demo", DEMO_PASSWORD);
    const response = await resident.post("/account", {
      intent: "change-password",
      currentPassword: "pas le bon mot",
      password: "un nouveau mot de passe",
      confirmPassword: "un nouveau mot de passe",
    });
    expect(response.status).toBe(400);
    expect(await shownHtml(response)).toContain(asHtml(translation("fr", "auth:account.wrongPassword")));
  });
});

describe("my data", () => {
  it("sends a visitor to log in, and gives a resident everything about their own account as a JSON file, linked from the account page", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.2.0.40" });
    const refused = await visitor.get("/account/data");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/login?redirectTo=%2Faccount%2Fdata");

    const resident = new Visitor(server.baseUrl, { address: "10.2.0.41" });
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const account = await shownHtml(await resident.get("/account"));
    expect(account).toContain('href="/account/data"');
    const lng = /<html lang="([a-z]{2})"/.exec(account)![1]!;
    expect(account).toContain(asHtml(translation(lng, "auth:account.myData.download")));
    expect(account).toContain(asHtml(translation(lng, "auth:participation.title")));

    const file = await resident.get("/account/data");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="wijkbudget-my-data-\d{4}-\d{2}-\d{2}\.json"/);
    expect(file.headers.get("cache-control")).toBe("no-store");
    const data = (await file.json()) as { account: { email: string }; proposals: { authored: unknown[] } };
    expect(data.account.email).toBe("elif@wijkbudget.demo");
    expect(data.proposals.authored.length).toBeGreaterThan(0);
  });
});

describe("deleting my account", () => {
  it("asks for the password and a tick, then logs out everywhere and says goodbye; the address no longer logs in", async () => {
    const db = createPrismaClient(server.databaseUrl);
    await aUser(db, { email: "weg@example.org", name: "Weg Gaand", password: "een lange zin als wachtwoord", locale: "bg" });
    await db.$disconnect();
    const resident = new Visitor(server.baseUrl, { address: "10.2.0.50" });
    await resident.logIn("weg@example.org", "een lange zin als wachtwoord");
    expect(await shownHtml(await resident.get("/account/delete"))).toContain(asHtml(translation("bg", "auth:deleteAccount.erased")));

    const wrong = await resident.post("/account/delete", { intent: "delete-account", password: "niet dit", understood: "on" });
    expect(wrong.status).toBe(400);
    expect(await shownHtml(wrong)).toContain(asHtml(translation("bg", "auth:account.wrongPassword")));
    const unticked = await resident.post("/account/delete", { intent: "delete-account", password: "een lange zin als wachtwoord" });
    expect(unticked.status).toBe(400);
    expect(await shownHtml(unticked)).toContain(asHtml(translation("bg", "auth:deleteAccount.mustConfirm")));

    const deleted = await resident.post("/account/delete", { intent: "delete-account", password: "een lange zin als wachtwoord", understood: "on" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/account/delete?done=1");
    const goodbye = await resident.get("/account/delete?done=1");
    expect(goodbye.status).toBe(200);
    expect(await shownHtml(goodbye)).toContain(asHtml(translation("bg", "auth:deleteAccount.done")));
    expect((await resident.get("/account")).status).toBe(302);
    await expect(new Visitor(server.baseUrl, { address: "10.2.0.51" }).logIn("weg@example.org", "een lange zin als wachtwoord")).rejects.toThrow();
  });
});
