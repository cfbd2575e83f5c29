// User content shown in a language other than the page's says so (issue #18): the proposal list, the
// ballot and the panel report pick the reader's language when a translation exists, else show the
// original with its `lang` and a note naming the language; text in the page's language has no note.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const note = (page: Locale, original: Locale) => asHtml(translated(page, "content.originalLanguage", { language: LOCALE_NAMES[original] }));

/** The page's HTML from a text up to the end of the list item or table row it stands in. */
function itemOf(html: string, text: string): string {
  const start = html.indexOf(asHtml(text));
  expect(start, text).toBeGreaterThan(-1);
  const end = html.slice(start).search(/<\/li>|<\/tr>/);
  return html.slice(start, start + end);
}

describe("the original-language note on lists, the ballot and the panel report", () => {
  let server: TestServer;
  let voting: string;
  let kroonmolen: string;
  let address = 0;
  const visitor = (locale: Locale) => new Visitor(server.baseUrl, { address: `10.18.4.${++address}`, acceptLanguage: locale });

  beforeAll(async () => {
    server = await startTestServer();
    const db = createPrismaClient(server.databaseUrl);
    voting = (await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } })).id;
    kroonmolen = (await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } })).id;
    await db.$disconnect();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("marks a Dutch-only proposal on an English proposal list, and nothing on the Dutch one", async () => {
    // The fourth Rabot idea exists in Dutch and French only.
    const english = await shownHtml(await visitor("en").get(`/rounds/${voting}/proposals`));
    const card = itemOf(english, "Bloembakken langs de Gasmeterlaan");
    expect(english).toMatch(/<h2 class="card-title" lang="nl" dir="ltr"><a [^>]*>#<!-- -->4<!-- --> <!-- -->Bloembakken langs de Gasmeterlaan<\/a>/);
    expect(card).toContain(note("en", "nl"));
    expect(card).toContain(`<p lang="nl" dir="ltr">${asHtml("Bloembakken die buren samen onderhouden.")}</p>`);

    const french = await shownHtml(await visitor("fr").get(`/rounds/${voting}/proposals`));
    expect(itemOf(french, "Jardinières le long de la Gasmeterlaan")).not.toContain(note("fr", "nl"));
    expect(itemOf(french, "Speeltuin aan de Rabotsluis")).toContain(note("fr", "nl"));

    const dutch = await shownHtml(await visitor("nl").get(`/rounds/${voting}/proposals`));
    expect(dutch).not.toContain(asHtml(translation("nl", "content.originalLanguage").split("{{")[0]!));
  });

  it("marks the ballot's projects not in the voter's language, in the form and on the review", async () => {
    const staff = visitor("nl");
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const db = createPrismaClient(server.databaseUrl);
    const batchId = (await db.codeBatch.findFirstOrThrow({ where: { roundId: voting } })).id;
    const ideas = (await db.proposal.findMany({ where: { roundId: voting }, orderBy: { number: "asc" } })).map((row) => row.id);
    await db.$disconnect();
    const csv = await shownHtml(await staff.post(`/staff/rounds/${voting}/codes/${batchId}.csv`, {}));
    const code = csv.trim().split("\r\n")[1]!.split(";")[1]!;

    // In Turkish: the first idea has a Turkish text (no note), the second only Dutch and Arabic.
    const voter = visitor("tr");
    const ballot = await shownHtml(await voter.post(`/vote/${voting}`, { step: "code", code }));
    expect(itemOf(ballot, "Rabot savağında oyun parkı")).not.toContain(note("tr", "nl"));
    const kitchen = itemOf(ballot, "Buurtkeuken in het wijkcentrum");
    expect(kitchen).toContain(note("tr", "nl"));
    expect(ballot).toContain(`<span lang="nl" dir="ltr">${asHtml("Buurtkeuken in het wijkcentrum")}</span>`);

    const review = await shownHtml(await voter.post(`/vote/${voting}`, { step: "review", code, [`choice.${ideas[0]}`]: "on", [`choice.${ideas[1]}`]: "on" }));
    expect(itemOf(review, "Rabot savağında oyun parkı")).not.toContain(note("tr", "nl"));
    expect(itemOf(review, "Buurtkeuken in het wijkcentrum")).toContain(note("tr", "nl"));
  });

  it("marks the panel report's proposals by their original language", async () => {
    const english = await shownHtml(await visitor("en").get(`/rounds/${kroonmolen}/panel`));
    expect(itemOf(english, "Samentuin Rolliersstraat")).toContain(note("en", "nl"));
    expect(itemOf(english, "Coffre à jeux pour la rue")).toContain(note("en", "fr"));
    expect(english).toContain(`<span lang="fr" dir="ltr">${asHtml("Coffre à jeux pour la rue")}</span>`);

    const dutch = await shownHtml(await visitor("nl").get(`/rounds/${kroonmolen}/panel`));
    expect(itemOf(dutch, "Samentuin Rolliersstraat")).not.toContain(note("nl", "nl"));
    expect(itemOf(dutch, "Coffre à jeux pour la rue")).toContain(note("nl", "fr"));
  });

  it("shows the panel's criteria in the reader's language, else the original with its language and a note", async () => {
    // The demo criteria have names in every language, explanations (the questions) in Dutch and English.
    const question = "Kan het binnen het budget en binnen een jaar gerealiseerd worden?";
    const french = await shownHtml(await visitor("fr").get(`/rounds/${kroonmolen}/panel`));
    const feasibility = itemOf(french, "Faisabilité");
    expect(feasibility).toContain(`<p class="muted" lang="nl" dir="ltr">${asHtml(question)}</p>`);
    expect(feasibility).toContain(note("fr", "nl"));
    expect(french).toContain(`<strong lang="fr" dir="ltr">Faisabilité</strong>`);

    const english = await shownHtml(await visitor("en").get(`/rounds/${kroonmolen}/panel`));
    const inEnglish = itemOf(english, "Feasibility");
    expect(inEnglish).toContain(asHtml("Can it be done within the budget and within a year?"));
    expect(inEnglish).not.toContain(note("en", "nl"));

    // A member reading in Turkish scores with the Turkish names and the Dutch questions, marked so.
    const db = createPrismaClient(server.databaseUrl);
    const playBox = (await db.proposal.findFirstOrThrow({ where: { roundId: kroonmolen, originalLocale: "fr" } })).id;
    await db.$disconnect();
    const elif = visitor("tr");
    await elif.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const sheet = await elif.get(`/panel/${kroonmolen}/proposals/${playBox}`);
    expect(sheet.status).toBe(200);
    const html = await shownHtml(sheet);
    expect(html).toContain(`<span lang="tr" dir="ltr">Uygulanabilirlik</span>`);
    const legend = html.indexOf("Uygulanabilirlik");
    const fieldset = html.slice(legend, html.indexOf("</fieldset>", legend));
    expect(fieldset).toContain(`<p class="field-hint" lang="nl" dir="ltr">${asHtml(question)}</p>`);
    expect(fieldset).toContain(note("tr", "nl"));
  });
});
