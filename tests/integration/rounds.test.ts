import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { advancePhase, createRound, roundById, updateRound } from "~/rounds/rounds.server";
import { openBallot } from "~/voting/voting.server";
import { roundSchemaFor, type RoundInput } from "~/rounds/schema";
import { aNeighbourhood, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

/** Moves into VOTING open the ballot, as the staff round page does. */
const PHASE_HOOKS = { openVoting: openBallot };

function roundInput(neighbourhoodId: string, overrides: Record<string, unknown> = {}): RoundInput {
  return roundSchemaFor("nl").parse({
    neighbourhoodId,
    originalLocale: "nl",
    translations: { nl: { title: "Wijkbudget Arsenaal", description: "Ideeën voor de wijk." } },
    budget: "40000",
    hasReview: "on",
    dates: { submissionStartsAt: "2027-01-10T09:00", submissionEndsAt: "2027-02-10T23:59" },
    ...overrides,
  });
}

describe.each(testProviders())("rounds on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let staffId: string;
  let neighbourhoodId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    staffId = (await aUser(db, { role: "STAFF" })).id;
    neighbourhoodId = (await aNeighbourhood(db)).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("creates a round in DRAFT with its texts, budget in cents and Brussels dates, audit-logged", async () => {
    const result = await createRound(db, staffId, roundInput(neighbourhoodId));
    expect(result.ok).toBe(true);
    const round = await roundById(db, result.ok ? result.id : "", { includeDrafts: true });
    expect(round).toMatchObject({ phase: "DRAFT", budgetCents: 4_000_000, hasReview: true });
    expect(round?.submissionStartsAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(round?.translations).toEqual([expect.objectContaining({ locale: "nl", title: "Wijkbudget Arsenaal" })]);
    expect(await roundById(db, round!.id, { includeDrafts: false })).toBeNull();
    const audit = await db.auditLog.findMany({ where: { entityId: round!.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "round.create", actorId: staffId })]);
  });

  it("refuses a round for an unknown neighbourhood", async () => {
    expect(await createRound(db, staffId, roundInput("nope"))).toEqual({
      ok: false,
      status: 400,
      errors: { neighbourhoodId: "rounds:errors.neighbourhood-unknown" },
    });
  });

  it("moves forward one phase at a time, refusing skips, going back and stale moves", async () => {
    const created = await createRound(db, staffId, roundInput(neighbourhoodId));
    const id = created.ok ? created.id : "";
    expect(await advancePhase(db, staffId, id, "DRAFT", "REVIEW", PHASE_HOOKS)).toEqual({ ok: false, status: 409, formError: "rounds:errors.skip" });
    expect(await advancePhase(db, staffId, id, "DRAFT", "SUBMISSION", PHASE_HOOKS)).toEqual({ ok: true, phase: "SUBMISSION" });
    expect(await advancePhase(db, staffId, id, "DRAFT", "SUBMISSION", PHASE_HOOKS)).toEqual({ ok: false, status: 409, formError: "rounds:errors.stale" });
    expect(await advancePhase(db, staffId, id, "SUBMISSION", "DRAFT", PHASE_HOOKS)).toEqual({ ok: false, status: 409, formError: "rounds:errors.backward" });
    expect(await advancePhase(db, staffId, id, "SUBMISSION", "REVIEW", PHASE_HOOKS)).toEqual({ ok: true, phase: "REVIEW" });
    const moves = await db.auditLog.findMany({ where: { entityId: id, action: "round.phase" }, orderBy: { at: "asc" } });
    expect(moves.map((move) => JSON.parse(move.details))).toEqual([
      { from: "DRAFT", to: "SUBMISSION" },
      { from: "SUBMISSION", to: "REVIEW" },
    ]);
  });

  it("lets only one of two simultaneous moves through", async () => {
    const created = await createRound(db, staffId, roundInput(neighbourhoodId));
    const id = created.ok ? created.id : "";
    const results = await Promise.all([
      advancePhase(db, staffId, id, "DRAFT", "SUBMISSION", PHASE_HOOKS),
      advancePhase(db, staffId, id, "DRAFT", "SUBMISSION", PHASE_HOOKS),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { entityId: id, action: "round.phase" } })).toBe(1);
  });

  it("locks the budget and the review setting once review starts, but keeps texts editable", async () => {
    const created = await createRound(db, staffId, roundInput(neighbourhoodId));
    const id = created.ok ? created.id : "";
    await advancePhase(db, staffId, id, "DRAFT", "SUBMISSION", PHASE_HOOKS);
    expect(await updateRound(db, staffId, id, roundInput(neighbourhoodId, { budget: "45000" }))).toEqual({ ok: true, id });
    await advancePhase(db, staffId, id, "SUBMISSION", "REVIEW", PHASE_HOOKS);
    expect(await updateRound(db, staffId, id, roundInput(neighbourhoodId, { budget: "50000" }))).toEqual({
      ok: false,
      status: 409,
      formError: "rounds:errors.budget-locked",
    });
    expect(await updateRound(db, staffId, id, roundInput(neighbourhoodId, { budget: "45000", hasReview: undefined }))).toEqual({
      ok: false,
      status: 409,
      formError: "rounds:errors.review-locked",
    });
    const retitled = roundInput(neighbourhoodId, {
      budget: "45000",
      translations: {
        nl: { title: "Nieuwe titel", description: "Nieuwe tekst." },
        bg: { title: "Ново заглавие", description: "Нов текст." },
      },
    });
    expect(await updateRound(db, staffId, id, retitled)).toEqual({ ok: true, id });
    const round = await roundById(db, id, { includeDrafts: true });
    expect(round?.translations.map((row) => row.locale).sort()).toEqual(["bg", "nl"]);
    const updates = await db.auditLog.findMany({ where: { entityId: id, action: "round.update" } });
    expect(updates).toHaveLength(2);
    expect(JSON.parse(updates[0]!.details).budgetCents).toEqual({ before: 4_000_000, after: 4_500_000 });
  });
});
