// The wijkpanel through the built server: the server refuses what the UI would hide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

describe.each(testProviders())("the wijkpanel over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let kroonmolen: string;
  let arsenaal: string;
  let samentuin: string;
  let playBox: string;
  let criteria: string[];
  let address = 0;

  async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.7.0.${++address}`, acceptLanguage: locale });
    await visitor.logIn(email, DEMO_PASSWORD);
    return visitor;
  }

  const review = (scores: string[]) => ({
    intent: "review",
    ...Object.fromEntries(criteria.map((id, index) => [`scores.${id}`, scores[index] ?? ""])),
    comment: "",
    recommendation: "SHORTLIST",
  });

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    kroonmolen = (await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } })).id;
    arsenaal = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
    samentuin = (await db.proposal.findFirstOrThrow({ where: { roundId: kroonmolen, number: 1 } })).id;
    playBox = (await db.proposal.findFirstOrThrow({ where: { roundId: kroonmolen, number: 2 } })).id;
    criteria = (await db.panelCriterion.findMany({ where: { roundId: kroonmolen }, orderBy: { position: "asc" } })).map((row) => row.id);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("sends a visitor to log in and answers 403 to a resident who is not on the panel", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.7.1.1" });
    const anonymous = await visitor.get(`/panel/${kroonmolen}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");

    const ivan = await loggedIn("ivan@wijkbudget.demo", "bg");
    const board = await ivan.get(`/panel/${kroonmolen}`);
    expect(board.status).toBe(403);
    expect(await shownHtml(board)).toContain(asHtml(translation("bg", "panel:errors.notMember")));
    expect((await ivan.get(`/panel/${kroonmolen}/proposals/${playBox}`)).status).toBe(403);
    expect((await ivan.post(`/panel/${kroonmolen}/proposals/${playBox}`, review(["5", "5", "5"]))).status).toBe(403);
    expect(
      (await ivan.post(`/panel/${kroonmolen}/decisions/${playBox}`, { intent: "decide", proposalId: playBox, decision: "SHORTLISTED", rationale: "x" })).status,
    ).toBe(403);
    expect(await db.panelReview.count({ where: { proposalId: playBox } })).toBe(0);
  });

  it("keeps the chair out of his own proposal, and a member out of another round", async () => {
    const pieter = await loggedIn("panel@wijkbudget.demo");
    const own = await pieter.get(`/panel/${kroonmolen}/proposals/${samentuin}`);
    expect(own.status).toBe(403);
    expect(await shownHtml(own)).toContain(asHtml(translation("nl", "panel:errors.conflicted")));
    expect((await pieter.post(`/panel/${kroonmolen}/proposals/${samentuin}`, review(["5", "5", "5"]))).status).toBe(403);
    expect(
      (
        await pieter.post(`/panel/${kroonmolen}/decisions/${samentuin}`, {
          intent: "decide",
          proposalId: samentuin,
          decision: "SHORTLISTED",
          rationale: "Mooi",
        })
      ).status,
    ).toBe(403);

    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    expect((await elif.get(`/panel/${arsenaal}`)).status).toBe(403);
    expect((await elif.get(`/panel/${arsenaal}/proposals/${playBox}`)).status).toBe(403);
    expect(await db.panelReview.count()).toBe(0);
  });

  it("refuses a score off the scale with the message in the member's language, then saves a valid review", async () => {
    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    const off = await elif.post(`/panel/${kroonmolen}/proposals/${playBox}`, review(["9", "3", "3"]));
    expect(off.status).toBe(400);
    expect(await shownHtml(off)).toContain(asHtml(translation("tr", "panel:validation.scoreRange")));
    const saved = await elif.post(`/panel/${kroonmolen}/proposals/${playBox}`, review(["4", "3", "5"]));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/panel/${kroonmolen}?saved=complete`);
    const stored = await db.panelReview.findFirstOrThrow({ where: { proposalId: playBox }, include: { scores: true } });
    expect(stored.scores.map((row) => row.score).sort()).toEqual([3, 4, 5]);
  });

  it("says who decides, refuses the chair his own proposal's decision, and lists the undecided proposals when voting cannot open (no JavaScript)", async () => {
    // The seeded panel has no vice-chair: staff decide the chair's own Samentuin, and his workspace says so.
    const pieter = await loggedIn("panel@wijkbudget.demo");
    const board = await shownHtml(await pieter.get(`/panel/${kroonmolen}`));
    expect(board).toContain(asHtml(translation("nl", "panel:whoDecides.staff.chairConflicted")));
    const own = await pieter.get(`/panel/${kroonmolen}/decisions/${samentuin}`);
    expect(own.status).toBe(403);
    expect(await shownHtml(own)).toContain(asHtml(translation("nl", "panel:errors.conflictedDecision")));
    // Staff may not decide the play box: the chair does.
    const staff = await loggedIn("staff@wijkbudget.demo");
    expect((await staff.get(`/panel/${kroonmolen}/decisions/${playBox}`)).status).toBe(403);

    const refused = await staff.post(`/staff/rounds/${kroonmolen}`, { intent: "advance", from: "REVIEW", to: "VOTING", confirm: "yes" });
    expect(refused.status).toBe(409);
    const html = await shownHtml(refused);
    expect(html).toContain(asHtml(translation("nl", "rounds:errors.panel-undecided")));
    for (const id of [samentuin, playBox]) expect(html).toContain(`href="/panel/${kroonmolen}#proposal-${id}"`);
    expect(html).toContain("Samentuin Rolliersstraat");
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: kroonmolen } })).phase).toBe("REVIEW");
  });

  it("publishes the consenting members' names, never the others', and no score during the review", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.7.1.2" });
    const report = await visitor.get(`/rounds/${kroonmolen}/panel`);
    expect(report.status).toBe(200);
    const html = await shownHtml(report);
    expect(html).toContain("Pieter Panel");
    expect(html).not.toContain("Elif");
    expect(html).toContain(asHtml(translation("nl", "panel:report.scoresLater")));
  });

  it("lets staff translate a criterion afterwards (no JavaScript), shows the translation in the report in that language, and refuses bad input and a locked set-up in staff's language", async () => {
    // Staff saved Dutch as their language.
    const staff = await loggedIn("staff@wijkbudget.demo", "tr");
    const setup = `/staff/rounds/${arsenaal}/panel`;
    const empty = Object.fromEntries(
      ["nl", "en", "fr", "bg", "tr", "ar"].flatMap((code) => [
        [`names.${code}`, ""],
        [`explanations.${code}`, ""],
      ]),
    );
    expect(
      (await staff.post(setup, { intent: "add-criterion", ...empty, "names.nl": "Groen", "explanations.nl": "Maakt het de wijk groener?", weight: "1" }))
        .status,
    ).toBe(302);
    expect((await staff.post(setup, { intent: "add-member", email: "ivan@wijkbudget.demo" })).status).toBe(302);
    const criterion = await db.panelCriterion.findFirstOrThrow({ where: { roundId: arsenaal } });
    // The set-up page offers the criterion's translations, filled in as stored.
    const page = await shownHtml(await staff.get(setup));
    expect(page).toContain(`name="criterionId" value="${criterion.id}"`);
    expect(page).toContain(asHtml(translation("nl", "panel:setup.saveTranslations")));

    const translated = {
      intent: "criterion-translations",
      criterionId: criterion.id,
      ...empty,
      "names.nl": "Groen",
      "explanations.nl": "Maakt het de wijk groener?",
      "names.tr": "Yeşillik",
      "explanations.tr": "Mahalleyi daha yeşil yapıyor mu?",
    };
    const saved = await staff.post(setup, translated);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${setup}?translationsSaved=1`);

    const inTurkish = await shownHtml(await loggedIn("elif@wijkbudget.demo", "tr").then((elif) => elif.get(`/rounds/${arsenaal}/panel`)));
    expect(inTurkish).toContain('<strong lang="tr" dir="ltr">Yeşillik</strong>');
    expect(inTurkish).toContain(`lang="tr" dir="ltr">${asHtml("Mahalleyi daha yeşil yapıyor mu?")}</p>`);
    expect(inTurkish).not.toContain("Groen");
    const inDutch = await shownHtml(await new Visitor(server.baseUrl, { address: "10.7.1.3", acceptLanguage: "nl" }).get(`/rounds/${arsenaal}/panel`));
    expect(inDutch).toContain('<strong lang="nl" dir="ltr">Groen</strong>');
    expect(inDutch).not.toContain("Yeşillik");

    // No name left in any language: refused, in staff's language, next to the field; nothing stored.
    const nameless = await staff.post(setup, { ...translated, "names.nl": "", "names.tr": "" });
    expect(nameless.status).toBe(400);
    expect(await shownHtml(nameless)).toContain(asHtml(translation("nl", "validation.required")));
    // Kroonmolen is under review: its criteria, translations included, are fixed.
    const kroonmolenCriterion = criteria[0]!;
    const locked = await staff.post(`/staff/rounds/${kroonmolen}/panel`, { ...translated, criterionId: kroonmolenCriterion, "names.nl": "Anders" });
    expect(locked.status).toBe(409);
    expect(await shownHtml(locked)).toContain(asHtml(translation("nl", "panel:errors.setupLocked")));
    expect(JSON.parse((await db.panelCriterion.findUniqueOrThrow({ where: { id: kroonmolenCriterion } })).names)).toMatchObject({
      nl: "Meerwaarde voor de wijk",
    });
    expect(JSON.parse((await db.panelCriterion.findUniqueOrThrow({ where: { id: criterion.id } })).names)).toEqual({ nl: "Groen", tr: "Yeşillik" });
  });
});
