// Offered ⇔ accepted: over relation × phase × proposal status × panel mode, what the wijkpanel's
// pages offer (the `may` their loader functions get from policy.ts) is exactly what the server
// functions behind each of their forms accept; and over every phase, the staff set-up page likewise.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { hashToken } from "~/kernel/tokens";
import type { Result } from "~/kernel/result";
import {
  acceptPanelInvite,
  addCriterion,
  appointMember,
  appointViceChair,
  checkPanelInvite,
  decisionSheet,
  declareConflict,
  makeChair,
  panelBoard,
  panelSetup,
  recordDecision,
  removeCriterion,
  removeMember,
  removeViceChair,
  reviewSheet,
  revokePanelInvite,
  savePanelSettings,
  saveReview,
  setNameConsent,
} from "~/panel/panel.server";
import { SETUP_ACTIONS, type PanelMode, type SetupAction } from "~/panel/policy";
import { criterionSchema, reviewSchema } from "~/panel/schema";
import { PHASES, type Phase } from "~/rounds/phases";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const BASE = "http://wijkbudget.test";
const INVITE_TOKEN = "abcdefghijklmnopqrstuvwxyz234567";

type Who = "member" | "chair" | "vice" | "staff" | "declared" | "author" | "outsider";
const WHO: readonly Who[] = ["member", "chair", "vice", "staff", "declared", "author", "outsider"];
/** `conflicted`: who beside the author declared a conflict — the chair, the vice-chair too, or neither (decides who decides). */
type State = { phase: Phase; status: "ADMISSIBLE" | "SUBMITTED"; mode: PanelMode; conflicted: "none" | "chair" | "both" };

function states(): State[] {
  const plain = (["SUBMISSION", "REVIEW", "VOTING"] as const).flatMap((phase) =>
    (["ADMISSIBLE", "SUBMITTED"] as const).flatMap((status) =>
      (["SHORTLIST", "WEIGHTED"] as const).map((mode) => ({ phase, status, mode, conflicted: "none" as const })),
    ),
  );
  // Who decides changes with the chair's and the vice-chair's conflicts: swept where decisions happen.
  const seats = (["chair", "both"] as const).map((conflicted) => ({
    phase: "REVIEW" as const,
    status: "ADMISSIBLE" as const,
    mode: "SHORTLIST" as const,
    conflicted,
  }));
  return [...plain, ...seats];
}

