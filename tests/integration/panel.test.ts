import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { readOutbox } from "~/mail/mailer.server";
import {
  acceptPanelInvite,
  addCriterion,
  appointMember,
  appointViceChair,
  decisionSheet,
  declareConflict,
  makeChair,
  panelSetup,
  panelReport,
  panelScoresOf,
  panelBoard,
  panelViewer,
  recordDecision,
  removeViceChair,
  reviewSheet,
  saveCriterionTranslations,
  saveReview,
  savePanelSettings,
} from "~/panel/panel.server";
import { criterionSchema, criterionTranslationsSchema, reviewSchema } from "~/panel/schema";
import { rational } from "~/kernel/rational";
import { advancePhase } from "~/rounds/rounds.server";
import { openBallot } from "~/voting/voting.server";
import { aNeighbourhood, aProposal, aRound, usersNamed } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { translated, translation } from "../support/locales";
import { deliverQueuedMail } from "../support/mail";

/** Moves into VOTING open the ballot, as the staff round page does. */
const PHASE_HOOKS = { openVoting: openBallot };

describe.each(testProviders())("the wijkpanel on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let roundId: string;
  let otherRoundId: string;
  const people: Record<"chair" | "member" | "author" | "outsider" | "staff" | "invitee", SessionUser> = {} as never;
  const proposals: Record<"garden" | "benches" | "elsewhere", string> = {} as never;
  let criteria: string[] = [];

  const review = (scores: Record<string, number | null>, recommendation = "SHORTLIST") =>
    reviewSchema(criteria, { min: 1, max: 5 }).parse({
      intent: "review",
      scores: Object.fromEntries(Object.entries(scores).map(([id, score]) => [id, score === null ? "" : String(score)])),
      comment: "ok",
      recommendation,
    });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    Object.assign(
      people,
      await usersNamed(db, { chair: {}, member: { locale: "tr" }, author: { locale: "fr" }, outsider: { locale: "bg" }, staff: { role: "STAFF" } }),
    );
    const neighbourhood = await aNeighbourhood(db, { name: "Kroonmolen", city: "Sint-Niklaas" });
    roundId = (await aRound(db, { neighbourhood })).id;
    otherRoundId = (await aRound(db, { neighbourhood, phase: "REVIEW" })).id;
    // The chair wrote the garden: an automatic conflict.
    proposals.garden = (await aProposal(db, { round: roundId, author: people.chair, status: "ADMISSIBLE", number: 1, title: "Samentuin" })).id;
    proposals.benches = (await aProposal(db, { round: roundId, author: people.author, status: "ADMISSIBLE", number: 2, title: "Banken" })).id;
    proposals.elsewhere = (await aProposal(db, { round: otherRoundId, author: people.author, status: "ADMISSIBLE", number: 1, title: "Elders" })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("is set up by staff before the review: settings, weighted criteria, members and an invitation", async () => {
    expect(await savePanelSettings(db, people.staff.id, roundId, { mode: "SHORTLIST", weightPercent: 0, scaleMin: 1, scaleMax: 5 })).toEqual({ ok: true });
    const names = (nl: string) => ({ nl, fr: "", en: "", bg: "", tr: "", ar: "" });
    for (const [name, weight] of [
      ["Impact", "2"],
      ["Haalbaarheid", "1"],
    ] as const) {
      const input = criterionSchema.parse({ intent: "add-criterion", names: names(name), explanations: names(""), weight });
      expect(await addCriterion(db, people.staff.id, roundId, input)).toEqual({ ok: true });
    }
    criteria = (await db.panelCriterion.findMany({ where: { roundId }, orderBy: { position: "asc" } })).map((row) => row.id);
    expect(await appointMember(db, people.staff, roundId, { email: people.chair.email, chair: true }, "http://x")).toEqual({ ok: true, invited: false });
    expect(await appointMember(db, people.staff, roundId, { email: people.member.email, chair: false }, "http://x")).toEqual({ ok: true, invited: false });
    expect(await appointMember(db, people.staff, roundId, { email: "invitee@example.org", chair: false }, "http://x")).toEqual({ ok: true, invited: true });
    await deliverQueuedMail(db);
    const appointed = (await readOutbox()).find((mail) => mail.to === people.member.email);
    expect(appointed).toMatchObject({ locale: "tr", subject: translation("tr", "panel:email.appointed.subject") });
    expect(appointed?.text).toContain(`/panel/${roundId}`);
    const invitation = (await readOutbox()).find((mail) => mail.to === "invitee@example.org");
    const token = invitation?.text.match(/panel-invites\/(\S+)/)?.[1] ?? "";
    // Only now, invited, does the invitee make an account.
    Object.assign(people, await usersNamed(db, { invitee: {} }));
    expect(await acceptPanelInvite(db, people.outsider, token)).toEqual({
      ok: false,
      status: 403,
      formError: "panel:invite.otherEmail",
      problem: "otherEmail",
    });
    expect(await acceptPanelInvite(db, people.invitee, token)).toEqual({ ok: true, roundId });
    expect(await acceptPanelInvite(db, people.invitee, token)).toEqual({ ok: false, status: 410, formError: "panel:invite.invalid", problem: "invalid" });
    expect((await panelViewer(db, people.invitee, roundId))?.isMember).toBe(true);
    expect(await panelViewer(db, people.outsider, roundId)).toBeNull();
    expect(await panelViewer(db, people.staff, roundId)).toMatchObject({ isMember: false, isStaff: true });
  });

  /** The form's post for the first criterion: the languages given, the others empty. */
  const translations = (names: Record<string, string>, explanations: Record<string, string> = {}, criterionId = criteria[0]) =>
    criterionTranslationsSchema.parse({ intent: "criterion-translations", criterionId, names, explanations });
  const firstCriterion = async () => {
    const row = await db.panelCriterion.findUniqueOrThrow({ where: { id: criteria[0] } });
    return { names: JSON.parse(row.names) as unknown, explanations: JSON.parse(row.explanations) as unknown };
  };

  it("lets staff add, change and remove a criterion's translations before the review, each change audited", async () => {
    const save = (input: ReturnType<typeof translations>) => saveCriterionTranslations(db, people.staff.id, roundId, input);
    const audited = async () =>
      (await db.auditLog.findMany({ where: { action: "panel.criterion-translations", entityId: roundId } })).map((entry) => ({
        actorId: entry.actorId,
        details: JSON.parse(entry.details) as unknown,
      }));
    // Added: Turkish name and question.
    expect(await save(translations({ nl: "Impact", tr: "Etki" }, { tr: "Kaç komşu yararlanır?" }))).toEqual({ ok: true });
    expect(await firstCriterion()).toEqual({ names: { nl: "Impact", tr: "Etki" }, explanations: { tr: "Kaç komşu yararlanır?" } });
    expect(await audited()).toEqual([
      {
        actorId: people.staff.id,
        details: {
          criterionId: criteria[0],
          names: { before: { nl: "Impact" }, after: { nl: "Impact", tr: "Etki" } },
          explanations: { before: {}, after: { tr: "Kaç komşu yararlanır?" } },
        },
      },
    ]);
    // Changed: the Turkish name; the emptied Turkish question is removed.
    expect(await save(translations({ nl: "Impact", tr: "Etkisi" }))).toEqual({ ok: true });
    expect(await firstCriterion()).toEqual({ names: { nl: "Impact", tr: "Etkisi" }, explanations: {} });
    expect((await audited()).map((entry) => entry.details)).toContainEqual({
      criterionId: criteria[0],
      names: { before: { nl: "Impact", tr: "Etki" }, after: { nl: "Impact", tr: "Etkisi" } },
      explanations: { before: { tr: "Kaç komşu yararlanır?" }, after: {} },
    });
    // Nothing changed: nothing recorded.
    expect(await save(translations({ nl: "Impact", tr: "Etkisi" }))).toEqual({ ok: true });
    expect(await audited()).toHaveLength(2);
    // Removed: Turkish; Dutch stays (the criterion's only name now).
    expect(await save(translations({ nl: "Impact" }))).toEqual({ ok: true });
    expect(await firstCriterion()).toEqual({ names: { nl: "Impact" }, explanations: {} });
    expect((await audited()).map((entry) => entry.details)).toContainEqual({
      criterionId: criteria[0],
      names: { before: { nl: "Impact", tr: "Etkisi" }, after: { nl: "Impact" } },
    });

    // A criterion keeps a name; an unknown criterion (or one of another round) is refused.
    const nameless = criterionTranslationsSchema.safeParse({
      intent: "criterion-translations",
      criterionId: criteria[0],
      names: {},
      explanations: { nl: "Vraag" },
    });
    expect(nameless.error?.issues).toMatchObject([{ path: ["names", "nl"], message: "validation.required" }]);
    expect(await save(translations({ nl: "X" }, {}, "nope"))).toEqual({ ok: false, status: 404, formError: "panel:errors.unknownCriterion" });
    const elsewhere = await db.panelCriterion.create({ data: { roundId: otherRoundId, position: 0, names: JSON.stringify({ nl: "Elders" }), weight: 1 } });
    expect(await save(translations({ nl: "X" }, {}, elsewhere.id))).toEqual({ ok: false, status: 404, formError: "panel:errors.unknownCriterion" });
    await db.panelCriterion.delete({ where: { id: elsewhere.id } });
    expect(await firstCriterion()).toEqual({ names: { nl: "Impact" }, explanations: {} });
  });

  it("refuses scores outside REVIEW, then locks the set-up once REVIEW starts", async () => {
    expect(await reviewSheet(db, people.member, roundId, proposals.benches)).toMatchObject({ ok: false, status: 409 });
    expect(await saveReview(db, people.member, roundId, proposals.benches, review({ [criteria[0]]: 4, [criteria[1]]: 4 }))).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await advancePhase(db, people.staff.id, roundId, "SUBMISSION", "REVIEW", PHASE_HOOKS)).toMatchObject({ ok: true });
    expect(await savePanelSettings(db, people.staff.id, roundId, { mode: "WEIGHTED", weightPercent: 30, scaleMin: 1, scaleMax: 5 })).toMatchObject({
      ok: false,
      status: 409,
    });
    // Translations are a change to the criteria: locked with them (the set-up page no longer offers the form).
    expect(await saveCriterionTranslations(db, people.staff.id, roundId, translations({ nl: "Impact", tr: "Etki" }))).toEqual({
      ok: false,
      status: 409,
      formError: "panel:errors.setupLocked",
    });
    expect(await firstCriterion()).toEqual({ names: { nl: "Impact" }, explanations: {} });
    expect((await panelSetup(db, { id: roundId, phase: "REVIEW" })).may.criteria).toBe(false);
  });

  it("keeps a conflicted member out of the form, the scores and the count", async () => {
    // Automatic: the chair wrote the garden.
    expect(await reviewSheet(db, people.chair, roundId, proposals.garden)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.conflicted" });
    expect(await saveReview(db, people.chair, roundId, proposals.garden, review({ [criteria[0]]: 5, [criteria[1]]: 5 }))).toMatchObject({
      ok: false,
      status: 403,
    });
    // Declared: the invitee scores the garden first, then declares a conflict — the score stops counting.
    expect(await saveReview(db, people.invitee, roundId, proposals.garden, review({ [criteria[0]]: 1, [criteria[1]]: 1 }))).toMatchObject({
      ok: true,
      complete: true,
    });
    expect(await declareConflict(db, people.invitee, roundId, proposals.garden, "Mijn zus")).toEqual({ ok: true });
    expect(await reviewSheet(db, people.invitee, roundId, proposals.garden)).toMatchObject({ ok: false, status: 403 });
    expect((await panelScoresOf(db, roundId)).get(proposals.garden)).toBeNull();
  });

  it("refuses outsiders, other rounds, and shows others' scores only after one's own review", async () => {
    expect(await reviewSheet(db, people.outsider, roundId, proposals.benches)).toMatchObject({ ok: false, status: 403 });
    expect(await saveReview(db, people.outsider, roundId, proposals.benches, review({}))).toMatchObject({ ok: false, status: 403 });
    // A member of this round is a stranger to another round's panel, and to its proposals through this one.
    expect(await reviewSheet(db, people.member, otherRoundId, proposals.elsewhere)).toMatchObject({ ok: false, status: 403 });
    expect(await reviewSheet(db, people.member, roundId, proposals.elsewhere)).toMatchObject({ ok: false, status: 404 });

    // member: impact 5, feasibility 2 → (2·5 + 2) / 3 = 4
    expect(await saveReview(db, people.member, roundId, proposals.benches, review({ [criteria[0]]: 5, [criteria[1]]: 2 }))).toMatchObject({ complete: true });
    // invitee: half done → saved, does not count, and cannot see the member's scores yet
    expect(await saveReview(db, people.invitee, roundId, proposals.benches, review({ [criteria[0]]: 3, [criteria[1]]: null }))).toMatchObject({
      ok: true,
      complete: false,
    });
    const hidden = await reviewSheet(db, people.invitee, roundId, proposals.benches);
    expect(hidden.ok && hidden.others).toBeNull();
    expect((await panelScoresOf(db, roundId)).get(proposals.benches)).toEqual(rational(4));
    // invitee completes: impact 3, feasibility 4 → 10/3; the mean is (4 + 10/3) / 2 = 11/3
    await saveReview(db, people.invitee, roundId, proposals.benches, review({ [criteria[0]]: 3, [criteria[1]]: 4 }));
    const shown = await reviewSheet(db, people.invitee, roundId, proposals.benches);
    expect(shown.ok && shown.others?.map((other) => other.score)).toEqual([rational(4)]);
    expect((await panelScoresOf(db, roundId)).get(proposals.benches)).toEqual(rational(11, 3));
  });

  it("shows the chair and staff the progress, never a member", async () => {
    const board = async (user: SessionUser) => {
      const shown = await panelBoard(db, user, { id: roundId, phase: "REVIEW" });
      if (!shown.ok) throw new Error(shown.formError);
      return shown;
    };
    const chair = await board(people.chair);
    const benches = chair.rows.find((row) => row.id === proposals.benches)!;
    expect(Object.fromEntries(benches.progress!.map((cell) => [cell.userId, cell.state]))).toEqual({
      [people.chair.id]: "missing",
      [people.member.id]: "complete",
      [people.invitee.id]: "complete",
    });
    expect(chair.rows.find((row) => row.id === proposals.garden)!.mine).toBe("conflict");
    // The chair has reviewed nothing yet: no scores for him, though he sees who did what.
    expect(chair.rows.every((row) => row.score === null && row.recommendations === null)).toBe(true);
    const staffBoard = await board(people.staff);
    expect(staffBoard.rows.find((row) => row.id === proposals.benches)!.score?.score).toEqual(rational(11, 3));
    const member = await board(people.member);
    expect(member.rows.every((row) => row.progress === null && row.score === null)).toBe(true);
    expect(member.members).toEqual([]);
  });

  it("lets the chair decide with a public rationale, staff where he is conflicted (no vice-chair), not a member; blocks voting until every proposal is decided", async () => {
    const decide = (user: SessionUser, proposalId: string, decision: "SHORTLISTED" | "REJECTED") =>
      recordDecision(db, user, roundId, { proposalId, decision, rationale: "Sterk gedragen door de buren.", textLocale: "nl" }, "http://x");
    expect(await decide(people.member, proposals.benches, "SHORTLISTED")).toMatchObject({ ok: false, status: 403 });
    expect(await decide(people.chair, proposals.garden, "SHORTLISTED")).toMatchObject({ ok: false, status: 403, formError: "panel:errors.conflictedDecision" });
    // Staff do not decide what the chair decides.
    expect(await decide(people.staff, proposals.benches, "REJECTED")).toMatchObject({ ok: false, status: 403, formError: "panel:errors.decidedBy.chair" });
    expect(await decide(people.chair, proposals.benches, "SHORTLISTED")).toEqual({ ok: true });
    // The refusal names every undecided proposal, with what a link to it needs.
    expect(await advancePhase(db, people.staff.id, roundId, "REVIEW", "VOTING", PHASE_HOOKS)).toEqual({
      ok: false,
      status: 409,
      formError: "rounds:errors.panel-undecided",
      undecided: [{ id: proposals.garden, number: 1, originalLocale: "nl", texts: [{ locale: "nl", title: "Samentuin" }] }],
    });
    // The chair wrote the garden and the panel has no vice-chair: staff decide it.
    expect(await decide(people.staff, proposals.garden, "REJECTED")).toEqual({ ok: true });
    await deliverQueuedMail(db);
    const mail = (await readOutbox()).find((entry) => entry.to === people.author.email);
    expect(mail?.subject).toBe(translated("fr", "panel:email.decision.SHORTLISTED.subject", { number: 2 }));
    expect(mail?.locale).toBe("fr");
    const before = await panelReport(db, roundId, { withScores: false });
    expect(before.rows.every((row) => row.score === null)).toBe(true);
    expect(await advancePhase(db, people.staff.id, roundId, "REVIEW", "VOTING", PHASE_HOOKS)).toMatchObject({ ok: true });
    // After REVIEW nothing can be scored or decided any more.
    expect(await saveReview(db, people.member, roundId, proposals.benches, review({ [criteria[0]]: 1, [criteria[1]]: 1 }))).toMatchObject({ status: 409 });
    expect(await decide(people.staff, proposals.benches, "REJECTED")).toMatchObject({ status: 409 });
  });

  it("publishes aggregates only: names of those who agreed, decisions, rationale and panel scores", async () => {
    await db.panelMember.update({ where: { roundId_userId: { roundId, userId: people.member.id } }, data: { namePublic: true } });
    const report = await panelReport(db, roundId, { withScores: true });
    expect(report.memberCount).toBe(3);
    expect(report.namedMembers).toEqual([{ name: "member", isChair: false }]);
    const byId = Object.fromEntries(report.rows.map((row) => [row.id, row]));
    // Opening the vote put the shortlisted proposal on the ballot; the rejected one stays off it.
    expect(byId[proposals.benches]).toMatchObject({ status: "ON_BALLOT", rationale: "Sterk gedragen door de buren.", score: rational(11, 3), counted: 2 });
    expect(byId[proposals.garden]).toMatchObject({ status: "REJECTED", score: null, counted: 0 });
    // The benches' score is public only because two reviews count; with one it is withheld.
    await db.panelMember.delete({ where: { roundId_userId: { roundId, userId: people.invitee.id } } });
    const withOne = await panelReport(db, roundId, { withScores: true });
    expect(withOne.rows.find((row) => row.id === proposals.benches)).toMatchObject({ score: null, counted: 1 });
    // A removed member's review no longer counts anywhere.
    expect((await panelScoresOf(db, roundId)).get(proposals.benches)).toEqual(rational(4));
    expect(JSON.stringify(report, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain("comment");
  });
});

describe.each(testProviders())("the wijkpanel's vice-chair on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let roundId: string;
  const people: Record<"chair" | "vice" | "member" | "author" | "staff", SessionUser> = {} as never;
  const proposals: Record<"garden" | "playBox" | "benches" | "lamps", string> = {} as never;
  const decide = (user: SessionUser, proposalId: string, decision: "SHORTLISTED" | "REJECTED" = "SHORTLISTED") =>
    recordDecision(db, user, roundId, { proposalId, decision, rationale: "Besproken in het panel.", textLocale: "nl" }, "http://x");

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    Object.assign(people, await usersNamed(db, { chair: {}, vice: { locale: "tr" }, member: {}, author: {}, staff: { role: "STAFF" } }));
    const neighbourhood = await aNeighbourhood(db, { name: "Kroonmolen", city: "Sint-Niklaas" });
    roundId = (await aRound(db, { neighbourhood, phase: "REVIEW" })).id;
    // The chair wrote the garden; the vice-chair carries the play box with the chair; the benches are nobody's.
    proposals.garden = (await aProposal(db, { round: roundId, author: people.chair, status: "ADMISSIBLE", number: 1, title: "Samentuin" })).id;
    proposals.playBox = (await aProposal(db, { round: roundId, author: people.vice, status: "ADMISSIBLE", number: 2, title: "Speelkoffer" })).id;
    await db.proposalMember.create({ data: { proposalId: proposals.playBox, userId: people.chair.id } });
    proposals.benches = (await aProposal(db, { round: roundId, author: people.author, status: "ADMISSIBLE", number: 3, title: "Banken" })).id;
    proposals.lamps = (await aProposal(db, { round: roundId, author: people.author, status: "ADMISSIBLE", number: 4, title: "Lampen" })).id;
    for (const [who, chair] of [
      ["chair", true],
      ["vice", false],
      ["member", false],
    ] as const) {
      expect(await appointMember(db, people.staff, roundId, { email: people[who].email, chair }, "http://x")).toMatchObject({ ok: true });
    }
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  const seats = async () =>
    Object.fromEntries((await db.panelMember.findMany({ where: { roundId } })).map((seat) => [seat.userId, { chair: seat.isChair, vice: seat.isViceChair }]));

  it("is appointed by staff, one per panel, never the chair, with an audit entry", async () => {
    expect(await appointViceChair(db, people.staff.id, roundId, people.chair.id)).toMatchObject({
      ok: false,
      status: 409,
      errors: { userId: "panel:validation.chairNotVice" },
    });
    expect(await appointViceChair(db, people.staff.id, roundId, people.author.id)).toMatchObject({ ok: false, status: 404 });
    expect(await appointViceChair(db, people.staff.id, roundId, people.member.id)).toEqual({ ok: true });
    expect(await appointViceChair(db, people.staff.id, roundId, people.vice.id)).toEqual({ ok: true });
    expect(await seats()).toMatchObject({
      [people.chair.id]: { chair: true, vice: false },
      [people.vice.id]: { chair: false, vice: true },
      [people.member.id]: { chair: false, vice: false },
    });
    const entries = await db.auditLog.findMany({ where: { action: "panel.vice-chair", entityId: roundId } });
    expect(entries.map((entry) => (JSON.parse(entry.details) as { userId: string }).userId).sort()).toEqual([people.member.id, people.vice.id].sort());
    // Made chair, the vice-chair leaves that seat empty; staff appoint a new one.
    expect(await makeChair(db, people.staff.id, roundId, people.vice.id)).toEqual({ ok: true });
    expect(await seats()).toMatchObject({ [people.vice.id]: { chair: true, vice: false }, [people.chair.id]: { chair: false, vice: false } });
    expect(await makeChair(db, people.staff.id, roundId, people.chair.id)).toEqual({ ok: true });
    expect(await removeViceChair(db, people.staff.id, roundId, people.vice.id)).toMatchObject({ ok: false, status: 404 });
    expect(await appointViceChair(db, people.staff.id, roundId, people.vice.id)).toEqual({ ok: true });
    expect(await seats()).toMatchObject({ [people.chair.id]: { chair: true, vice: false }, [people.vice.id]: { chair: false, vice: true } });
  });

  it("says on every panel page who decides each proposal", async () => {
    const board = await panelBoard(db, people.chair, { id: roundId, phase: "REVIEW" });
    if (!board.ok) throw new Error(board.formError);
    const deciders = Object.fromEntries(board.rows.map((row) => [row.number, row.decider]));
    expect(deciders).toEqual({
      1: { by: "viceChair", userId: people.vice.id, because: "chairConflicted", name: "vice" },
      2: { by: "staff", because: "bothConflicted", name: null },
      3: { by: "chair", userId: people.chair.id, name: "chair" },
      4: { by: "chair", userId: people.chair.id, name: "chair" },
    });
    // The conflicted chair's own row says it: conflict, and the vice-chair decides.
    expect(board.rows.find((row) => row.number === 1)).toMatchObject({ mine: "conflict", may: { decide: false } });
    const sheet = await reviewSheet(db, people.member, roundId, proposals.garden);
    expect(sheet.ok && sheet.decider).toMatchObject({ by: "viceChair", name: "vice" });
    const decision = await decisionSheet(db, people.vice, roundId, proposals.garden);
    expect(decision.ok && decision.row.decider).toMatchObject({ by: "viceChair", name: "vice" });
    const setup = await panelSetup(db, { id: roundId, phase: "REVIEW" });
    expect(setup.deciders.map((row) => [row.number, row.decider.by])).toEqual([
      [1, "viceChair"],
      [2, "staff"],
      [3, "chair"],
      [4, "chair"],
    ]);
  });

  it("lets exactly the one named decide: the vice-chair where the chair is conflicted, staff where both are", async () => {
    // The garden: the vice-chair, not the conflicted chair, not staff, not a member.
    expect(await decide(people.chair, proposals.garden)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.conflictedDecision" });
    expect(await decide(people.member, proposals.garden)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.notChair" });
    expect(await decide(people.staff, proposals.garden)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.decidedBy.viceChair" });
    expect(await decisionSheet(db, people.chair, roundId, proposals.garden)).toMatchObject({ ok: false, status: 403 });
    expect(await decide(people.vice, proposals.garden)).toEqual({ ok: true });
    // The play box: both are conflicted, staff decide.
    expect(await decide(people.vice, proposals.playBox)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.conflictedDecision" });
    expect(await decide(people.chair, proposals.playBox)).toMatchObject({ ok: false, status: 403 });
    expect(await decide(people.staff, proposals.playBox, "REJECTED")).toEqual({ ok: true });
    // The benches: the chair, and nobody else.
    expect(await decide(people.vice, proposals.benches)).toMatchObject({ ok: false, status: 403, formError: "panel:errors.decidedBy.chair" });
    expect(await decide(people.chair, proposals.benches)).toEqual({ ok: true });
    const decisions = await db.auditLog.findMany({ where: { action: "panel.decision" } });
    expect(Object.fromEntries(decisions.map((entry) => [entry.entityId, entry.actorId]))).toEqual({
      [proposals.garden]: people.vice.id,
      [proposals.playBox]: people.staff.id,
      [proposals.benches]: people.chair.id,
    });
  });

  it("refuses to open voting while a proposal is undecided, naming each, and opens once all are decided", async () => {
    const refusal = await advancePhase(db, people.staff.id, roundId, "REVIEW", "VOTING", PHASE_HOOKS);
    expect(refusal).toMatchObject({ ok: false, status: 409, formError: "rounds:errors.panel-undecided" });
    expect(!refusal.ok && "undecided" in refusal && refusal.undecided.map((row) => [row.id, row.number, row.texts[0]?.title])).toEqual([
      [proposals.lamps, 4, "Lampen"],
    ]);
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: roundId } })).phase).toBe("REVIEW");
    expect(await decide(people.chair, proposals.lamps, "REJECTED")).toEqual({ ok: true });
    expect(await advancePhase(db, people.staff.id, roundId, "REVIEW", "VOTING", PHASE_HOOKS)).toMatchObject({ ok: true });
    // After REVIEW the seats are fixed.
    expect(await appointViceChair(db, people.staff.id, roundId, people.member.id)).toMatchObject({ ok: false, status: 409 });
  });
});
