// What a proposal hidden by moderation still showed or allowed after issue #22 (decision 0036): its
// carriers could change the text kept for an appeal, the panel's workspace, its photos' addresses and
// its events still showed it; a resolved report could never be made again; staff hid only reported
// comments. Over HTTP as a browser without JavaScript, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, aRound, anEvent } from "../../support/builders";
import { testProviders } from "../../support/databases";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describe.each(testProviders())("after moderation hid a proposal, over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let address = 0;
  const visitor = (acceptLanguage = "nl") => new Visitor(server.baseUrl, { address: `10.36.${provider === "sqlite" ? 1 : 2}.${++address}`, acceptLanguage });
  async function loggedIn(email: string, acceptLanguage = "nl"): Promise<Visitor> {
    const person = visitor(acceptLanguage);
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

  /** Ivan's public proposal in a round open for proposals whose teams may organise events. */
  async function ivansProposal(title: string) {
    const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const round = await aRound(db, { phase: "SUBMISSION", teamsMayCreateEvents: true });
    return aProposal(db, { round: round.id, author: ivan, title });
  }

  async function hide(staff: Visitor, kind: "proposal" | "comment", itemId: string, reason = "Bevat een telefoonnummer") {
    const response = await staff.post("/staff/moderation", { intent: "hide", kind, itemId, reason, reasonLocale: "nl" });
    expect(response.status).toBe(302);
  }

  const uploadPhoto = (author: Visitor, proposalId: string) =>
    author.postMultipart(`/proposals/${proposalId}`, { intent: "add-photo", altText: "Tuin" }, { photo: new File([PNG], "tuin.png", { type: "image/png" }) });

  it("lets nobody edit, translate, add a photo to, invite to or organise an event for a hidden proposal, says why in the writer's language, and still lets its carriers withdraw", async () => {
    const proposal = await ivansProposal("Bankjes Kroonmolen");
    const [ivan, staff] = [await loggedIn("ivan@wijkbudget.demo", "bg"), await loggedIn("staff@wijkbudget.demo")];
    const before = await shownHtml(await ivan.get(`/proposals/${proposal.id}`));
    expect(before).toContain(`href="/proposals/${proposal.id}/translate"`);
    expect(before).toContain('value="add-photo"');
    await hide(staff, "proposal", proposal.id);

    const page = await shownHtml(await ivan.get(`/proposals/${proposal.id}`));
    for (const offered of [
      `href="/proposals/${proposal.id}/edit"`,
      `href="/proposals/${proposal.id}/translate"`,
      `href="/proposals/${proposal.id}/events/new"`,
      'value="add-photo"',
      'value="invite"',
    ])
      expect(page).not.toContain(offered);
    expect(page).toContain('value="withdraw"');

    const refusal = asHtml(translation("bg", "proposals:errors.hiddenByModeration"));
    const photo = await uploadPhoto(ivan, proposal.id);
    expect(photo.status).toBe(409);
    expect(await shownHtml(photo)).toContain(refusal);
    const invite = await ivan.post(`/proposals/${proposal.id}`, { intent: "invite", email: "marie@wijkbudget.demo" });
    expect(invite.status).toBe(409);
    expect(await shownHtml(invite)).toContain(refusal);
    expect((await ivan.get(`/proposals/${proposal.id}/translate`)).status).toBe(403);
    expect((await ivan.get(`/proposals/${proposal.id}/events/new`)).status).toBe(403);
    // Staff restore it before changing it: the kept text stands still for an appeal.
    expect((await staff.get(`/proposals/${proposal.id}/translate`)).status).toBe(403);
    const kept = await db.proposal.findUniqueOrThrow({ where: { id: proposal.id }, include: { texts: true, photos: true, invites: true } });
    expect(kept.texts.map((text) => text.title)).toEqual(["Bankjes Kroonmolen"]);
    expect(kept.photos).toEqual([]);
    expect(kept.invites).toEqual([]);

    const withdrawn = await ivan.post(`/proposals/${proposal.id}`, { intent: "withdraw", confirm: "yes", reason: "" });
    expect(withdrawn.status).toBe(302);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("WITHDRAWN");
  });

  it("shows the panel the hidden note instead of the proposal's title and summary on its board and sheets; staff keep the text", async () => {
    const kroonmolen = await db.budgetRound.findFirstOrThrow({
      where: { phase: "REVIEW", panelMembers: { some: { user: { email: "panel@wijkbudget.demo" } } } },
    });
    const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const proposal = await aProposal(db, {
      round: kroonmolen.id,
      author: ivan,
      status: "ADMISSIBLE",
      title: "Geheime fietsenstalling",
      summary: "Een samenvatting",
    });
    const [pieter, staff] = [await loggedIn("panel@wijkbudget.demo"), await loggedIn("staff@wijkbudget.demo")];
    expect(await shownHtml(await pieter.get(`/panel/${kroonmolen.id}`))).toContain("Geheime fietsenstalling");
    await hide(staff, "proposal", proposal.id, "Reclame voor een winkel");

    const note = `${asHtml(translation("nl", "comments:hidden"))}<!-- --> <bdi lang="nl" dir="ltr">Reclame voor een winkel</bdi>`;
    const board = await shownHtml(await pieter.get(`/panel/${kroonmolen.id}`));
    expect(board).not.toContain("Geheime fietsenstalling");
    expect(board).toContain(asHtml(translation("nl", "common:content.hiddenByModeration")));
    for (const path of [`/panel/${kroonmolen.id}/proposals/${proposal.id}`, `/panel/${kroonmolen.id}/decisions/${proposal.id}`]) {
      const response = await pieter.get(path);
      expect(response.status, path).toBe(200);
      const sheet = await shownHtml(response);
      expect(sheet, path).not.toContain("Geheime fietsenstalling");
      expect(sheet, path).not.toContain("Een samenvatting");
      expect(sheet, path).toContain(note);
    }
    expect(await shownHtml(await staff.get(`/panel/${kroonmolen.id}`))).toContain("Geheime fietsenstalling");
    // The public panel report is the same page for everyone: the note there too, also for staff.
    for (const reader of [pieter, staff, visitor()]) {
      const report = await shownHtml(await reader.get(`/rounds/${kroonmolen.id}/panel`));
      expect(report).not.toContain("Geheime fietsenstalling");
      expect(report).toContain(asHtml(translation("nl", "common:content.hiddenByModeration")));
    }
  });

  it("answers 404 for a hidden proposal's photos to all but moderating staff, and lets no cache keep serving them", async () => {
    const proposal = await ivansProposal("Fotogenieke tuin");
    const [ivan, staff] = [await loggedIn("ivan@wijkbudget.demo"), await loggedIn("staff@wijkbudget.demo")];
    expect((await uploadPhoto(ivan, proposal.id)).status).toBe(302);
    const { fileName } = await db.proposalPhoto.findFirstOrThrow({ where: { proposalId: proposal.id } });
    const anyone = visitor();
    const shown = await anyone.get(`/uploads/${fileName}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("Cache-Control")).toBe("public, no-cache");
    const etag = shown.headers.get("ETag")!;
    expect(etag).toBe(`"${fileName}"`);
    expect((await anyone.get(`/uploads/${fileName}`, { "If-None-Match": etag })).status).toBe(304);

    await hide(staff, "proposal", proposal.id);
    for (const asking of [anyone, ivan, visitor()]) {
      expect((await asking.get(`/uploads/${fileName}`)).status).toBe(404);
      expect((await asking.get(`/uploads/${fileName}`, { "If-None-Match": etag })).status).toBe(404);
    }
    const forStaff = await staff.get(`/uploads/${fileName}`);
    expect(forStaff.status).toBe(200);
    expect(forStaff.headers.get("Cache-Control")).toBe("private, no-store");
    expect(forStaff.headers.get("ETag")).toBeNull();

    await staff.post("/staff/moderation", { intent: "restore", kind: "proposal", itemId: proposal.id, reason: "Bezwaar aanvaard", reasonLocale: "nl" });
    expect((await visitor().get(`/uploads/${fileName}`)).status).toBe(200);
  });

  it("lets someone report an item again once staff dismissed their report or restored the item, but never twice while it is open", async () => {
    const proposal = await ivansProposal("Speelstraat");
    const [elif, marie, staff] = [
      await loggedIn("elif@wijkbudget.demo", "tr"),
      await loggedIn("marie@wijkbudget.demo", "fr"),
      await loggedIn("staff@wijkbudget.demo"),
    ];
    expect((await marie.post(`/proposals/${proposal.id}`, { intent: "comment", body: "Appelez-moi au 0470 12 34 56", locale: "fr" })).status).toBe(302);
    const comment = await db.comment.findFirstOrThrow({ where: { proposalId: proposal.id } });
    const report = { intent: "report", commentId: comment.id, reason: "PERSONAL_DATA", text: "" };
    const open = () => db.report.count({ where: { commentId: comment.id, resolvedAt: null } });

    expect((await elif.post(`/proposals/${proposal.id}`, report)).status).toBe(302);
    const twice = await elif.post(`/proposals/${proposal.id}`, report);
    expect(twice.status).toBe(409);
    expect(await shownHtml(twice)).toContain(asHtml(translation("tr", "comments:errors.alreadyReported")));

    expect((await staff.post("/staff/moderation", { intent: "dismiss", kind: "comment", itemId: comment.id })).status).toBe(302);
    expect(await open()).toBe(0);
    expect((await elif.post(`/proposals/${proposal.id}`, { ...report, reason: "OTHER", text: "Hâlâ telefon numarası var" })).status).toBe(302);
    expect(await db.report.findMany({ where: { commentId: comment.id }, select: { reason: true, text: true, resolvedAt: true } })).toEqual([
      { reason: "OTHER", text: "Hâlâ telefon numarası var", resolvedAt: null },
    ]);
    expect((await elif.post(`/proposals/${proposal.id}`, report)).status).toBe(409);

    // Hidden (which resolves it), then restored: the report may be made again.
    await hide(staff, "comment", comment.id);
    await staff.post("/staff/moderation", { intent: "restore", kind: "comment", itemId: comment.id, reason: "Nummer van de stad", reasonLocale: "nl" });
    expect(await open()).toBe(0);
    expect((await elif.post(`/proposals/${proposal.id}`, report)).status).toBe(302);
    expect(await open()).toBe(1);

    // The same for the proposal itself.
    const proposalReport = { intent: "report", reason: "SPAM", text: "" };
    expect((await elif.post(`/proposals/${proposal.id}`, proposalReport)).status).toBe(302);
    expect((await elif.post(`/proposals/${proposal.id}`, proposalReport)).status).toBe(409);
    expect((await staff.post("/staff/moderation", { intent: "dismiss", kind: "proposal", itemId: proposal.id })).status).toBe(302);
    expect((await elif.post(`/proposals/${proposal.id}`, proposalReport)).status).toBe(302);
    expect(await db.report.count({ where: { proposalId: proposal.id } })).toBe(1);
  });

  it("lets staff hide any comment from the proposal page, with a required reason and its language, audited as comment.hide", async () => {
    const proposal = await ivansProposal("Boomspiegels");
    const [marie, elif, staff] = [
      await loggedIn("marie@wijkbudget.demo", "fr"),
      await loggedIn("elif@wijkbudget.demo", "tr"),
      await loggedIn("staff@wijkbudget.demo"),
    ];
    expect((await marie.post(`/proposals/${proposal.id}`, { intent: "comment", body: "Quelle idée stupide", locale: "fr" })).status).toBe(302);
    const comment = await db.comment.findFirstOrThrow({ where: { proposalId: proposal.id } });
    expect(await db.report.count({ where: { commentId: comment.id } })).toBe(0);

    const staffPage = await shownHtml(await staff.get(`/proposals/${proposal.id}`));
    expect(staffPage).toContain(asHtml(translation("nl", "comments:moderation.hideComment")));
    expect(staffPage).toContain(`id="hide-reason-${comment.id}"`);
    expect(await shownHtml(await elif.get(`/proposals/${proposal.id}`))).not.toContain(`id="hide-reason-${comment.id}"`);

    const hideIt = { intent: "hide", kind: "comment", itemId: comment.id, reason: "Beledigend", reasonLocale: "nl" };
    expect((await elif.post(`/proposals/${proposal.id}`, hideIt)).status).toBe(403);
    const noReason = await staff.post(`/proposals/${proposal.id}`, { ...hideIt, reason: " " });
    expect(noReason.status).toBe(400);
    expect(await shownHtml(noReason)).toContain(asHtml(translation("nl", "comments:validation.reasonRequired")));
    const noLanguage = await staff.post(`/proposals/${proposal.id}`, { ...hideIt, reasonLocale: "xx" });
    expect(noLanguage.status).toBe(400);
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();

    const hidden = await staff.post(`/proposals/${proposal.id}`, hideIt);
    expect(hidden.status).toBe(302);
    expect(hidden.headers.get("Location")).toBe(`/proposals/${proposal.id}?hidden=1#comments`);
    expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ hiddenReason: "Beledigend", hiddenReasonLocale: "nl" });
    const audit = await db.auditLog.findMany({ where: { entityId: comment.id } });
    expect(audit.map((entry) => entry.action)).toEqual(["comment.hide"]);
    const shown = await shownHtml(await visitor("fr").get(`/proposals/${proposal.id}`));
    expect(shown).not.toContain("Quelle idée stupide");
    expect(shown).toContain('<bdi lang="nl" dir="ltr">Beledigend</bdi>');
    // A second hide of the same comment is refused and said at the top of the comment section.
    const again = await staff.post(`/proposals/${proposal.id}`, hideIt);
    expect(again.status).toBe(409);
    expect(await shownHtml(again)).toContain(asHtml(translation("nl", "comments:errors.stale")));
  });

  it("names an event's hidden proposal by its number and the note, never its title; staff keep the title", async () => {
    const proposal = await ivansProposal("Buurtfeest aan de geheime plek");
    const staff = await loggedIn("staff@wijkbudget.demo");
    const round = await db.budgetRound.findUniqueOrThrow({ where: { id: proposal.roundId } });
    const event = await anEvent(db, {
      neighbourhood: round.neighbourhoodId,
      createdBy: await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } }),
      proposalId: proposal.id,
    });
    expect(await shownHtml(await visitor().get(`/events/${event.id}`))).toContain("Buurtfeest aan de geheime plek");
    await hide(staff, "proposal", proposal.id);
    for (const locale of ["nl", "ar"]) {
      const page = await shownHtml(await visitor(locale).get(`/events/${event.id}`));
      expect(page).not.toContain("Buurtfeest aan de geheime plek");
      expect(page).toContain(asHtml(translation(locale, "common:content.hiddenByModeration")));
      expect(page).toContain(`href="/proposals/${proposal.id}"`);
    }
    expect(await shownHtml(await staff.get(`/events/${event.id}`))).toContain("Buurtfeest aan de geheime plek");
  });
});
