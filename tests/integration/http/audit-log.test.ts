// The audit log for staff (issue #21 item 2): each entry a sentence with names in the reader's
// language, filtered by round (its proposals and events too), actor, action and Brussels days, paged,
// and the same entries as a spreadsheet file. Bad filters get a 400 in the reader's language; residents
// get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { testProviders } from "../../support/databases";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const FSI = "\u2068";
const PDI = "\u2069";
const GONE = "ckz9goneaaaaaaaaaaaaaaaaa";
/** Entries of 2020 only: the demo data records its own, later. */
const YEAR = "from=2020-01-01&to=2020-12-31";

describe.each(testProviders())("the audit log on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  let ids: {
    round: string;
    otherRound: string;
    proposal: string;
    staff: string;
    admin: string;
    number: number;
    title: string;
    roundTitle: string;
    otherRoundTitle: string;
  };

  async function visitor(email?: string, locale = "nl"): Promise<Visitor> {
    const person = new Visitor(server.baseUrl, { address: `10.26.0.${++address}`, acceptLanguage: locale });
    if (email) await person.logIn(email, DEMO_PASSWORD);
    return person;
  }

  /** The sentences a log page shows, in order (the third cell of each row, without its changes). */
  async function sentencesOn(staff: Visitor, query: string): Promise<string[]> {
    const answer = await staff.get(`/staff/audit?${query}`);
    expect(answer.status, query).toBe(200);
    const html = await shownHtml(answer);
    return [...html.matchAll(/<td><p>([^<]*)<\/p>/g)].map((match) => match[1]!);
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    const [round, otherRound] = await db.budgetRound.findMany({
      where: { proposals: { some: { number: { not: null } } } },
      include: { translations: true },
      take: 2,
    });
    const proposal = await db.proposal.findFirstOrThrow({ where: { roundId: round!.id, number: { not: null } }, include: { texts: true } });
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@wijkbudget.demo" } });
    const text = proposal.texts.find((row) => row.locale === "nl") ?? proposal.texts.find((row) => row.locale === proposal.originalLocale)!;
    const titleOf = (of: NonNullable<typeof round>) =>
      (of.translations.find((row) => row.locale === "nl") ?? of.translations.find((row) => row.locale === of.originalLocale)!).title;
    ids = {
      round: round!.id,
      otherRound: otherRound!.id,
      proposal: proposal.id,
      staff: staff.id,
      admin: admin.id,
      number: proposal.number!,
      title: text.title,
      roundTitle: titleOf(round!),
      otherRoundTitle: titleOf(otherRound!),
    };
    const entry = (at: string, actorId: string | null, action: string, entityType: string, entityId: string, details: object) =>
      db.auditLog.create({ data: { at: new Date(at), actorId, action, entityType, entityId, details: JSON.stringify(details) } });
    await entry("2020-03-10T10:00:00Z", staff.id, "round.phase", "BudgetRound", round!.id, { from: "SUBMISSION", to: "REVIEW" });
    // 00:30 on 11 March in Brussels, though still 10 March in UTC.
    await entry("2020-03-10T23:30:00Z", staff.id, "proposal.verdict", "Proposal", proposal.id, {
      verdict: "ADMISSIBLE",
      note: "",
      cityCostCents: 150000,
      deadline: null,
    });
    await entry("2020-04-01T09:00:00Z", admin.id, "round.update", "BudgetRound", otherRound!.id, { budgetCents: { before: 500000, after: 650000 } });
    await entry("2020-04-02T09:00:00Z", admin.id, "panel.member-add", "BudgetRound", otherRound!.id, { userId: GONE, chair: false });
    // Sixty entries of one day in 2019, for the pages.
    await db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        at: new Date(Date.UTC(2019, 5, 1, 8, index)),
        actorId: staff.id,
        action: "voting.verify",
        entityType: "BudgetRound",
        entityId: round!.id,
        details: "{}",
      })),
    });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("refuses residents and sends visitors to log in, for the page and the file", async () => {
    const anonymous = await visitor();
    const elif = await visitor("elif@wijkbudget.demo", "tr");
    for (const path of ["/staff/audit", `/staff/audit?actor=${ids.staff}`, "/staff/audit.csv"]) {
      expect((await anonymous.get(path)).status, path).toBe(302);
      expect((await elif.get(path)).status, path).toBe(403);
    }
  });

  it("shows each entry as a sentence with names, never JSON or ids, and the title once", async () => {
    const staff = await visitor("staff@wijkbudget.demo");
    const answer = await staff.get(`/staff/audit?${YEAR}`);
    expect(answer.status).toBe(200);
    const html = await shownHtml(answer);
    const verdict = translated("nl", "audit:sentences.proposal.verdict", {
      actor: "Sara Participatie (stad)",
      entity: translated("nl", "audit:entities.proposal", { number: ids.number, name: ids.title }),
      verdict: translation("nl", "proposals:verdict.options.ADMISSIBLE"),
    });
    expect(html).toContain(asHtml(verdict));
    const gone = translated("nl", "audit:sentences.panel.member-add", {
      actor: "An Admin",
      userId: translation("nl", "audit:gone.person"),
      entity: translated("nl", "audit:entities.round", { name: ids.otherRoundTitle }),
    });
    expect(html).toContain(asHtml(gone));
    // The changes of an update, before and after, as money.
    expect(html).toMatch(/<bdi>€\s?5\.000<\/bdi><\/td><td><bdi>€\s?6\.500<\/bdi>/);
    const log = html.slice(html.indexOf('<table class="audit-log">'), html.lastIndexOf("</table>"));
    expect(log).toContain(asHtml(verdict));
    expect(log).not.toMatch(/[{}]|budgetCents|\bc[a-z0-9]{20,}\b/);
    expect(html.split(translation("nl", "rounds:staff.audit")).length - 1).toBeLessThanOrEqual(3); // menu link, <title>, heading
    expect(html).toContain(`<h1 id="audit-page-title">${translation("nl", "rounds:staff.audit")}</h1>`);
    expect(html).not.toMatch(/<caption[^>]*>Logboek<\/caption>/);
  });

  it("filters by round (its proposals included), actor, action and Brussels days", async () => {
    const staff = await visitor("staff@wijkbudget.demo");
    expect(await sentencesOn(staff, YEAR)).toHaveLength(4);
    const ofRound = await sentencesOn(staff, `round=${ids.round}&${YEAR}`);
    expect(ofRound).toHaveLength(2);
    expect(ofRound[0]).toContain(`#${FSI}${ids.number}${PDI}`);
    expect(ofRound[1]).toContain(ids.roundTitle);
    expect(await sentencesOn(staff, `actor=${ids.admin}&${YEAR}`)).toHaveLength(2);
    expect(await sentencesOn(staff, `action=round.update&${YEAR}`)).toHaveLength(1);
    // The verdict was recorded at 23:30 UTC on 10 March: 11 March in Brussels.
    const eleventh = await sentencesOn(staff, "from=2020-03-11&to=2020-03-11");
    expect(eleventh).toHaveLength(1);
    expect(eleventh[0]).toContain(`#${FSI}${ids.number}${PDI}`);
    expect(await sentencesOn(staff, "from=2020-03-10&to=2020-03-10")).toHaveLength(1);
    // A person who did nothing in that time: the empty state, and the form still names them.
    const nobody = await staff.get(`/staff/audit?actor=${ids.admin}&from=2020-03-01&to=2020-03-31`);
    const html = await shownHtml(nobody);
    expect(html).toContain(translation("nl", "audit:empty"));
    // Names in the select are marked as their own direction (an option cannot hold <bdi>).
    expect(html).toMatch(new RegExp(`<option value="${ids.admin}" dir="auto" selected="">An Admin</option>`));
    // Empty fields (a GET form sends them) mean no filter.
    expect(await sentencesOn(staff, `round=&actor=&action=&${YEAR}`)).toHaveLength(4);
  });

  it("pages fifty entries at a time, newest first, with previous and next links that keep the filters", async () => {
    const staff = await visitor("staff@wijkbudget.demo");
    const query = "action=voting.verify&from=2019-06-01&to=2019-06-01";
    const first = await staff.get(`/staff/audit?${query}`);
    const firstHtml = await shownHtml(first);
    expect([...firstHtml.matchAll(/<td><p>/g)]).toHaveLength(50);
    expect(firstHtml).toContain(asHtml(translated("nl", "audit:count_other", { count: 60 })));
    expect(firstHtml).toMatch(/<a rel="next"[^>]* href="\/staff\/audit\?action=voting.verify&amp;from=2019-06-01&amp;to=2019-06-01&amp;page=2"/);
    expect(firstHtml).not.toContain('rel="prev"');
    expect(firstHtml).toContain('dateTime="2019-06-01T08:59:00.000Z"');
    const second = await shownHtml(await staff.get(`/staff/audit?${query}&page=2`));
    expect([...second.matchAll(/<td><p>/g)]).toHaveLength(10);
    expect(second).toContain('dateTime="2019-06-01T08:00:00.000Z"');
    expect(second).toMatch(/<a rel="prev"[^>]* href="\/staff\/audit\?action=voting.verify&amp;from=2019-06-01&amp;to=2019-06-01"/);
    expect(second).not.toContain('rel="next"');
    // Past the last page: the last page.
    expect([...(await shownHtml(await staff.get(`/staff/audit?${query}&page=9`))).matchAll(/<td><p>/g)]).toHaveLength(10);
  });

  it("answers bad filters with a 400 in the reader's language, never a 500", async () => {
    const staff = await visitor("staff@wijkbudget.demo");
    for (const query of ["from=2020-02-30", "to=yesterday", "page=0", "page=two", "action=DROP%20TABLE", `round=${"x".repeat(60)}`]) {
      const answer = await staff.get(`/staff/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(await shownHtml(answer), query).toContain(asHtml(translation("nl", "audit:errors.badFilter")));
    }
    const backwards = await staff.get("/staff/audit?from=2020-05-01&to=2020-04-01");
    expect(backwards.status).toBe(400);
    expect(await shownHtml(backwards)).toContain(asHtml(translation("nl", "audit:errors.range")));
    const file = await staff.get("/staff/audit.csv?from=2020-05-01&to=2020-04-01");
    expect(file.status).toBe(400);
    expect(await file.text()).toBe(translation("nl", "audit:errors.range"));
  });

  it("hands out the filtered entries as a spreadsheet file, linked from the page with its filters", async () => {
    const staff = await visitor("staff@wijkbudget.demo");
    const page = await shownHtml(await staff.get(`/staff/audit?round=${ids.round}&${YEAR}`));
    expect(page).toContain(`href="/staff/audit.csv?round=${ids.round}&amp;from=2020-01-01&amp;to=2020-12-31"`);
    const answer = await staff.get(`/staff/audit.csv?round=${ids.round}&${YEAR}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="wijkbudget-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await answer.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = text.slice(1).trimEnd().split("\r\n");
    expect(rows[0]).toBe(["when", "who", "action", "sentence", "changes"].map((key) => translation("nl", `audit:csv.${key}`)).join(";"));
    expect(rows).toHaveLength(3);
    expect(rows[1]!.startsWith("2020-03-10T23:30:00.000Z;")).toBe(true);
    expect(rows[1]).toContain(translation("nl", "rounds:audit.proposal.verdict"));
    expect(rows[1]).toContain(`${translation("nl", "audit:fields.verdict")}: ${FSI}${translation("nl", "proposals:verdict.options.ADMISSIBLE")}${PDI}`);
    expect(rows[2]!.startsWith("2020-03-10T10:00:00.000Z;")).toBe(true);
    expect(text).not.toMatch(/[{}]|\bc[a-z0-9]{20,}\b/);
  });

  it("reads the log in the staff member's own language", async () => {
    await db.user.update({ where: { id: ids.admin }, data: { locale: "fr" } });
    try {
      const admin = await visitor("admin@wijkbudget.demo", "fr");
      const html = await shownHtml(await admin.get(`/staff/audit?action=panel.member-add&${YEAR}`));
      expect(html).toContain(translation("fr", "audit:gone.person"));
      expect(html).toContain(asHtml(translation("fr", "audit:filters.anyRound")));
    } finally {
      await db.user.update({ where: { id: ids.admin }, data: { locale: "nl" } });
    }
  });
});
