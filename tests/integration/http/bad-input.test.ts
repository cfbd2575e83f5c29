// Bad input on the account forms gets a 4xx with a message in the user's language, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

let server: TestServer;
let address = 0;
/** A visitor from a new address each time, reading Turkish (or `locale`). */
const visitor = (locale = "tr") => new Visitor(server.baseUrl, { address: `10.1.0.${++address}`, acceptLanguage: locale });

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const OVERLONG = "a".repeat(5000);
const FORMS: { path: string; valid: Record<string, string> }[] = [
  { path: "/register", valid: { name: "Ayşe", email: "ayse@example.org", password: "een lang wachtwoord" } },
  { path: "/login", valid: { email: "ayse@example.org", password: "een lang wachtwoord" } },
  { path: "/forgot-password", valid: { email: "ayse@example.org" } },
];

async function expectRefusal(response: Response, locale: string, key: string) {
  const html = await shownHtml(response);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(html).toContain(`lang="${locale}"`);
  expect(html).toContain(asHtml(translation(locale, key)));
}

describe("bad input on register, login and password reset", () => {
  for (const form of FORMS) {
    it(`${form.path}: empty fields are refused in Turkish`, async () => {
      const empty = Object.fromEntries(Object.keys(form.valid).map((name) => [name, ""]));
      await expectRefusal(await visitor().post(form.path, empty), "tr", "validation.required");
    });

    it(`${form.path}: a missing field is refused, not a crash`, async () => {
      await expectRefusal(await visitor().post(form.path, {}), "tr", "validation.required");
    });

    it(`${form.path}: a malformed email is refused in Bulgarian`, async () => {
      const response = await visitor("bg").post(form.path, { ...form.valid, email: "not-an-email@" });
      await expectRefusal(response, "bg", "validation.email");
    });

    it(`${form.path}: overlong values are refused`, async () => {
      const response = await visitor().post(form.path, { ...form.valid, email: `${OVERLONG}@example.org` });
      await expectRefusal(response, "tr", "validation.emailTooLong");
      if ("password" in form.valid) {
        const long = await visitor().post(form.path, { ...form.valid, password: OVERLONG });
        await expectRefusal(long, "tr", "validation.passwordTooLong");
      }
    });

    it(`${form.path}: a 12 MB body gets 413 with a page in the user's language`, async () => {
      const body = `email=${"x".repeat(12 * 1024 * 1024)}`;
      const response = await visitor("ar").post(form.path, body);
      expect(response.status).toBe(413);
      const html = await shownHtml(response);
      expect(html).toContain('lang="ar" dir="rtl"');
      expect(html).toContain(asHtml(translation("ar", "errors:plainError.tooLarge.title")));
    });
  }

  it("a reset with a bad link or mismatched passwords is refused", async () => {
    const page = await visitor().get("/reset-password/not-a-real-token");
    expect(page.status).toBe(410);
    // Mismatched passwords on a valid link: the form says so in the reader's language.
    expect((await visitor().post("/forgot-password", { email: "panel@wijkbudget.demo" })).status).toBe(200);
    const [mail] = await server.mailTo("panel@wijkbudget.demo");
    const link = new URL(mail!.text.match(/https?:\/\/\S+\/reset-password\/[a-z2-7]+/)![0]);
    const mismatch = await visitor().post(link.pathname, { password: "een lang wachtwoord", confirmPassword: "iets anders hier" });
    await expectRefusal(mismatch, "tr", "validation.passwordsDiffer");
    const badLink = await visitor().post("/reset-password/not-a-real-token", {
      password: "een lang wachtwoord",
      confirmPassword: "een lang wachtwoord",
    });
    await expectRefusal(badLink, "tr", "auth:reset.invalid");
  });

  it("a form posted from another site is refused with 403", async () => {
    const response = await visitor("bg").post("/login", FORMS[1]!.valid, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await shownHtml(response)).toContain(asHtml(translation("bg", "errors:plainError.badOrigin.title")));
    const noOrigin = await visitor().post("/login", FORMS[1]!.valid, { origin: null });
    expect(noOrigin.status).toBe(403);
  });

  it("a wrong password gets 401 and a message that does not say whether the account exists", async () => {
    const known = await visitor().post("/login", { email: "elif@wijkbudget.demo", password: "wrong password!" });
    const unknown = await visitor().post("/login", { email: "nobody@example.org", password: "wrong password!" });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = asHtml(translation("tr", "auth:login.invalid"));
    expect(await shownHtml(known)).toContain(message);
    expect(await shownHtml(unknown)).toContain(message);
  });

  it("login is rate-limited per account, from any address, with a clear message", async () => {
    // 50 failures an hour per account from anywhere (a browser that signed in before is exempt,
    // see login-limits.test.ts); every attempt from another address.
    const attempt = (n: number) =>
      new Visitor(server.baseUrl, { address: `10.1.1.${n + 1}`, acceptLanguage: "nl" }).post("/login", {
        email: "ivan@wijkbudget.demo",
        password: `guess number ${n}`,
      });
    const statuses: number[] = [];
    for (let n = 0; n < 50; n += 10)
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(n + i)))).map((response) => response.status));
    expect(statuses).toEqual(Array(50).fill(401));
    const refused = await attempt(50);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await shownHtml(refused)).toContain(asHtml(translated("nl", "errors:rateLimited_other", { count: 60 })));
  });

  it("the reset request answers the same for known and unknown addresses", async () => {
    const known = await visitor("nl").post("/forgot-password", { email: "marie@wijkbudget.demo" });
    const unknown = await visitor("nl").post("/forgot-password", { email: "niemand@example.org" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => html.replace(/marie@wijkbudget\.demo|niemand@example\.org/g, "EMAIL").replace(/nonce="[^"]*"/g, "");
    expect(strip(await shownHtml(known))).toBe(strip(await shownHtml(unknown)));
    expect(await server.mailTo("marie@wijkbudget.demo")).toHaveLength(1);
  });
});

