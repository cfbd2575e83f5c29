// Results through the built server: staff pages refuse residents, the public page and its downloads
// appear only once published, a malformed .pb upload is refused with its line number.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolate } from "~/kernel/text";
import { generateToken } from "~/kernel/tokens";
import { createPrismaClient, type Db } from "~/db.server";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { parsePabulib } from "~/results/pabulib";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound, someBallots } from "../../support/builders";
import { testProviders } from "../../support/databases";
import { asHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const originalLanguageNote = (page: Locale, written: Locale) => translated(page, "content.originalLanguage", { language: LOCALE_NAMES[written] });

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const warsaw = path.resolve(repositoryRoot, process.env.PABULIB_DIR ?? "../shared/pabulib", "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb");

/** The page as rendered, without scripts (every page embeds its translations as JSON). */
async function rendered(response: Response): Promise<string> {
  return (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

/**
 * The staff results page once the round's count is done (the server counts on a worker thread while the page
 * shows its progress), with the id of the count its publish form names.
 */
async function countedPage(visitor: Visitor, url: string): Promise<{ html: string; jobId: string | null }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await visitor.get(url);
    expect(page.status).toBe(200);
    const html = await rendered(page);
    if (!html.includes("<progress")) return { html, jobId: /name="jobId" value="([^"]+)"/.exec(html)?.[1] ?? null };
    if (Date.now() > deadline) throw new Error(`${url} was still counting after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A multipart body the way a browser without JavaScript posts a file. */
function multipart(fields: Record<string, string>, file: { name: string; filename: string; content: string }) {
  const boundary = `----wb${generateToken()}`;
  let body = "";
  for (const [name, value] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n`;
  body += `--${boundary}--\r\n`;
  return { body, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testProviders())("results over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let neighbourhoodId: string;
  const projects: Record<"garden" | "benches" | "box", string> = {} as never;
  let address = 0;

  async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.9.0.${++address}`, acceptLanguage: locale });
    await visitor.logIn(email, DEMO_PASSWORD);
    return visitor;
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    neighbourhoodId = (await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } })).id;
    roundId = (await aRound(db, { neighbourhood: neighbourhoodId, budgetCents: 1_000_000, phase: "TALLY", title: "Telling Arsenaal" })).id;
    const project = async (number: number, title: string, requestedCents: number) =>
      (await aProposal(db, { round: roundId, author: staff, number, status: "ON_BALLOT", title, requestedCents })).id;
    projects.garden = await project(1, "Samentuin Rolliersstraat", 600_000);
    projects.benches = await project(2, "Banken aan het plein", 500_000);
    projects.box = await project(3, "=Speelbox", 400_000);
    // greedy, €10,000: garden (6000) and box (4000); benches (5000) no longer fit.
    await someBallots(db, 3, { round: roundId, choices: [projects.garden] });
    await someBallots(db, 2, { round: roundId, choices: [projects.benches, projects.box], channel: "PAPER" });
    await someBallots(db, 1, { round: roundId, choices: [projects.box] });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("sends visitors to log in and refuses residents the staff pages", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.9.1.1" });
    const anonymous = await visitor.get(`/staff/rounds/${roundId}/results`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");

    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    expect((await elif.get(`/staff/rounds/${roundId}/results`)).status).toBe(403);
    expect((await elif.post(`/staff/rounds/${roundId}/results`, { intent: "publish", confirm: "on" })).status).toBe(403);
    expect((await elif.get("/staff/results/import")).status).toBe(403);
    const upload = multipart({ neighbourhoodId }, { name: "file", filename: "x.pb", content: "META\r\n" });
    expect((await elif.post("/staff/results/import", upload.body, { headers: upload.headers })).status).toBe(403);
    expect((await elif.get(`/staff/proposals/${projects.garden}/updates`)).status).toBe(403);
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: roundId } })).phase).toBe("TALLY");
  });

  it("has no public results, CSV or .pb before publishing", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.9.1.2" });
    const page = await visitor.get(`/rounds/${roundId}/results`);
    expect(page.status).toBe(404);
    expect(await rendered(page)).toContain(asHtml(translation("nl", "results:public.notPublished")));
    expect((await visitor.get(`/rounds/${roundId}/results.csv`)).status).toBe(404);
    expect((await visitor.get(`/rounds/${roundId}/results.pb`)).status).toBe(404);
  });

  it("shows staff the preview, refuses publishing without the confirmation, then publishes", async () => {
    const sara = await loggedIn("staff@wijkbudget.demo");
    const { html, jobId } = await countedPage(sara, `/staff/rounds/${roundId}/results`);
    expect(html).toContain(asHtml(translation("nl", "results:staff.previewNote").split("{{date}}")[0]));
    expect(html).toContain("Samentuin Rolliersstraat");
    expect(jobId).toBeTruthy();

    const unconfirmed = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId: jobId! });
    expect(unconfirmed.status).toBe(400);
    expect(await rendered(unconfirmed)).toContain(asHtml(translation("nl", "results:validation.confirmPublish")));
    const unknownCount = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId: "nothing-like-it", confirm: "on" });
    expect(unknownCount.status).toBe(404);
    expect(await rendered(unknownCount)).toContain(asHtml(translation("nl", "results:errors.countUnknown")));

    const published = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId: jobId!, confirm: "on" });
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toBe(`/staff/rounds/${roundId}/results?published=1`);
    const again = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId: jobId!, confirm: "on" });
    expect(again.status).toBe(409);
    expect(await rendered(again)).toContain(asHtml(translation("nl", "results:errors.alreadyPublished")));
  });

  it("publishes the results page with turnout, the rule in words, a chart and its table, and the downloads", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.9.1.3", acceptLanguage: "en" });
    const page = await visitor.get(`/rounds/${roundId}/results`);
    expect(page.status).toBe(200);
    const html = await rendered(page);
    expect(html).toContain(asHtml(translation("en", "results:rules.greedy")));
    expect(html).toContain(asHtml(translation("en", "results:table.caption")));
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain(translated("en", "results:facts.channels", { online: 4, paper: 2 }));
    expect(html).toContain(`/rounds/${roundId}/results.csv`);

    const csv = await visitor.get(`/rounds/${roundId}/results.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(rows[0]).toBe("number;title;cost;support;funded");
    expect(rows).toContain("3;'=Speelbox;4000.00;3;1");
    expect(rows).toContain("2;Banken aan het plein;5000.00;2;0");

    const pb = await visitor.get(`/rounds/${roundId}/results.pb`);
    expect(pb.status).toBe(200);
    const file = parsePabulib(await pb.text());
    expect(file.votes).toHaveLength(6);
    expect(file.meta.get("rule")).toBe("greedy");
    expect(file.meta.get("currency")).toBe("EUR");
    expect(file.projects.map((project) => [project.id, project.fields.selected])).toEqual([
      ["1", "1"],
      ["2", "0"],
      ["3", "1"],
    ]);
  });

  it("withdraws a funded project with a public reason and shows what changed", async () => {
    const sara = await loggedIn("staff@wijkbudget.demo");
    const missing = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "withdraw", proposalId: projects.garden, reason: "", confirm: "on" });
    expect(missing.status).toBe(400);
    expect(await rendered(missing)).toContain(asHtml(translation("nl", "results:validation.reasonRequired")));
    const notFunded = await sara.post(`/staff/rounds/${roundId}/results`, { intent: "withdraw", proposalId: projects.benches, reason: "x", confirm: "on" });
    expect(notFunded.status).toBe(409);
    expect(await rendered(notFunded)).toContain(asHtml(translation("nl", "results:errors.notFunded")));

    // Without the garden (6000): the box (4000) and the benches (5000) fit.
    const done = await sara.post(`/staff/rounds/${roundId}/results`, {
      intent: "withdraw",
      proposalId: projects.garden,
      reason: "De grond is vervuild",
      reasonLocale: "nl",
      confirm: "on",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/staff/rounds/${roundId}/results?withdrawing=1`);
    // Counted again on a worker thread; the page says so once the new version is published.
    const { html: staffHtml } = await countedPage(sara, done.headers.get("location")!);
    expect(staffHtml).toContain(asHtml(translation("nl", "results:staff.notices.withdrawn")));
    expect((await db.proposal.findUniqueOrThrow({ where: { id: projects.benches } })).status).toBe("FUNDED");
    const page = await new Visitor(server.baseUrl, { address: "10.9.1.4" }).get(`/rounds/${roundId}/results`);
    const html = await rendered(page);
    expect(html).toContain(asHtml(translation("nl", "results:changes.title")));
    expect(html).toContain("De grond is vervuild");
    expect(html).toContain(asHtml(translation("nl", "results:changes.newlyFunded")));
    expect(html).not.toContain(asHtml(translation("nl", "results:changes.noneFunded")));
    const proposalPage = await new Visitor(server.baseUrl, { address: "10.9.1.5" }).get(`/proposals/${projects.garden}`);
    const proposalHtml = await rendered(proposalPage);
    expect(proposalHtml).toContain(asHtml(translation("nl", "results:withdrawnReason")));
    expect(proposalHtml).toContain("De grond is vervuild");
    // Read in English, the Dutch reason says it is Dutch.
    const english = await rendered(await new Visitor(server.baseUrl, { address: "10.9.1.7", acceptLanguage: "en" }).get(`/rounds/${roundId}/results`));
    expect(english).toContain(`<bdi lang="nl" dir="ltr">De grond is vervuild</bdi><p class="language-note">${asHtml(originalLanguageNote("en", "nl"))}</p>`);
    expect(html).not.toContain(asHtml(originalLanguageNote("nl", "nl")));
  });

  it("posts a realisation update that the project page shows as a timeline", async () => {
    const sara = await loggedIn("staff@wijkbudget.demo");
    expect((await sara.get(`/staff/proposals/${projects.box}/updates`)).status).toBe(200);
    const bad = await sara.post(`/staff/proposals/${projects.box}/updates`, { status: "IN_PROGRESS", text: "Gestart", day: "2027-02-30" });
    expect(bad.status).toBe(400);
    expect(await rendered(bad)).toContain(asHtml(translation("nl", "results:validation.day")));
    const posted = await sara.post(`/staff/proposals/${projects.box}/updates`, {
      status: "IN_PROGRESS",
      text: "De speelbox staat er",
      day: "2027-05-14",
      photoAlt: "",
    });
    expect(posted.status).toBe(302);
    const page = await new Visitor(server.baseUrl, { address: "10.9.1.6", acceptLanguage: "en" }).get(`/proposals/${projects.box}`);
    const html = await rendered(page);
    expect(html).toContain(asHtml(translation("en", "results:timeline.title")));
    expect(html).toContain("14 May 2027");
    // Posted from a Dutch page without a language chosen: taken as Dutch, and marked so in English.
    expect(html).toContain(
      `<div class="prose" lang="nl" dir="ltr"><p>De speelbox staat er</p></div><p class="language-note">${asHtml(originalLanguageNote("en", "nl"))}</p>`,
    );
    expect(await db.realisationUpdate.findFirstOrThrow({ where: { proposalId: projects.box } })).toMatchObject({ textLocale: "nl" });
    // A withdrawn project takes no updates.
    expect((await sara.get(`/staff/proposals/${projects.garden}/updates`)).status).toBe(409);
    expect((await sara.post(`/staff/proposals/${projects.garden}/updates`, { status: "IN_PROGRESS", text: "x", day: "2027-05-14" })).status).toBe(409);
  });

  it("refuses a malformed .pb upload with the line number, and imports a real file into a new round", async () => {
    const sara = await loggedIn("staff@wijkbudget.demo");
    expect((await sara.get("/staff/results/import")).status).toBe(200);
    const bad = multipart(
      { neighbourhoodId },
      {
        name: "file",
        filename: "kapot.pb",
        content: "META\r\nkey;value\r\nbudget;1000\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost\r\n1;abc\r\nVOTES\r\nvoter_id;vote\r\n",
      },
    );
    const refused = await sara.post("/staff/results/import", bad.body, { headers: bad.headers });
    expect(refused.status).toBe(400);
    const text = await rendered(refused);
    expect(text).toContain(`regel ${isolate("7")}`);
    expect(text).toContain("abc");

    if (!existsSync(warsaw)) return;
    const before = await db.budgetRound.count();
    const good = multipart({ neighbourhoodId }, { name: "file", filename: path.basename(warsaw), content: readFileSync(warsaw, "utf8") });
    const imported = await sara.post("/staff/results/import", good.body, { headers: good.headers });
    expect(imported.status).toBe(302);
    expect(await db.budgetRound.count()).toBe(before + 1);
    const location = imported.headers.get("location") ?? "";
    expect(location).toMatch(/^\/staff\/rounds\/[^/]+\/results$/);
    expect((await countedPage(sara, location)).html).toContain("Akademia Szkraba");
  });
});