// The policy does not depend on the database; SQLite keeps this sweep (≈400 attempts) quick.
describe("the wijkpanel's pages offer exactly what their forms accept", () => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let roundId: string;
  let setupRoundId: string;
  let proposalId: string;
  let criteria: string[];
  const people = {} as Record<Who | "invitee", SessionUser>;

  /** Members on the panel (the author of the proposal too); `declared` declared a conflict; the chair finished a review. */
  async function reset(state: State) {
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: state.phase } });
    await db.panel.upsert({ where: { roundId }, create: { roundId, mode: state.mode }, update: { mode: state.mode } });
    await db.proposal.update({ where: { id: proposalId }, data: { status: state.status, panelRationale: "" } });
    await db.panelMember.updateMany({ where: { roundId }, data: { namePublic: false } });
    await db.panelConflict.deleteMany({ where: { proposalId } });
    await db.panelConflict.create({ data: { proposalId, userId: people.declared.id, reason: "Mijn zus" } });
    const declaring = state.conflicted === "none" ? [] : state.conflicted === "chair" ? [people.chair] : [people.chair, people.vice];
    for (const person of declaring) await db.panelConflict.create({ data: { proposalId, userId: person.id, reason: "Mijn buur" } });
    await db.panelReview.deleteMany({ where: { proposalId } });
    await db.panelReview.create({
      data: { proposalId, userId: people.chair.id, scores: { create: criteria.map((criterionId) => ({ criterionId, score: 4 })) } },
    });
  }

  const review = () => reviewSchema(criteria, { min: 1, max: 5 }).parse({ intent: "review", scores: Object.fromEntries(criteria.map((id) => [id, "3"])) });

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    for (const key of [...WHO, "invitee"] as const) {
      const role = key === "staff" ? "STAFF" : "RESIDENT";
      const row = await db.user.create({ data: { email: `${key}@example.org`, name: key, passwordHash: "x", role, emailVerifiedAt: new Date() } });
      people[key] = { id: row.id, email: row.email, name: row.name, role, locale: "nl" };
    }
    const neighbourhood = await db.neighbourhood.create({ data: { slug: "kroonmolen", name: "Kroonmolen", city: "Sint-Niklaas", boundary: "" } });
    roundId = (await db.budgetRound.create({ data: { neighbourhoodId: neighbourhood.id, originalLocale: "nl", budgetCents: 1_000_000, hasReview: true } })).id;
    setupRoundId = (await db.budgetRound.create({ data: { neighbourhoodId: neighbourhood.id, originalLocale: "nl", budgetCents: 1_000_000, hasReview: true } }))
      .id;
    criteria = [];
    for (const [position, name] of ["Impact", "Haalbaarheid"].entries()) {
      criteria.push((await db.panelCriterion.create({ data: { roundId, position, names: JSON.stringify({ nl: name }), weight: 1 } })).id);
    }
    for (const key of ["member", "chair", "vice", "declared", "author"] as const) {
      await db.panelMember.create({ data: { roundId, userId: people[key].id, isChair: key === "chair", isViceChair: key === "vice" } });
    }
    const proposal = await db.proposal.create({
      data: {
        roundId,
        number: 1,
        authorId: people.author.id,
        originalLocale: "nl",
        texts: { create: { locale: "nl", title: "Samentuin", summary: "Een tuin", description: "Een tuin." } },
      },
    });
    proposalId = proposal.id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("for every relation, phase, proposal status and panel mode", { timeout: 60_000 }, async () => {
    const mismatches: string[] = [];
    const acceptedSomewhere = new Set<string>();
    let attempts = 0;
    const check = (label: string, action: string, offered: boolean, answer: Result) => {
      attempts++;
      if (answer.ok) acceptedSomewhere.add(action);
      if (answer.ok !== offered)
        mismatches.push(`${label} · ${action}: offered ${offered}, ${answer.ok ? "accepted" : `refused ${answer.status} ${answer.formError}`}`);
    };
    const started = Date.now();
    for (const state of states()) {
      for (const who of WHO) {
        const user = people[who];
        const label = `${who} · ${state.status} · ${state.phase} · ${state.mode} · conflicted ${state.conflicted}`;
        await reset(state);
        // What the workspace offers, and on its row for the proposal (a proposal not under review has none).
        const board = await panelBoard(db, user, { id: roundId, phase: state.phase });
        const row = board.ok ? board.rows.find((candidate) => candidate.id === proposalId) : undefined;
        const offers = { review: !!row?.may.review, decide: !!row?.may.decide, readScores: !!row?.may.readScores };
        // The board shows the panel's score exactly to those who follow the progress and may read scores.
        if (board.ok && row && (row.score !== null) !== (board.may.viewProgress && offers.readScores))
          mismatches.push(`${label} · board score shown: ${row.score !== null}`);

        // The review sheet opens where the row offers a review; it shows the others' scores where they may be read.
        const sheet = await reviewSheet(db, user, roundId, proposalId);
        if (sheet.ok !== offers.review) mismatches.push(`${label} · review sheet: offered ${offers.review}, opened ${sheet.ok}`);
        if (sheet.ok && (sheet.others !== null) !== offers.readScores) mismatches.push(`${label} · others' scores shown: ${sheet.others !== null}`);
        // The decision page opens where the row offers a decision.
        const decision = await decisionSheet(db, user, roundId, proposalId);
        if (decision.ok !== offers.decide) mismatches.push(`${label} · decision page: offered ${offers.decide}, opened ${decision.ok}`);

        check(label, "consent", board.ok && board.may.consent, await setNameConsent(db, user, roundId, true));
        check(label, "review", offers.review, await saveReview(db, user, roundId, proposalId, review()));
        await reset(state);
        check(label, "declareConflict", sheet.ok && sheet.may.declareConflict, await declareConflict(db, user, roundId, proposalId, "Mijn buur"));
        await reset(state);
        check(
          label,
          "decide",
          offers.decide,
          await recordDecision(db, user, roundId, { proposalId, decision: "SHORTLISTED", rationale: "Gedragen.", textLocale: "nl" }, BASE),
        );
      }
    }
    expect(mismatches).toEqual([]);
    expect(attempts).toBe(states().length * WHO.length * 4);
    // Not a sweep of refusals only: every form is accepted somewhere.
    expect([...acceptedSomewhere].sort()).toEqual(["consent", "decide", "declareConflict", "review"]);
    // Bounded: the sweep stays a quick test.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("lets exactly one of chair, vice-chair and staff decide, whoever is conflicted", async () => {
    const deciders: Record<string, string[]> = {};
    for (const conflicted of ["none", "chair", "both"] as const) {
      const state = { phase: "REVIEW", status: "ADMISSIBLE", mode: "SHORTLIST", conflicted } as const;
      deciders[conflicted] = [];
      for (const who of WHO) {
        await reset(state);
        const answer = await recordDecision(db, people[who], roundId, { proposalId, decision: "REJECTED", rationale: "Besproken.", textLocale: "nl" }, BASE);
        if (answer.ok) deciders[conflicted].push(who);
      }
    }
    expect(deciders).toEqual({ none: ["chair"], chair: ["vice"], both: ["staff"] });
  });

  it("on the staff set-up page and the invitation page, in every phase", async () => {
    const mismatches: string[] = [];
    const criterion = criterionSchema.parse({ intent: "add-criterion", names: { nl: "Betrokkenheid" }, explanations: {}, weight: "1" });

    async function resetSetup(phase: Phase) {
      await db.budgetRound.update({ where: { id: setupRoundId }, data: { phase } });
      await db.panelCriterion.deleteMany({ where: { roundId: setupRoundId } });
      await db.panelCriterion.create({
        data: { id: "setup-criterion", roundId: setupRoundId, position: 0, names: JSON.stringify({ nl: "Impact" }), weight: 1 },
      });
      await db.panelMember.deleteMany({ where: { roundId: setupRoundId } });
      await db.panelMember.create({ data: { roundId: setupRoundId, userId: people.member.id } });
      await db.panelMember.create({ data: { roundId: setupRoundId, userId: people.vice.id, isViceChair: true } });
      await db.panelInvite.deleteMany({ where: { roundId: setupRoundId } });
      await db.panelInvite.create({ data: { id: "open-invite", roundId: setupRoundId, email: "buur@example.org" } });
      await db.panelInvite.create({ data: { id: hashToken(INVITE_TOKEN), roundId: setupRoundId, email: people.invitee.email } });
    }

    function attempt(action: SetupAction | "removeCriterion" | "removeMember" | "makeChair" | "viceChair" | "removeViceChair"): Promise<Result> {
      const staff = people.staff;
      switch (action) {
        case "settings":
          return savePanelSettings(db, staff.id, setupRoundId, { mode: "WEIGHTED", weightPercent: 30, scaleMin: 1, scaleMax: 5 });
        case "criteria":
          return addCriterion(db, staff.id, setupRoundId, criterion);
        case "removeCriterion":
          return removeCriterion(db, staff.id, setupRoundId, "setup-criterion");
        case "members":
          return appointMember(db, staff, setupRoundId, { email: people.outsider.email, chair: false }, BASE);
        case "removeMember":
          return removeMember(db, staff.id, setupRoundId, people.member.id);
        case "makeChair":
          return makeChair(db, staff.id, setupRoundId, people.member.id);
        case "viceChair":
          return appointViceChair(db, staff.id, setupRoundId, people.member.id);
        case "removeViceChair":
          return removeViceChair(db, staff.id, setupRoundId, people.vice.id);
        case "revokeInvite":
          return revokePanelInvite(db, staff.id, setupRoundId, "open-invite");
      }
    }
    // Each form of the page and the set-up permission that offers it.
    const forms = [
      ...SETUP_ACTIONS.map((action) => [action, action] as const),
      ["removeCriterion", "criteria"],
      ["removeMember", "members"],
      ["makeChair", "members"],
      ["viceChair", "members"],
      ["removeViceChair", "members"],
    ] as const;

    for (const phase of PHASES) {
      await resetSetup(phase);
      const { may } = await panelSetup(db, { id: setupRoundId, phase });
      for (const [form, offeredBy] of forms) {
        await resetSetup(phase);
        const answer = await attempt(form);
        if (answer.ok !== may[offeredBy])
          mismatches.push(`${phase} · ${form}: offered ${may[offeredBy]}, ${answer.ok ? "accepted" : `refused ${answer.formError}`}`);
      }
      // The invitation page offers joining exactly when accepting it succeeds.
      await resetSetup(phase);
      const offered = (await checkPanelInvite(db, people.invitee, INVITE_TOKEN)).ok;
      const joined = await acceptPanelInvite(db, people.invitee, INVITE_TOKEN);
      if (joined.ok !== offered || offered !== may.members) mismatches.push(`${phase} · join: offered ${offered}, accepted ${joined.ok}`);
    }
    expect(mismatches).toEqual([]);
  });
});
