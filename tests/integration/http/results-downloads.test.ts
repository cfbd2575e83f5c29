// The results downloads for people and for programs, and the language switcher, through the built
// server (issue #18 items 6 and 7): the spreadsheet in the reader's language with the locale's
// decimal separator, a byte order mark and a named file; the machine CSV as before; six autonym
// buttons that switch without JavaScript and bring the reader back to the same page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound, someBallots } from "../../support/builders";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const FSI = "\u2068";
const PDI = "\u2069";

/** The staff results page once the count (a tally job) is done, with the id of the count to publish. */
async function countedJob(visitor: Visitor, url: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await visitor.get(url);
    expect(page.status).toBe(200);
    const html = await shownHtml(page);
    if (!html.includes("<progress")) return /name="jobId" value="([^"]+)"/.exec(html)![1]!;
    if (Date.now() > deadline) throw new Error(`${url} was still counting after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The body's bytes as text, keeping a byte order mark (Response.text() drops it). */
async function rawText(response: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

describe("results downloads and the language switcher over HTTP", () => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let year: number;
  let address = 0;
  const visitor = (acceptLanguage: string) => new Visitor(server.baseUrl, { address: `10.18.0.${++address}`, acceptLanguage });

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const round = await aRound(db, {
      neighbourhood: rabot.id,
      budgetCents: 1_000_000,
      phase: "TALLY",
      title: "Telling Rabot",
      votingEndsAt: new Date("2026-05-31T20:00:00Z"),
    });
    roundId = round.id;
    year = 2026;
    const project = async (number: number, title: string, requestedCents: number) =>
      (await aProposal(db, { round: roundId, author: staff, number, status: "ON_BALLOT", title, requestedCents })).id;
    const garden = await project(1, "Samentuin Rolliersstraat", 599_950);
    const benches = await project(2, "Banken aan het plein", 500_000);
    const box = await project(3, "=Speelbox", 400_000);
    await someBallots(db, 4, { round: roundId, choices: [garden] });
    await someBallots(db, 2, { round: roundId, choices: [benches, box] });
    await someBallots(db, 1, { round: roundId, choices: [box] });

    const sara = visitor("nl");
    await sara.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const before = visitor("nl");
    expect((await before.get(`/rounds/${roundId}/spreadsheet.csv`)).status).toBe(404);
    const jobId = await countedJob(sara, `/staff/rounds/${roundId}/results`);
    expect((await sara.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId, confirm: "on" })).status).toBe(302);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("gives Dutch readers a spreadsheet with Dutch headers, decimal commas, a byte order mark and a Dutch file name", async () => {
    const response = await visitor("nl-BE,nl;q=0.9").get(`/rounds/${roundId}/spreadsheet.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="wijkbudget-gent-rabot-${year}-resultaten.csv"; filename*=UTF-8''wijkbudget-gent-rabot-${year}-resultaten.csv`,
    );
    const text = await rawText(response);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = text.slice(1).split("\r\n");
    expect(rows[0]).toBe(
      [
        translation("nl", "results:spreadsheet.number"),
        translation("nl", "results:table.project"),
        translated("nl", "results:spreadsheet.cost", { currency: "EUR" }),
        translation("nl", "results:table.votes"),
        translation("nl", "results:spreadsheet.funded"),
      ].join(";"),
    );
    expect(rows).toContain(`1;${FSI}Samentuin Rolliersstraat${PDI};5999,50;4;${translation("nl", "results:table.yes")}`);
    expect(rows).toContain(`3;'${FSI}=Speelbox${PDI};4000,00;3;${translation("nl", "results:table.yes")}`);
    expect(rows).toContain(`2;${FSI}Banken aan het plein${PDI};5000,00;2;${translation("nl", "results:table.no")}`);
  });

  it("writes the headers in English and Arabic for those readers, with Arabic's decimal point and a file name in both scripts", async () => {
    const english = await rawText(await visitor("en").get(`/rounds/${roundId}/spreadsheet.csv`));
    const englishHeader = english.slice(1).split("\r\n")[0];
    expect(englishHeader).toBe(`${translation("en", "results:spreadsheet.number")};Project;Cost (${FSI}EUR${PDI});Votes;Funded`);
    const enComma = new Intl.NumberFormat("en-BE").formatToParts(1.5).find((part) => part.type === "decimal")!.value === ",";
    expect(english).toContain(enComma ? ";5999,50;" : ";5999.50;");

    const response = await visitor("ar").get(`/rounds/${roundId}/spreadsheet.csv`);
    expect(response.headers.get("content-language")).toBe("ar");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="wijkbudget-gent-rabot-${year}-nataij.csv"; filename*=UTF-8''wijkbudget-gent-rabot-${year}-${encodeURIComponent("نتائج")}.csv`,
    );
    const rows = (await rawText(response)).slice(1).split("\r\n");
    expect(rows[0]).toBe(`الرقم;المشروع;التكلفة (${FSI}EUR${PDI});الأصوات;مموَّل`);
    expect(rows).toContain(`1;${FSI}Samentuin Rolliersstraat${PDI};5999.50;4;نعم`);
  });

  it("keeps the machine-readable CSV as it was, in every language, under a descriptive name", async () => {
    const dutch = await visitor("nl").get(`/rounds/${roundId}/results.csv`);
    expect(dutch.status).toBe(200);
    expect(dutch.headers.get("content-disposition")).toBe(
      `attachment; filename="wijkbudget-gent-rabot-${year}-data.csv"; filename*=UTF-8''wijkbudget-gent-rabot-${year}-data.csv`,
    );
    const text = await rawText(dutch);
    expect(text).toBe(
      "\uFEFFnumber;title;cost;support;funded\r\n1;Samentuin Rolliersstraat;5999.50;4;1\r\n3;'=Speelbox;4000.00;3;1\r\n2;Banken aan het plein;5000.00;2;0\r\n",
    );
    expect(await rawText(await visitor("ar").get(`/rounds/${roundId}/results.csv`))).toBe(text);
  });

  it.each(LOCALES)("offers both downloads with their labels on the results page in %s", async (locale) => {
    const html = await shownHtml(await visitor(locale).get(`/rounds/${roundId}/results`));
    expect(html).toContain(`href="/rounds/${roundId}/spreadsheet.csv"`);
    expect(html).toContain(`href="/rounds/${roundId}/results.csv"`);
    for (const key of ["downloads.csv", "downloads.spreadsheetHint", "downloads.data", "downloads.dataHint"]) {
      expect(html).toContain(asHtml(translation(locale, `results:${key}`)));
    }
  });

  it("shows the six languages as buttons named in their own language, the current one marked", async () => {
    const html = await shownHtml(await visitor("ar").get(`/rounds/${roundId}/results`));
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    const buttons = [...html.matchAll(/<button\b([^>]*\bname="locale"[^>]*)>([^<]*)<\/button>/g)].map(([, attributes, name]) => ({
      value: /\bvalue="(\w+)"/.exec(attributes!)?.[1],
      lang: /\blang="(\w+)"/.exec(attributes!)?.[1],
      type: /\btype="(\w+)"/.exec(attributes!)?.[1],
      current: /\baria-current="true"/.test(attributes!),
      name,
    }));
    expect(buttons).toEqual(LOCALES.map((code) => ({ value: code, lang: code, type: "submit", current: code === "ar", name: asHtml(LOCALE_NAMES[code]) })));
    expect(html).not.toContain("<select");
    expect(html).toMatch(/<form[^>]*action="\/language"/);
  });

  it("switches language without JavaScript by posting a button and brings the reader back to the same page", async () => {
    const reader = visitor("nl");
    const page = `/rounds/${roundId}/results`;
    const html = await shownHtml(await reader.get(page));
    expect(html).toContain(`name="redirectTo" value="${page}"`);
    const switched = await reader.post("/language", { redirectTo: page, locale: "tr" });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe(page);
    expect(reader.cookie("wb_lng")).toBe("tr");
    const after = await shownHtml(await reader.get(page));
    expect(after).toMatch(/<html lang="tr" dir="ltr"/);
    expect(after).toMatch(/<button[^>]*value="tr"[^>]*aria-current="true"[^>]*>Türkçe<\/button>/);
    expect(after).not.toMatch(/<button[^>]*value="nl"[^>]*aria-current/);
  });
});
