// Staff and resident pages of issue #19 through the built server, as a browser without JavaScript
// sees them: locked voting settings, the panel report, voting letters, closing voting early, a
// confirmation link used again, the home page's order and the results page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { generateToken, hashToken } from "~/kernel/tokens";
import { formatAmount } from "~/results/amounts";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aNeighbourhood, aProposal, aRound, aUser, someBallots } from "../../support/builders";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

let server: TestServer;
let db: Db;
let address = 0;

const DAY_MS = 24 * 60 * 60 * 1000;

async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
  const visitor = new Visitor(server.baseUrl, { address: `10.19.0.${++address}`, acceptLanguage: locale });
  await visitor.logIn(email, DEMO_PASSWORD);
  return visitor;
}

const visitor = (locale = "nl") => new Visitor(server.baseUrl, { address: `10.19.1.${++address}`, acceptLanguage: locale });

async function roundOf(slug: string) {
  const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug } });
  return db.budgetRound.findFirstOrThrow({ where: { neighbourhoodId: neighbourhood.id }, orderBy: { createdAt: "desc" } });
}

/** The staff results page once its count is done (the server counts on a worker thread meanwhile). */
async function countedPage(staff: Visitor, url: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await shownHtml(await staff.get(url));
    if (!html.includes("<progress")) return html;
    if (Date.now() > deadline) throw new Error(`${url} was still counting after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  db = createPrismaClient(server.databaseUrl);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("voting settings", () => {
  it("are read-only once voting opened: the reason in the form, no Save button", async () => {
    const rabot = await roundOf("gent-rabot");
    const html = await shownHtml(await (await loggedIn("staff@wijkbudget.demo")).get(`/staff/rounds/${rabot.id}/voting`));
    const form = html.slice(html.indexOf("<fieldset"), html.indexOf("</fieldset>"));
    expect(form).toMatch(/<fieldset[^>]* disabled=""[^>]* aria-describedby="settings-locked"/);
    expect(form).toContain(asHtml(translation("nl", "voting:staff.locked")));
    expect(html).not.toContain(`>${asHtml(translation("nl", "voting:staff.saveSettings"))}</button>`);
  });

  it("in account mode speak of voters, not codes, and show no codes section", async () => {
    const arsenaal = await roundOf("mechelen-arsenaal");
    const staff = await loggedIn("staff@wijkbudget.demo");
    const before = await shownHtml(await staff.get(`/staff/rounds/${arsenaal.id}/voting`));
    expect(before).toContain(`>${asHtml(translation("nl", "voting:staff.saveSettings"))}</button>`);
    expect(before).toContain(asHtml(translation("nl", "voting:staff.minimumAgeHint")));
    expect(before).toContain('id="codes-title"');

    const saved = await staff.post(`/staff/rounds/${arsenaal.id}/voting`, {
      intent: "voting-settings",
      ballotMethod: arsenaal.ballotMethod,
      tallyRule: arsenaal.tallyRule,
      eligibility: "ACCOUNTS",
      minimumAge: "16",
    });
    expect(saved.status).toBe(302);
    const html = await shownHtml(await staff.get(`/staff/rounds/${arsenaal.id}/voting`));
    expect(html).toContain(asHtml(translation("nl", "voting:staff.minimumAgeHintAccounts")));
    expect(html).not.toContain(asHtml(translation("nl", "voting:staff.minimumAgeHint")));
    expect(html).not.toContain('id="codes-title"');
    expect(html).toContain(asHtml(translation("nl", "voting:staff.voters")));
  });
});

describe("the panel report", () => {
  it("is neither linked nor shown for a round without a panel", async () => {
    const arsenaal = await roundOf("mechelen-arsenaal");
    expect(arsenaal.hasReview).toBe(true);
    const resident = visitor();
    expect(await shownHtml(await resident.get(`/rounds/${arsenaal.id}`))).not.toContain(`href="/rounds/${arsenaal.id}/panel"`);
    const report = await resident.get(`/rounds/${arsenaal.id}/panel`);
    expect(report.status).toBe(404);
    expect(await shownHtml(report)).toContain(asHtml(translation("nl", "panel:report.noPanel")));
    const staffPage = await shownHtml(await (await loggedIn("staff@wijkbudget.demo")).get(`/staff/rounds/${arsenaal.id}/panel`));
    expect(staffPage).not.toContain(`href="/rounds/${arsenaal.id}/panel"`);
  });

  it("is not linked beside a decision staff took in a round without a panel", async () => {
    // Nobody chairs a round without members: staff decide its proposals, and there is no report.
    const round = await aRound(db, { phase: "REVIEW", hasReview: true });
    const staffUser = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const decided = await aProposal(db, { round, author: staffUser, status: "SHORTLISTED", panelRationale: "Past in het budget.", panelRationaleLocale: "nl" });
    const html = await shownHtml(await visitor().get(`/proposals/${decided.id}`));
    expect(html).toContain("Past in het budget.");
    expect(html).not.toContain(`href="/rounds/${round.id}/panel"`);
    expect((await visitor().get(`/rounds/${round.id}/panel`)).status).toBe(404);

    // Once the round has a panel, the decision links its report (asked in English: the Dutch page
    // may still come from the page cache, which a write to the database behind the app's back does not empty).
    await db.panelMember.create({ data: { roundId: round.id, userId: staffUser.id, isChair: true } });
    expect(await shownHtml(await visitor("en").get(`/proposals/${decided.id}`))).toContain(`href="/rounds/${round.id}/panel"`);
  });

  it("says 'not decided yet' for undecided proposals, not their feasibility status", async () => {
    const kroonmolen = await roundOf("sint-niklaas-kroonmolen");
    expect(await db.proposal.count({ where: { roundId: kroonmolen.id, status: "ADMISSIBLE" } })).toBeGreaterThan(0);
    const resident = visitor();
    expect(await shownHtml(await resident.get(`/rounds/${kroonmolen.id}`))).toContain(`href="/rounds/${kroonmolen.id}/panel"`);
    const report = await resident.get(`/rounds/${kroonmolen.id}/panel`);
    expect(report.status).toBe(200);
    const html = await shownHtml(report);
    expect(html).toContain(asHtml(translation("nl", "panel:report.undecided")));
    expect(html).not.toContain(`>${asHtml(translation("nl", "proposals:status.ADMISSIBLE"))}</span>`);
  });

  it("workspace leaves no recommendations or decision cell without a word", async () => {
    const kroonmolen = await roundOf("sint-niklaas-kroonmolen");
    for (const email of ["staff@wijkbudget.demo", "panel@wijkbudget.demo"]) {
      const html = await shownHtml(await (await loggedIn(email)).get(`/panel/${kroonmolen.id}`));
      const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
      expect(table, email).toContain("<tbody>");
      expect(table, email).not.toMatch(/<td[^>]*><\/td>/);
      expect(table, email).not.toContain(`>${asHtml(translation("nl", "proposals:status.ADMISSIBLE"))}</span>`);
    }
  });
});

describe("voting letters", () => {
  it("say until when residents can vote and the budget, in Dutch and the other languages", async () => {
    const rabot = await roundOf("gent-rabot");
    const batch = await db.codeBatch.findFirstOrThrow({ where: { roundId: rabot.id } });
    const staff = await loggedIn("staff@wijkbudget.demo");
    const letters = await staff.post(`/staff/rounds/${rabot.id}/codes/${batch.id}/letters`, {});
    expect(letters.status).toBe(200);
    const html = await shownHtml(letters);
    for (const locale of ["nl", "bg", "ar"] as const) {
      expect(html).toContain(asHtml(translated(locale, "voting:letters.deadline", { date: formatDateTime(rabot.votingEndsAt!, locale) })));
      expect(html).toContain(asHtml(translated(locale, "voting:letters.budget", { budget: formatMoney(rabot.budgetCents, locale) })));
    }
  });
});

describe("closing voting before its announced end", () => {
  it("shows the end and the unused codes, and is refused without the explicit confirmation", async () => {
    const rabot = await roundOf("gent-rabot");
    const endsAt = new Date(Date.now() + 7 * DAY_MS);
    await db.budgetRound.update({ where: { id: rabot.id }, data: { votingEndsAt: endsAt } });
    const codes = await db.votingCode.count({ where: { roundId: rabot.id, voidedAt: null } });
    const used = await db.participation.count({ where: { roundId: rabot.id, codeId: { not: null } } });
    const staff = await loggedIn("staff@wijkbudget.demo");

    const page = await shownHtml(await staff.get(`/staff/rounds/${rabot.id}`));
    expect(page).toContain(asHtml(translated("nl", "rounds:advance.earlyEnd", { date: formatDateTime(endsAt, "nl") })));
    expect(codes - used).toBeGreaterThan(1);
    expect(page).toContain(asHtml(translated("nl", "rounds:advance.earlyCodes_other", { count: codes - used })));
    expect(page).toContain('name="closeEarly"');

    const advance = { intent: "advance", from: "VOTING", to: "TALLY", confirm: "yes" };
    const refused = await staff.post(`/staff/rounds/${rabot.id}`, advance);
    expect(refused.status).toBe(409);
    expect(await shownHtml(refused)).toContain(asHtml(translation("nl", "rounds:advance.closeEarlyRequired")));
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: rabot.id } })).phase).toBe("VOTING");

    const closed = await staff.post(`/staff/rounds/${rabot.id}`, { ...advance, closeEarly: "on" });
    expect(closed.status).toBe(302);
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: rabot.id } })).phase).toBe("TALLY");
  });

  it("after the announced end asks nothing more than the usual confirmation", async () => {
    const round = await aRound(db, { phase: "VOTING", votingEndsAt: new Date(Date.now() - DAY_MS), eligibility: "CODES" });
    const staff = await loggedIn("staff@wijkbudget.demo");
    expect(await shownHtml(await staff.get(`/staff/rounds/${round.id}`))).not.toContain('name="closeEarly"');
    const closed = await staff.post(`/staff/rounds/${round.id}`, { intent: "advance", from: "VOTING", to: "TALLY", confirm: "yes" });
    expect(closed.status).toBe(302);
  });
});

describe("a confirmation link used again", () => {
  async function usedLink(options: { verified: boolean }) {
    const user = await aUser(db, { verified: options.verified });
    const token = generateToken();
    await db.emailToken.create({
      data: { id: hashToken(token), userId: user.id, purpose: "VERIFY_EMAIL", expiresAt: new Date(Date.now() + DAY_MS), usedAt: new Date() },
    });
    return `/verify-email/${token}`;
  }

  it("tells its owner the address is already confirmed, and to log in only when logged out", async () => {
    const link = await usedLink({ verified: true });
    const anonymous = await visitor().get(link);
    expect(anonymous.status).toBe(200);
    const html = await shownHtml(anonymous);
    expect(html).toContain(asHtml(translation("nl", "auth:verify.confirmedTitle")));
    expect(html).toContain(asHtml(translation("nl", "auth:verify.confirmedLogIn")));
    expect(html).not.toContain(asHtml(translation("nl", "auth:verify.invalidTitle")));

    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    for (const answer of [await elif.get(link), await elif.post(link, {}), await elif.get(`/verify-email/${generateToken()}`)]) {
      expect(answer.status).toBe(200);
      const page = await shownHtml(answer);
      expect(page).toContain(asHtml(translation("tr", "auth:verify.confirmedTitle")));
      expect(page).toContain(asHtml(translation("tr", "auth:verify.confirmedLoggedIn")));
      expect(page).toContain('href="/account"');
      expect(page).not.toContain(asHtml(translation("tr", "auth:verify.invalid")));
      expect(page).not.toContain(asHtml(translation("tr", "auth:verify.loginLink")));
    }
  });

  it("still says it no longer works when it confirmed nothing", async () => {
    const link = await usedLink({ verified: false });
    const answer = await visitor().get(link);
    expect(answer.status).toBe(410);
    expect(await shownHtml(answer)).toContain(asHtml(translation("nl", "auth:verify.invalidTitle")));
  });
});

describe("the home page", () => {
  it("lists neighbourhoods with a running round before the others", async () => {
    const html = await shownHtml(await visitor().get("/"));
    const at = (name: string) => html.indexOf(`<bdi>${name}</bdi></a>`);
    // Rabot votes, Arsenaal collects proposals, Kroonmolen reviews; Waterschei has no round.
    for (const running of ["Rabot", "Arsenaal", "Kroonmolen"]) {
      expect(at(running), running).toBeGreaterThan(-1);
      expect(at(running), running).toBeLessThan(at("Waterschei"));
    }
  });
});

describe("the results page", () => {
  it("shows the projects first, then the rule, with the raised share in plain words", async () => {
    const staffUser = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const round = await aRound(db, { neighbourhood: (await aNeighbourhood(db)).id, budgetCents: 900_000, phase: "TALLY", tallyRule: "mes-add1" });
    const project = async (number: number, requestedCents: number) =>
      (await aProposal(db, { round: round.id, author: staffUser, number, status: "ON_BALLOT", title: `Project ${number}`, requestedCents })).id;
    const garden = await project(1, 500_000);
    const benches = await project(2, 400_000);
    // Three voters with €3,000 each: the garden's two can pay for it, the benches' one cannot;
    // with €4,000 each both fit in the €9,000.
    await someBallots(db, 2, { round: round.id, choices: [garden] });
    await someBallots(db, 1, { round: round.id, choices: [benches] });

    const staff = await loggedIn("staff@wijkbudget.demo");
    const preview = await countedPage(staff, `/staff/rounds/${round.id}/results`);
    const jobId = /name="jobId" value="([^"]+)"/.exec(preview)![1]!;
    expect((await staff.post(`/staff/rounds/${round.id}/results`, { intent: "publish", jobId, confirm: "on" })).status).toBe(302);

    const html = await shownHtml(await visitor().get(`/rounds/${round.id}/results`));
    const projects = html.indexOf(asHtml(translation("nl", "results:public.projects")));
    const rule = html.indexOf(asHtml(translation("nl", "results:public.howCounted")));
    expect(projects).toBeGreaterThan(-1);
    expect(rule).toBeGreaterThan(projects);
    const shares = translated("nl", "results:rules.sharesRaised", { start: formatAmount(300_000, "nl"), final: formatAmount(400_000, "nl") });
    expect(html).toContain(asHtml(shares));
  });
});