describe("hostile form posts", () => {
  it("field names that would build huge or conflicting objects get a 4xx, fast", async () => {
    const started = Date.now();
    for (const body of ["x.99999999=1", "x.2000000=1", "email=a&email.x=1", `${"a.".repeat(200_000)}b=1`, "__proto__.admin=1"]) {
      const response = await visitor().post("/login", body);
      expect(response.status, body.slice(0, 30)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 30)).toBeLessThan(500);
      expect((await shownHtml(response)).length).toBeLessThan(200_000);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it("bodies that are not forms get 415, broken multipart 400", async () => {
    const json = await visitor("bg").post("/login", '{"email":"a@b.c"}', { headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(415);
    expect(await shownHtml(json)).toContain(asHtml(translation("bg", "errors:plainError.unsupportedType.title")));
    const broken = await visitor().post("/login", "--xyz\r\nnot really multipart", {
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
    });
    expect(broken.status).toBe(400);
  });

  it("a redirect after login never leaves the site", async () => {
    for (const redirectTo of ["//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/%0a/evil.example"]) {
      const resident = visitor();
      const response = await resident.post("/login", { email: "elif@wijkbudget.demo", password: DEMO_PASSWORD, redirectTo });
      expect(response.status).toBe(302);
      const location = response.headers.get("Location") ?? "";
      expect(new URL(location, server.baseUrl).origin, redirectTo).toBe(server.baseUrl);
    }
  });
});

describe("pages in the user's language", () => {
  it("an unknown page is a 404 in Bulgarian", async () => {
    const response = await visitor("bg").get("/no/such/page");
    expect(response.status).toBe(404);
    const html = await shownHtml(response);
    expect(html).toContain('lang="bg"');
    expect(html).toContain(asHtml(translation("bg", "errors:notFound.title")));
  });

  it("an unknown round is a 404, and a draft round is hidden from residents", async () => {
    expect((await visitor().get("/rounds/nonexistent")).status).toBe(404);
    expect((await visitor().get("/n/nowhere")).status).toBe(404);
    const db = createPrismaClient(server.databaseUrl);
    const draft = await db.budgetRound.findFirstOrThrow({ where: { phase: "DRAFT" } });
    await db.$disconnect();
    const resident = visitor();
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    expect((await resident.get(`/rounds/${draft.id}`)).status).toBe(404);
    const staff = visitor();
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    expect((await staff.get(`/rounds/${draft.id}`)).status).toBe(200);
  });

  it("Arabic pages are right-to-left", async () => {
    const html = await shownHtml(await visitor("ar").get("/"));
    expect(html).toContain('<html lang="ar" dir="rtl">');
  });

  it("security headers are set", async () => {
    const response = await visitor().get("/");
    expect(response.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
