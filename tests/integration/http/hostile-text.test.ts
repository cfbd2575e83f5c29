// Control characters at the one input boundary (Hardening III, item 1): PostgreSQL cannot store or
// even compare a NUL (error 22021), so before this every such request was a 500 there. Now a form
// field gets a 400 with a message in the user's language, a path a 404, a query parameter is ignored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { addDays, cityToday } from "~/kernel/city-time";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { testProviders } from "../../support/databases";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const NUL = "\u0000";

describe.each(testProviders())("hostile text on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (locale = "bg") => new Visitor(server.baseUrl, { address: `10.14.0.${++address}`, acceptLanguage: locale });
  async function loggedIn(email: string, locale = "bg") {
    const person = visitor(locale);
    await person.logIn(email, DEMO_PASSWORD);
    return person;
  }
  async function expectFieldMessage(response: Response, locale: string) {
    expect(response.status).toBe(400);
    const html = await shownHtml(response);
    expect(html).toContain(asHtml(translation(locale, "validation.controlCharacters")));
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("answers 404 to a path that cannot name anything, and ignores such a query parameter", async () => {
    const reader = visitor("tr");
    for (const path of ["/n/a%00b", "/proposals/a%00b", "/events/a%00b", "/rounds/a%00b/proposals", "/n/%ED%A0%80", "/proposals/%0A"]) {
      const response = await reader.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain(translation("tr", "errors:notFound.title"));
    }
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } });
    expect((await reader.get(`/rounds/${round.id}/proposals?q=a%00b&sort=new%00`)).status).toBe(200);
    expect((await reader.get(`/receipts?receipt=%00`)).status).toBe(200);
    const staff = await loggedIn("staff@wijkbudget.demo", "nl");
    expect((await staff.get("/staff/parklets/edit?id=%00")).status).toBe(200);
  });

  it("refuses a NUL in account and registration forms with a field message", async () => {
    await expectFieldMessage(await visitor().post("/register", { name: `Иван${NUL}`, email: "ivan.nul@example.org", password: "една дълга парола" }), "bg");
    const ivan = await loggedIn("ivan@wijkbudget.demo");
    await expectFieldMessage(await ivan.post("/account", { intent: "preferences", name: `Иван${NUL}`, locale: "bg" }), "bg");
    expect((await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } })).name).not.toContain(NUL);
  });

  it("refuses a NUL in a proposal's title and description, and stores CRLF as LF", async () => {
    const ivan = await loggedIn("ivan@wijkbudget.demo");
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } });
    const proposal = {
      intent: "save",
      originalLocale: "bg",
      title: "Пейки",
      summary: "Нови пейки",
      description: "Ред едно\r\nред две",
      locationText: "Arsenaalstraat",
      "costLines.0.label": "Пейки",
      "costLines.0.amount": "300",
    };
    await expectFieldMessage(await ivan.post(`/rounds/${round.id}/proposals/new`, { ...proposal, title: `Пейки${NUL}` }), "bg");
    await expectFieldMessage(await ivan.post(`/rounds/${round.id}/proposals/new`, { ...proposal, description: `a${NUL}b` }), "bg");
    const saved = await ivan.post(`/rounds/${round.id}/proposals/new`, proposal);
    expect(saved.status).toBe(302);
    // To the saved draft (a request whose session was lost would be sent to /login, also with a 302).
    expect(saved.headers.get("location")).toMatch(/^\/proposals\/[^/?]+\?saved=1$/);
    const text = await db.proposalText.findFirstOrThrow({ where: { title: "Пейки" } });
    expect(text.description).toBe("Ред едно\nред две");
  });

  it("refuses a NUL in a parklet request and in staff's event and round forms, never a 500", async () => {
    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "oostende-westerkwartier" } });
    await expectFieldMessage(
      await elif.post("/parklets/request", {
        neighbourhoodId: neighbourhood.id,
        street: `Duivenhok${NUL}straat`,
        wishedFrom: addDays(cityToday(), 20),
        wishedUntil: addDays(cityToday(), 27),
        reason: "Çocuklar",
        supporters: "3",
      }),
      "tr",
    );
    const staff = await loggedIn("staff@wijkbudget.demo", "nl");
    await expectFieldMessage(
      await staff.post("/staff/events/new", { originalLocale: "nl", "translations.nl.title": `Buurtfeest${NUL}`, place: "Plein", organiser: "Stad" }),
      "nl",
    );
    await expectFieldMessage(
      await staff.post("/staff/rounds/new", {
        intent: "setup",
        step: "texts",
        go: "next",
        originalLocale: "nl",
        "translations.nl.title": `Ronde${NUL}`,
        budget: "40000",
      }),
      "nl",
    );
    // A NUL in an id read straight from a form is simply no id.
    const answer = await staff.post("/staff/parklets/requests", { intent: "decline", requestId: `x${NUL}`, reason: "Geen plaats" });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});
