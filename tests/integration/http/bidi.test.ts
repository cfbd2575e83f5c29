// Mixed-direction text through the built server (issue #18 item 2): Dutch text people wrote, shown
// in an Arabic page, email or calendar, is isolated (`<bdi>`, or FSI…PDI around interpolated values)
// so its full stop stays on its own side; the machine-readable CSV and .pb keep it byte for byte.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { parsePabulib } from "~/results/pabulib";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound, aUser, anEvent, someBallots } from "../../support/builders";
import { asHtml, shownHtml, translated } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const FSI = "\u2068";
const PDI = "\u2069";
const ISOLATES = /[\u2066-\u2069]/;

const RATIONALE = "Past niet in het budget van dit jaar.";
const EVENT_TITLE = "Zaaifeest in de Samentuin.";
const CANCEL_REASON = "Te veel regen voorspeld.";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A stored title mixing both directions, with a full stop and a character CSV quotes. */
const MIXED_TITLE = "Samentuin «حديقة الحي»; zaaien.";

/** The staff results page once the count (a tally job) is done: the id of the count to publish. */
async function countedJob(visitor: Visitor, url: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await shownHtml(await visitor.get(url));
    if (!html.includes("<progress")) return /name="jobId" value="([^"]+)"/.exec(html)![1]!;
    if (Date.now() > deadline) throw new Error(`${url} was still counting after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("mixed-direction text over HTTP", () => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (acceptLanguage: string) => new Visitor(server.baseUrl, { address: `10.19.0.${++address}`, acceptLanguage });

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("isolates a Dutch panel rationale and a Dutch cancellation reason in Arabic pages", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const round = await aRound(db, { neighbourhood: rabot.id, phase: "REVIEW", title: "Rabot kiest" });
    const proposal = await aProposal(db, { round: round.id, author: staff, status: "REJECTED", title: "Bankjes.", panelRationale: RATIONALE });

    const page = await visitor("ar").get(`/proposals/${proposal.id}`);
    expect(page.status).toBe(200);
    const html = await shownHtml(page);
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain(`<bdi>${asHtml(RATIONALE)}</bdi>`);

    const event = await anEvent(db, {
      neighbourhood: rabot,
      createdBy: staff,
      texts: { nl: { title: EVENT_TITLE, description: "Voor de hele buurt." } },
      cancelledAt: new Date(),
      cancelReason: CANCEL_REASON,
    });
    const eventPage = await shownHtml(await visitor("ar").get(`/events/${event.id}`));
    expect(eventPage).toContain(asHtml(translated("ar", "events:cancelledBecause", { reason: CANCEL_REASON })));
    expect(eventPage).toContain(`${FSI}${asHtml(CANCEL_REASON)}${PDI}`);
  });

  it("isolates the named panel members in the Arabic panel report, where the chair's name is followed by Arabic", async () => {
    const kroonmolen = await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } });
    const named = await db.panelMember.findMany({ where: { roundId: kroonmolen.id, namePublic: true }, include: { user: true } });
    expect(named.length).toBeGreaterThan(0);
    const html = await shownHtml(await visitor("ar").get(`/rounds/${kroonmolen.id}/panel`));
    for (const member of named) expect(html).toContain(`<bdi>${asHtml(member.user.name)}</bdi>`);
  });

  it("isolates Latin-script names, comments and reasons on Arabic staff pages: people, neighbourhoods, the panel and moderation", async () => {
    const amal = await aUser(db, { role: "STAFF", locale: "ar", password: DEMO_PASSWORD, name: "أمل" });
    // A demo account, like the seeded staff: staff pages do not first ask it to set up a second factor.
    await db.user.update({ where: { id: amal.id }, data: { isDemo: true } });
    const staff = visitor("ar");
    await staff.logIn(amal.email, DEMO_PASSWORD);
    const page = async (url: string) => {
      const response = await staff.get(url);
      expect(response.status, url).toBe(200);
      const html = await shownHtml(response);
      expect(html).toContain('<html lang="ar" dir="rtl"');
      return html;
    };
    /** `text` sits in a <bdi>, or is the whole content of an element with dir="auto" (or a dir its language gives). */
    const isolated = (html: string, text: string) =>
      expect(html, text).toMatch(new RegExp(`<bdi[^>]*>${escape(asHtml(text))}</bdi>|<[a-z0-9]+ [^>]*dir="(auto|ltr)"[^>]*>${escape(asHtml(text))}</`));

    const people = await page("/staff/people");
    for (const name of ["Marie Dubois", "Pieter Panel", "Sara Participatie (stad)"]) isolated(people, name);

    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const neighbourhoods = await page("/staff/neighbourhoods");
    isolated(neighbourhoods, rabot.name);
    isolated(neighbourhoods, rabot.city);

    // Kroonmolen's panel: Elif reviews the play box with a Dutch comment; staff see the members' names on the set-up
    // page, and an Arabic member who reviewed it too reads Elif's name and comment on the scoring sheet.
    const kroonmolen = await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } });
    const playBox = await db.proposal.findFirstOrThrow({ where: { roundId: kroonmolen.id, number: 2 } });
    const criteria = await db.panelCriterion.findMany({ where: { roundId: kroonmolen.id } });
    const comment = "Goed idee, maar wie beheert de sleutel?";
    const review = (text: string) => ({
      intent: "review",
      ...Object.fromEntries(criteria.map((row) => [`scores.${row.id}`, "4"])),
      comment: text,
      recommendation: "SHORTLIST",
    });
    const elif = visitor("tr");
    await elif.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    expect((await elif.post(`/panel/${kroonmolen.id}/proposals/${playBox.id}`, review(comment))).status).toBe(302);
    const nour = await aUser(db, { locale: "ar", password: DEMO_PASSWORD, name: "نور" });
    await db.panelMember.create({ data: { roundId: kroonmolen.id, userId: nour.id } });
    const member = visitor("ar");
    await member.logIn(nour.email, DEMO_PASSWORD);
    expect((await member.post(`/panel/${kroonmolen.id}/proposals/${playBox.id}`, review("مفيد"))).status).toBe(302);
    const sheetResponse = await member.get(`/panel/${kroonmolen.id}/proposals/${playBox.id}`);
    expect(sheetResponse.status).toBe(200);
    const sheet = await shownHtml(sheetResponse);
    isolated(sheet, "Elif Yılmaz");
    isolated(sheet, comment);
    const setup = await page(`/staff/rounds/${kroonmolen.id}/panel`);
    isolated(setup, "Pieter Panel");
    isolated(setup, "Elif Yılmaz");

    // Moderation: a reported Dutch comment, the reporter's Dutch words.
    const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const reported = await db.comment.create({ data: { proposalId: playBox.id, authorId: ivan.id, body: "Koop nu bij Winkel Jansen.", locale: "nl" } });
    const reason = "Reclame voor een winkel.";
    await db.report.create({ data: { reporterId: ivan.id, commentId: reported.id, reason: "OTHER", text: reason } });
    const moderation = await page("/staff/moderation");
    isolated(moderation, reason);
    // The reported comment keeps its recorded language's direction (a dir="auto" written before the language's own dir lost it).
    expect(moderation).toMatch(/<blockquote (dir="ltr" lang="nl"|lang="nl" dir="ltr")>Koop nu bij Winkel Jansen\.<\/blockquote>/);
  });

  it("isolates a Dutch event title in an Arabic email and in the Arabic calendar file", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const event = await anEvent(db, { neighbourhood: rabot, createdBy: staff, texts: { nl: { title: EVENT_TITLE, description: "Voor de hele buurt." } } });
    const amal = await aUser(db, { locale: "ar", password: DEMO_PASSWORD });
    const reader = visitor("ar");
    await reader.logIn(amal.email, DEMO_PASSWORD);
    expect((await reader.post(`/events/${event.id}`, { intent: "rsvp" })).status).toBe(302);

    const subject = translated("ar", "events:email.confirmed.subject", { title: EVENT_TITLE });
    expect(subject).toContain(`${FSI}${EVENT_TITLE}${PDI}`);
    const mails = await server.mailTo(amal.email, (mail) => mail.subject === subject);
    const mail = mails.find((message) => message.subject === subject)!;
    expect(mail.locale).toBe("ar");
    expect(mail.text).toContain(`${FSI}${EVENT_TITLE}${PDI}`);
    // The link stays whole for mail programs that find links: no isolate next to it.
    expect(mail.text).toMatch(new RegExp(`(^|\\s)https?://\\S+/events/${event.id}(\\s|$)`));

    const calendar = await visitor("ar").get(`/events/${event.id}/calendar.ics`);
    expect(calendar.status).toBe(200);
    const ics = (await calendar.text()).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`SUMMARY:${FSI}${EVENT_TITLE}${PDI}`);
  });

  it("keeps stored text exactly as written in the machine CSV and the .pb file", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
    const round = await aRound(db, { neighbourhood: rabot.id, budgetCents: 1_000_000, phase: "TALLY", title: "Telling «الربط»." });
    const mixed = await aProposal(db, { round: round.id, author: staff, number: 1, status: "ON_BALLOT", title: MIXED_TITLE, requestedCents: 300_000 });
    const other = await aProposal(db, { round: round.id, author: staff, number: 2, status: "ON_BALLOT", title: "Bankjes.", requestedCents: 200_000 });
    await someBallots(db, 3, { round: round.id, choices: [mixed.id] });
    await someBallots(db, 1, { round: round.id, choices: [other.id] });
    const sara = visitor("nl");
    await sara.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const jobId = await countedJob(sara, `/staff/rounds/${round.id}/results`);
    expect((await sara.post(`/staff/rounds/${round.id}/results`, { intent: "publish", jobId, confirm: "on" })).status).toBe(302);
    // The public results page in Arabic isolates the neighbourhood's Latin-script name.
    const page = await visitor("ar").get(`/rounds/${round.id}/results`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<bdi>${rabot.name}</bdi>`);

    for (const locale of ["ar", "nl"]) {
      const csv = await visitor(locale).get(`/rounds/${round.id}/results.csv`);
      expect(csv.status).toBe(200);
      const text = new TextDecoder().decode(await csv.arrayBuffer());
      expect(text).not.toMatch(ISOLATES);
      // The title holds a `;`, so the CSV quotes it: the text inside the quotes is the stored text.
      expect(text).toContain(`1;"${MIXED_TITLE}";3000.00;3;1`);

      const pb = await visitor(locale).get(`/rounds/${round.id}/results.pb`);
      expect(pb.status).toBe(200);
      const written = await pb.text();
      expect(written).not.toMatch(ISOLATES);
      const file = parsePabulib(written);
      expect(file.projects.map((project) => project.fields.name)).toEqual([MIXED_TITLE, "Bankjes."]);
    }
  }, 120_000);
});
