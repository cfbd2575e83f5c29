// Offered ⇔ accepted: over role × status × phase × deadline, what the proposal page offers (the
// `may` its loader gets from proposalForViewer) is exactly what the server functions behind each of
// its forms accept. Both ask policy.ts; this checks that no function or page asks something else.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { createTeamEvent } from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import type { Result } from "~/kernel/result";
import { addPhoto } from "~/proposals/photos.server";
import { PROPOSAL_STATUSES, type ProposalStatus } from "~/proposals/lifecycle";
import { PROPOSAL_ACTIONS, type ProposalAction } from "~/proposals/policy";
import {
  addCoachNote,
  addTranslation,
  inviteCoProposer,
  proposalForViewer,
  recordVerdict,
  removeCoProposer,
  revokeInvite,
  updateProposal,
  withdrawProposal,
} from "~/proposals/proposals.server";
import { proposalSchemaFor } from "~/proposals/schema";
import type { Phase } from "~/rounds/phases";
import { aProposal, aRound, usersNamed } from "../support/builders";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const PHASES: Phase[] = ["SUBMISSION", "REVIEW", "VOTING", "PUBLISHED"];
const HOUR = 60 * 60 * 1000;
// A 1×1 PNG: what addPhoto accepts when the proposal may be edited.
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));

/** Every state worth telling apart: each status in each phase, and requested changes before and after their deadline. */
type State = { status: ProposalStatus; phase: Phase; changesDeadline: Date | null };

function states(): State[] {
  return PHASES.flatMap((phase) =>
    PROPOSAL_STATUSES.flatMap((status): State[] =>
      status === "CHANGES_REQUESTED"
        ? [new Date(Date.now() + 48 * HOUR), new Date(Date.now() - HOUR)].map((changesDeadline) => ({ status, phase, changesDeadline }))
        : [{ status, phase, changesDeadline: null }],
    ),
  );
}

// The policy does not depend on the database; SQLite keeps this sweep (≈2,200 attempts) quick.
describe("a proposal's page offers exactly what its forms accept", () => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let proposalId: string;
  let roundId: string;
  let people: Record<"author" | "member" | "staff" | "neighbour", SessionUser>;

  const input = proposalSchemaFor("nl").parse({
    originalLocale: "nl",
    title: "Bankjes aan het plein",
    summary: "Vier bankjes",
    description: "Vier bankjes rond de boom.",
    locationText: "Arsenaalplein",
    costLines: [{ label: "Bankje", amount: "800" }],
  });

  /** The proposal back in `state`, with its co-proposer and one open invitation, as before every attempt. */
  async function reset(state: State) {
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: state.phase } });
    await db.proposal.update({ where: { id: proposalId }, data: { status: state.status, changesDeadline: state.changesDeadline } });
    await db.proposalMember.upsert({
      where: { proposalId_userId: { proposalId, userId: people.member.id } },
      create: { proposalId, userId: people.member.id },
      update: {},
    });
    await db.proposalInvite.upsert({
      where: { id: "open-invite" },
      create: { id: "open-invite", proposalId, email: "buur@example.org" },
      update: { acceptedAt: null },
    });
    await db.proposalPhoto.deleteMany({ where: { proposalId } });
  }

  /** Posts the form behind `action` as `user` would, with valid input. */
  function attempt(action: ProposalAction | "photo", user: SessionUser): Promise<Result> {
    switch (action) {
      case "edit":
        return updateProposal(db, user, proposalId, input, { submit: false });
      case "submit":
        return updateProposal(db, user, proposalId, input, { submit: true });
      case "withdraw":
        return withdrawProposal(db, user, proposalId);
      case "translate":
        return addTranslation(db, user, proposalId, { locale: "tr", title: "Banklar", summary: "Dört bank", description: "Ağacın etrafında dört bank." });
      case "invite":
        return inviteCoProposer(db, user, proposalId, "nieuw@example.org", "http://wijkbudget.test");
      case "revokeInvite":
        return revokeInvite(db, user, proposalId, "open-invite");
      case "editPeople":
        // The author removes the co-proposer; the co-proposer leaves.
        return removeCoProposer(db, user, proposalId, people.member.id);
      case "verdict":
        return recordVerdict(
          db,
          user,
          proposalId,
          { verdict: "ADMISSIBLE", note: "", textLocale: "nl", cityCostCents: null, deadline: null },
          "http://wijkbudget.test",
        );
      case "coach":
        return addCoachNote(db, user, proposalId, "Bel de groendienst.");
      case "organiseEvent":
        return createTeamEvent(
          db,
          user,
          proposalId,
          eventSchema.parse({
            intent: "save",
            neighbourhoodId: "ignored",
            originalLocale: "nl",
            translations: { nl: { title: "Plantdag", description: "Samen planten" } },
            startsAt: "2099-05-01T14:00",
            endsAt: "2099-05-01T17:00",
            place: "Arsenaalplein",
            organiser: "Het team",
          }),
        );
      case "photo":
        return addPhoto(db, user, proposalId, PNG, "De boom op het plein");
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    people = await usersNamed(db, { author: {}, member: {}, staff: { role: "STAFF" }, neighbour: {} });
    roundId = (await aRound(db, { budgetCents: 4_000_000, teamsMayCreateEvents: true })).id;
    proposalId = (await aProposal(db, { round: roundId, author: people.author, number: 1, title: "Bankjes", summary: "Vier", description: "Vier bankjes." }))
      .id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("for every role, status, phase and deadline", { timeout: 240_000 }, async () => {
    const mismatches: string[] = [];
    let attempts = 0;
    const acceptedSomewhere = new Set<string>();
    for (const state of states()) {
      for (const [who, user] of Object.entries(people)) {
        await reset(state);
        const page = await proposalForViewer(db, user, proposalId);
        const label = `${who} · ${state.status} · ${state.phase}${state.changesDeadline ? (state.changesDeadline.getTime() > Date.now() ? " · before deadline" : " · after deadline") : ""}`;
        // Photos are added on the page where editing is offered.
        for (const action of [...PROPOSAL_ACTIONS, "photo"] as const) {
          await reset(state);
          const offered = page ? (action === "photo" ? page.may.edit : page.may[action]) : false;
          const answer = await attempt(action, user);
          attempts++;
          if (answer.ok) acceptedSomewhere.add(action);
          if (answer.ok !== offered)
            mismatches.push(
              `${label} · ${action}: offered ${offered}, ${answer.ok ? "accepted" : `refused ${answer.status} ${answer.formError ?? JSON.stringify(answer.errors)}`}`,
            );
          // A page that is not shown at all is answered as unknown.
          if (!page && !answer.ok) expect(answer.status).toBe(404);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(attempts).toBeGreaterThan(2000);
    // Not a sweep of refusals only: every action is accepted somewhere.
    expect([...acceptedSomewhere].sort()).toEqual([...PROPOSAL_ACTIONS, "photo"].sort());
  });

  it("shows a visitor a public proposal with nothing to do, and no draft at all", async () => {
    await reset({ status: "SUBMITTED", phase: "SUBMISSION", changesDeadline: null });
    const page = await proposalForViewer(db, null, proposalId);
    expect(page && Object.values(page.may).some(Boolean)).toBe(false);
    await reset({ status: "DRAFT", phase: "SUBMISSION", changesDeadline: null });
    expect(await proposalForViewer(db, null, proposalId)).toBeNull();
  });
});
