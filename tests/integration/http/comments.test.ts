// Residents' voice I (issue #22): comments on a public proposal, reports, and moderation with a public
// reason, over HTTP as a browser without JavaScript posts them, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { KEEP_HIDDEN_MS } from "~/comments/rules";
import { eraseExpiredHidden } from "~/moderation/moderation.server";
import { previewJob, runJobHere } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { generateCodes, takeBatchCodes } from "~/voting/voting.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound, someBallots } from "../../support/builders";
import { testProviders } from "../../support/databases";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

describe.each(testProviders())("comments and moderation over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (acceptLanguage = "nl") => new Visitor(server.baseUrl, { address: `10.22.${provider === "sqlite" ? 1 : 2}.${++address}`, acceptLanguage });
  async function loggedIn(email: string): Promise<Visitor> {
    const person = visitor();
    await person.logIn(email, DEMO_PASSWORD);
    return person;
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  async function aPublicProposal(phase: "SUBMISSION" | "VOTING" | "CLOSED" | "DRAFT" = "SUBMISSION", title = "Samentuin Rolliersstraat") {
    const author = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const round = await aRound(db, { phase });
    return aProposal(db, { round: round.id, author, title, status: phase === "VOTING" ? "ON_BALLOT" : "SUBMITTED" });
  }

  const comment = (body: string, extra: Record<string, string> = {}) => ({ intent: "comment", body, locale: "tr", ...extra });
  const page = async (proposalId: string, locale = "nl", query = "") => shownHtml(await visitor(locale).get(`/proposals/${proposalId}${query}`));

  it("refuses anonymous visitors (to the login page) and posts a logged-in resident's comment in its language", async () => {
    const proposal = await aPublicProposal();
    const anonymous = await visitor().post(`/proposals/${proposal.id}`, comment("Merhaba"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const elif = await loggedIn("elif@wijkbudget.demo");
    const posted = await elif.post(`/proposals/${proposal.id}`, comment("Bahçe için harika bir fikir!"));
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toContain("commented=1");
    const dutch = await page(proposal.id);
    expect(dutch).toContain(`<div class="prose" lang="tr" dir="ltr"><p>${asHtml("Bahçe için harika bir fikir!")}</p></div>`);
    expect(dutch).toContain(asHtml("Elif Yılmaz"));
    // The proposal's author is marked as such.
    const ivan = await loggedIn("ivan@wijkbudget.demo");
    expect((await ivan.post(`/proposals/${proposal.id}`, comment("Спасибо", { locale: "bg" }))).status).toBe(302);
    expect(await page(proposal.id, "en")).toContain(asHtml(translation("en", "comments:marks.author")));
  });

  it("refuses comments outside the open phases, on a closed discussion, and a refused post says why in the writer's language", async () => {
    const elif = await loggedIn("elif@wijkbudget.demo");
    const closed = await aPublicProposal("CLOSED");
    const late = await elif.post(`/proposals/${closed.id}`, comment("Geç kaldım"));
    expect(late.status).toBe(409);
    expect(await shownHtml(late)).toContain(asHtml(translation("tr", "comments:errors.phase")));
    expect(await db.comment.count({ where: { proposalId: closed.id } })).toBe(0);

    const open = await aPublicProposal("VOTING");
    await db.proposal.update({
      where: { id: open.id },
      data: { commentsClosedAt: new Date(), commentsClosedReason: "Te veel herhaling", commentsClosedReasonLocale: "nl" },
    });
    const shut = await elif.post(`/proposals/${open.id}`, comment("Yine ben"));
    expect(shut.status).toBe(409);
    expect(await shownHtml(shut)).toContain(asHtml(translation("tr", "comments:errors.closed")));
    expect(await page(open.id)).toContain(`${asHtml(translation("nl", "comments:closed"))}<!-- --> <bdi lang="nl" dir="ltr">Te veel herhaling</bdi>`);
  });

  it("takes replies one level deep, lets the author edit within 15 minutes and delete only their own", async () => {
    const proposal = await aPublicProposal();
    const [elif, marie] = [await loggedIn("elif@wijkbudget.demo"), await loggedIn("marie@wijkbudget.demo")];
    await elif.post(`/proposals/${proposal.id}`, comment("İlk yorum"));
    const first = await db.comment.findFirstOrThrow({ where: { proposalId: proposal.id } });
    expect((await marie.post(`/proposals/${proposal.id}`, { intent: "reply", parentId: first.id, body: "Bonne idée", locale: "fr" })).status).toBe(302);
    const reply = await db.comment.findFirstOrThrow({ where: { parentId: first.id } });
    const deeper = await elif.post(`/proposals/${proposal.id}`, { intent: "reply", parentId: reply.id, body: "Derin", locale: "tr" });
    expect(deeper.status).toBe(409);
    expect(await shownHtml(deeper)).toContain(asHtml(translation("tr", "comments:errors.noReply")));

    expect(
      (await elif.post(`/proposals/${proposal.id}`, { intent: "edit-comment", commentId: first.id, body: "İlk yorum (düzeltildi)", locale: "tr" })).status,
    ).toBe(302);
    expect(await db.comment.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ body: "İlk yorum (düzeltildi)", editedAt: expect.any(Date) });
    await db.comment.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    const late = await elif.post(`/proposals/${proposal.id}`, { intent: "edit-comment", commentId: first.id, body: "Çok geç", locale: "tr" });
    expect(late.status).toBe(409);
    expect(await shownHtml(late)).toContain(asHtml(translation("tr", "comments:errors.editWindow")));

    const notHers = await marie.post(`/proposals/${proposal.id}`, { intent: "delete-comment", commentId: first.id });
    expect(notHers.status).toBe(403);
    expect((await elif.post(`/proposals/${proposal.id}`, { intent: "delete-comment", commentId: first.id })).status).toBe(302);
    const shown = await page(proposal.id);
    expect(shown).toContain(asHtml(translation("nl", "comments:deleted")));
    expect(shown).not.toContain("İlk yorum");
    // The reply stays in its place.
    expect(shown).toContain("Bonne idée");
  });

  it("marks a panel member of the round who speaks as such, and refuses it from anyone else", async () => {
    const pieter = await loggedIn("panel@wijkbudget.demo");
    const ownRound = await db.panelMember.findFirstOrThrow({ where: { user: { email: "panel@wijkbudget.demo" } } });
    const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const reviewed = await aProposal(db, { round: ownRound.roundId, author: ivan, title: "Fietsenrekken" });
    const asPanel = { intent: "comment", body: "Het panel kijkt ernaar.", locale: "nl", asPanelMember: "on" };
    expect((await pieter.post(`/proposals/${reviewed.id}`, asPanel)).status).toBe(302);
    expect(await page(reviewed.id, "en")).toContain(asHtml(translation("en", "comments:marks.panel")));
    // The checkbox is offered to the round's panel members only, and the server checks again.
    const elsewhere = await aPublicProposal();
    expect(await shownHtml(await pieter.get(`/proposals/${elsewhere.id}`))).not.toContain('name="asPanelMember"');
    const refused = await pieter.post(`/proposals/${elsewhere.id}`, asPanel);
    expect(refused.status).toBe(403);
    expect(await shownHtml(refused)).toContain(asHtml(translation("nl", "comments:errors.notPanel")));
  });

  it("limits how often one account comments", async () => {
    const proposal = await aPublicProposal();
    const admin = await loggedIn("admin@wijkbudget.demo");
    for (let count = 1; count <= 20; count++)
      expect((await admin.post(`/proposals/${proposal.id}`, comment(`Bericht ${count}`, { locale: "nl" }))).status).toBe(302);
    const limited = await admin.post(`/proposals/${proposal.id}`, comment("Nog eentje", { locale: "nl" }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await db.comment.count({ where: { proposalId: proposal.id } })).toBe(20);
  });

  it("sorts newest or oldest first and pages the thread", async () => {
    const proposal = await aPublicProposal();
    const elif = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
    const start = Date.now() - 3_600_000;
    await db.comment.createMany({
      data: Array.from({ length: 21 }, (_, index) => ({
        proposalId: proposal.id,
        authorId: elif.id,
        body: `Yorum numara ${index + 1}.`,
        locale: "tr",
        createdAt: new Date(start + index * 1000),
      })),
    });
    const newest = await page(proposal.id);
    expect(newest).toContain("Yorum numara 21.");
    expect(newest).not.toContain("Yorum numara 1.<");
    expect(await page(proposal.id, "nl", "?comments=oldest")).toContain("Yorum numara 1.<");
    expect(await page(proposal.id, "nl", "?commentsPage=2")).toContain("Yorum numara 1.<");
  });

  it("takes one report per person and item, and lets only staff hide, restore and erase", async () => {
    const proposal = await aPublicProposal("SUBMISSION", "Bankjes aan de Rabotkerk");
    const [elif, marie] = [await loggedIn("elif@wijkbudget.demo"), await loggedIn("marie@wijkbudget.demo")];
    await elif.post(`/proposals/${proposal.id}`, comment("Özel telefon numaram 0470 12 34 56"));
    const target = await db.comment.findFirstOrThrow({ where: { proposalId: proposal.id } });
    const report = { intent: "report", commentId: target.id, reason: "PERSONAL_DATA", text: "" };
    expect((await marie.post(`/proposals/${proposal.id}`, report)).status).toBe(302);
    const again = await marie.post(`/proposals/${proposal.id}`, report);
    expect(again.status).toBe(409);
    expect(await shownHtml(again)).toContain(asHtml(translation("fr", "comments:errors.alreadyReported")));
    const other = await marie.post(`/proposals/${proposal.id}`, { intent: "report", commentId: target.id, reason: "OTHER", text: "" });
    expect(other.status).toBe(400);

    const hide = { intent: "hide", kind: "comment", itemId: target.id, reason: "Kişisel veri içeriyor", reasonLocale: "tr" };
    expect((await marie.post("/staff/moderation", hide)).status).toBe(403);
    const closeComments = { intent: "close-comments", proposalId: proposal.id, reason: "Genoeg", reasonLocale: "nl" };
    expect((await marie.post(`/proposals/${proposal.id}`, closeComments)).status).toBe(403);
    const staff = await loggedIn("staff@wijkbudget.demo");
    const queue = await shownHtml(await staff.get("/staff/moderation"));
    expect(queue).toContain(asHtml(translation("nl", "comments:report.reasons.PERSONAL_DATA")));
    expect(queue).toContain("0470 12 34 56");

    expect((await staff.post("/staff/moderation", hide)).status).toBe(302);
    const turkish = await page(proposal.id, "tr");
    expect(turkish).toContain(`${asHtml(translation("tr", "comments:hidden"))}<!-- --> <bdi lang="tr" dir="ltr">Kişisel veri içeriyor</bdi>`);
    expect(turkish).not.toContain("0470 12 34 56");
    expect(await db.report.count({ where: { commentId: target.id, resolvedAt: null } })).toBe(0);

    // The writer hears of it in their own language (Elif reads Turkish).
    const [mail] = await server.mailTo("elif@wijkbudget.demo", (message) => message.subject === translation("tr", "comments:email.hiddenComment.subject"));
    expect(mail!.locale).toBe("tr");
    expect(mail!.text).toContain("Kişisel veri içeriyor");

    expect(
      (await staff.post("/staff/moderation", { intent: "restore", kind: "comment", itemId: target.id, reason: "Bezwaar aanvaard", reasonLocale: "nl" })).status,
    ).toBe(302);
    expect(await page(proposal.id)).toContain("0470 12 34 56");
    expect((await staff.post("/staff/moderation", hide)).status).toBe(302);
    expect((await marie.post("/staff/moderation", { intent: "redact", kind: "comment", itemId: target.id })).status).toBe(403);
    expect((await staff.post("/staff/moderation", { intent: "redact", kind: "comment", itemId: target.id })).status).toBe(302);
    expect(await db.comment.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      body: "",
      erasedAt: expect.any(Date),
      hiddenReason: "Kişisel veri içeriyor",
    });
    const actions = (await db.auditLog.findMany({ where: { entityId: target.id }, orderBy: { at: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(["comment.hide", "comment.restore", "comment.hide", "comment.redact"]);
  });

  it("shows a hidden proposal as hidden by moderation everywhere residents see it, without its text, and keeps its status", async () => {
    const proposal = await aPublicProposal("SUBMISSION", "Geheime tekst van het voorstel");
    const marie = await loggedIn("marie@wijkbudget.demo");
    expect((await marie.post(`/proposals/${proposal.id}`, { intent: "report", reason: "OFFENSIVE", text: "" })).status).toBe(302);
    const staff = await loggedIn("staff@wijkbudget.demo");
    expect(
      (await staff.post("/staff/moderation", { intent: "hide", kind: "proposal", itemId: proposal.id, reason: "Beledigend", reasonLocale: "nl" })).status,
    ).toBe(302);

    const shown = await page(proposal.id, "en");
    expect(shown).toContain(`${asHtml(translation("en", "comments:hidden"))}<!-- --> <bdi lang="nl" dir="ltr">Beledigend</bdi>`);
    expect(shown).not.toContain("Geheime tekst");
    expect(await shownHtml(await visitor().get(`/rounds/${proposal.roundId}/proposals`))).not.toContain("Geheime tekst");
    const answer = await visitor().get(`/rounds/${proposal.roundId}/data.json`);
    expect(answer.status).toBe(200);
    const data = await answer.text();
    // Still listed, by number and status.
    expect(data).toMatch(new RegExp(`"number": ?${proposal.number}`));
    expect(data).not.toContain("Geheime tekst");
    expect((await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("SUBMITTED");
    // Comments on a hidden proposal are refused.
    const elif = await loggedIn("elif@wijkbudget.demo");
    expect((await elif.post(`/proposals/${proposal.id}`, comment("Hâlâ burada mı?"))).status).toBe(409);
    // The author (Ivan reads Bulgarian) is told in Bulgarian.
    const [mail] = await server.mailTo(
      "ivan@wijkbudget.demo",
      (message) => message.subject === translated("bg", "comments:email.hiddenProposal.subject", { number: proposal.number! }),
    );
    expect(mail!.locale).toBe("bg");
  });

  it("keeps a hidden proposal on the ballot, votable by number, and its title out of the results and their files", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const hidden = { hiddenAt: new Date(), hiddenReason: "Beledigend", hiddenReasonLocale: "nl" };
    const voting = await aRound(db, { phase: "VOTING", budgetCents: 1_000_000 });
    const secret = await aProposal(db, { round: voting.id, author: staff.id, status: "ON_BALLOT", title: "Verborgen bankjes", ...hidden });
    await aProposal(db, { round: voting.id, author: staff.id, status: "ON_BALLOT", title: "Zichtbare bomen" });
    const batch = await generateCodes(db, staff.id, voting.id, 1);
    if (!batch.ok) throw new Error("no codes");
    const code = (await takeBatchCodes(db, staff.id, voting.id, batch.batchId, "csv"))![0]!.code;
    const ballot = await visitor().post(`/vote/${voting.id}`, { step: "code", code });
    expect(ballot.status).toBe(200);
    const html = await shownHtml(ballot);
    expect(html).toContain(`choice.${secret.id}`);
    expect(html).toContain(asHtml(translation("nl", "common:content.hiddenByModeration")));
    expect(html).toContain("Zichtbare bomen");
    expect(html).not.toContain("Verborgen bankjes");

    const counted = await aRound(db, { phase: "TALLY", budgetCents: 1_000_000 });
    const winner = await aProposal(db, {
      round: counted.id,
      author: staff.id,
      status: "ON_BALLOT",
      title: "Verborgen winnaar",
      requestedCents: 500_000,
      ...hidden,
    });
    await someBallots(db, 3, { round: counted.id, choices: [winner] });
    const job = await runJobHere(db, (await previewJob(db, counted.id))!.id);
    const published = await publishResults(db, staff.id, counted.id, job.id);
    expect(published.ok).toBe(true);
    // Hiding changed nothing the count decides: the hidden project is funded.
    expect((await db.proposal.findUniqueOrThrow({ where: { id: winner.id } })).status).toBe("FUNDED");
    for (const path of ["results", "results.csv", "spreadsheet.csv", "data.json"]) {
      const answer = await visitor().get(`/rounds/${counted.id}/${path}`);
      expect(answer.status, path).toBe(200);
      expect(await answer.text(), path).not.toContain("Verborgen winnaar");
    }
    expect(await shownHtml(await visitor().get(`/rounds/${counted.id}/results`))).toContain(asHtml(translation("nl", "common:content.hiddenByModeration")));
  });

  it("erases the kept text of what was hidden 90 days ago, and nothing younger", async () => {
    const proposal = await aPublicProposal();
    const elif = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
    const hiddenAt = new Date();
    const old = await db.comment.create({
      data: {
        proposalId: proposal.id,
        authorId: elif.id,
        body: "Eski gizli",
        locale: "tr",
        hiddenAt,
        hiddenReason: "Spam",
        eraseAfter: new Date(hiddenAt.getTime() + KEEP_HIDDEN_MS),
      },
    });
    expect(await eraseExpiredHidden(db, new Date(hiddenAt.getTime() + KEEP_HIDDEN_MS - 60_000))).toEqual({ comments: 0, proposals: 0 });
    expect((await db.comment.findUniqueOrThrow({ where: { id: old.id } })).body).toBe("Eski gizli");
    const later = new Date(hiddenAt.getTime() + KEEP_HIDDEN_MS + 60_000);
    expect((await eraseExpiredHidden(db, later)).comments).toBeGreaterThanOrEqual(1);
    expect(await db.comment.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ body: "", erasedAt: expect.any(Date), hiddenReason: "Spam" });
    expect(await db.auditLog.findFirst({ where: { entityId: old.id, action: "comment.erase", actorId: null } })).not.toBeNull();
  });
});
