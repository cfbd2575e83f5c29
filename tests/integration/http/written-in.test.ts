// Notes and reasons staff and the panel write are stored with the language they were written in
// (issue #18 item 4): a page in another language marks them with `lang` and says which language they
// are in; a page in their own language says nothing. A form posted without the choice (a page loaded
// before it was asked) takes the writer's page language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound } from "../../support/builders";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const note = (page: Locale, written: Locale) => asHtml(translated(page, "content.originalLanguage", { language: LOCALE_NAMES[written] }));

/** The HTML from `text` to the end of the element block it stands in (a paragraph, list item or cell). */
function around(html: string, text: string): string {
  const start = html.indexOf(asHtml(text));
  expect(start, text).toBeGreaterThan(-1);
  return html.slice(start, start + html.slice(start).search(/<\/div>|<\/li>|<\/td>/));
}

describe("the language of staff's and the panel's notes", () => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (locale: Locale) => new Visitor(server.baseUrl, { address: `10.23.1.${++address}`, acceptLanguage: locale });

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  async function submittedProposal(title: string) {
    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const author = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
    const round = await aRound(db, { neighbourhood: rabot.id, phase: "SUBMISSION", title: `Ronde ${title}` });
    return aProposal(db, { round: round.id, author, title, status: "SUBMITTED" });
  }

  it("stores the language staff chose for an inadmissibility reason and marks it on pages in other languages", async () => {
    const proposal = await submittedProposal("Parking op het dak");
    const staff = visitor("nl");
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const reason = "Частна собственост.";
    const posted = await staff.post(`/proposals/${proposal.id}`, { intent: "verdict", verdict: "INADMISSIBLE", note: reason, textLocale: "bg" });
    expect(posted.status).toBe(302);
    expect(await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ verdictNote: reason, verdictNoteLocale: "bg" });
    expect(await db.proposalEvent.findFirstOrThrow({ where: { proposalId: proposal.id, status: "INADMISSIBLE" } })).toMatchObject({
      note: reason,
      noteLocale: "bg",
    });

    const dutch = await shownHtml(await visitor("nl").get(`/proposals/${proposal.id}`));
    expect(dutch).toContain(`<bdi lang="bg" dir="ltr">${asHtml(reason)}</bdi>`);
    expect(around(dutch, reason)).toContain(note("nl", "bg"));
    // The timeline entry carries the same note, marked the same way.
    expect(dutch).toMatch(new RegExp(`<span class="timeline-explainer" dir="ltr" lang="bg">${asHtml(reason)}</span><p class="language-note">`));

    const bulgarian = await shownHtml(await visitor("bg").get(`/proposals/${proposal.id}`));
    expect(bulgarian).toContain(`<bdi lang="bg" dir="ltr">${asHtml(reason)}</bdi>`);
    expect(bulgarian).not.toContain(note("bg", "bg"));
  });

  it("takes the writer's page language when a verdict form comes without the choice", async () => {
    const proposal = await submittedProposal("Bankjes op de stoep");
    // The page language follows the account's saved choice (French here), not the browser's (Dutch).
    await db.user.update({ where: { email: "admin@wijkbudget.demo" }, data: { locale: "fr" } });
    const staff = visitor("nl");
    await staff.logIn("admin@wijkbudget.demo", DEMO_PASSWORD);
    expect((await staff.post(`/proposals/${proposal.id}`, { intent: "verdict", verdict: "INADMISSIBLE", note: "Terrain privé." })).status).toBe(302);
    expect(await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ verdictNoteLocale: "fr" });
    expect(around(await shownHtml(await visitor("tr").get(`/proposals/${proposal.id}`)), "Terrain privé.")).toContain(note("tr", "fr"));
  });

  it("refuses a language that is not one of the six, in the writer's language", async () => {
    const proposal = await submittedProposal("Lantaarns");
    const staff = visitor("nl");
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const answer = await staff.post(`/proposals/${proposal.id}`, { intent: "verdict", verdict: "INADMISSIBLE", note: "Nee.", textLocale: "de" });
    expect(answer.status).toBe(400);
    expect(await shownHtml(answer)).toContain(asHtml(translation("nl", "validation.choice")));
    expect((await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("SUBMITTED");
  });

  it("marks the panel's rationale on the proposal page and in the panel report, and leaves a rationale of unknown language unmarked", async () => {
    const kroonmolen = await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } });
    const author = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const rationale = "Sterk gedragen door de hele straat.";
    const marked = await aProposal(db, {
      round: kroonmolen.id,
      author,
      title: "Fietsenstalling",
      status: "SHORTLISTED",
      panelRationale: rationale,
      panelRationaleLocale: "nl",
    });
    const older = "Besproken op de wijkavond.";
    await aProposal(db, { round: kroonmolen.id, author, title: "Zitbank", status: "REJECTED", panelRationale: older });

    const english = await shownHtml(await visitor("en").get(`/proposals/${marked.id}`));
    expect(english).toContain(`<bdi lang="nl" dir="ltr">${asHtml(rationale)}</bdi>`);
    expect(around(english, rationale)).toContain(note("en", "nl"));

    const report = await shownHtml(await visitor("en").get(`/rounds/${kroonmolen.id}/panel`));
    expect(report).toContain(`<div class="prose" lang="nl" dir="ltr"><p>${asHtml(rationale)}</p></div><p class="language-note">${note("en", "nl")}</p>`);
    expect(report).toContain(`<div class="prose" dir="auto"><p>${asHtml(older)}</p></div></td>`);

    const dutchReport = await shownHtml(await visitor("nl").get(`/rounds/${kroonmolen.id}/panel`));
    expect(around(dutchReport, rationale)).not.toContain(note("nl", "nl"));
  });
});
