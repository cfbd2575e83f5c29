import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { advancePhase } from "~/rounds/rounds.server";
import { formatCode, hashCode } from "~/voting/codes";
import { votingSettingsSchema } from "~/voting/schema";
import {
  castBallot,
  checkCredential,
  checkVoterCredential,
  declareVoter,
  erasePlainCodes,
  generateCodes,
  openBallot,
  receiptCounted,
  replaceCode,
  saveVotingSettings,
  takeBatchCodes,
  verifyVoter,
} from "~/voting/voting.server";
import { aNeighbourhood, aProposal, aRound, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { writesToPostgres } from "../support/postgres-writes";

/** Moves into VOTING open the ballot, as the staff round page does. */
const PHASE_HOOKS = { openVoting: openBallot };

const settings = (overrides: Record<string, string | boolean> = {}) =>
  votingSettingsSchema.parse({
    intent: "voting-settings",
    ballotMethod: "APPROVAL_BUDGET",
    tallyRule: "greedy",
    eligibility: "CODES",
    minimumAge: "16",
    ...overrides,
  });

describe.each(testProviders())("voting on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let staff: SessionUser;
  let resident: SessionUser;
  let neighbourhoodId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    staff = await aUser(db, { role: "STAFF" });
    resident = await aUser(db);
    neighbourhoodId = (await aNeighbourhood(db)).id;
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  /** A round with admissible proposals costing the given euros, in SUBMISSION without review. */
  async function makeRound(costs: number[]) {
    const round = await aRound(db, { neighbourhood: neighbourhoodId, budgetCents: 40_000_00, phase: "SUBMISSION", hasReview: false });
    const ids: string[] = [];
    for (const euros of costs) ids.push((await aProposal(db, { round, author: resident, status: "ADMISSIBLE", requestedCents: euros * 100 })).id);
    return { roundId: round.id, ids };
  }

  async function codesFor(roundId: string, count: number) {
    const generated = await generateCodes(db, staff.id, roundId, count);
    if (!generated.ok) throw new Error(generated.formError);
    return (await takeBatchCodes(db, staff.id, roundId, generated.batchId, "csv"))!.map((entry) => entry.code);
  }

  it("opens voting with the admissible proposals on the ballot and locks the settings", async () => {
    const { roundId, ids } = await makeRound([30_000, 15_000]);
    await db.proposal.update({ where: { id: ids[1] }, data: { status: "INADMISSIBLE" } });
    expect(await saveVotingSettings(db, staff.id, roundId, settings({ tallyRule: "mes-add1" }))).toEqual({ ok: true });
    expect(await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS)).toMatchObject({ ok: true });
    const statuses = await db.proposal.findMany({ where: { roundId }, orderBy: { number: "asc" }, select: { status: true } });
    expect(statuses.map((row) => row.status)).toEqual(["ON_BALLOT", "INADMISSIBLE"]);
    expect(await saveVotingSettings(db, staff.id, roundId, settings())).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses to open voting on an empty ballot or an incomplete one, and rolls the phase back", async () => {
    const empty = await makeRound([]);
    expect(await advancePhase(db, staff.id, empty.roundId, "SUBMISSION", "VOTING", PHASE_HOOKS)).toEqual({
      ok: false,
      status: 409,
      formError: "rounds:errors.ballot-empty",
    });
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: empty.roundId } })).phase).toBe("SUBMISSION");
    const { roundId } = await makeRound([1000]);
    await db.budgetRound.update({ where: { id: roundId }, data: { ballotMethod: "APPROVAL_K", approvalLimit: null } });
    expect(await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS)).toEqual({
      ok: false,
      status: 409,
      formError: "rounds:errors.ballot-settings",
    });
  });

  it("hands out plain codes once per format, stores only hashes, and forgets them after a day", async () => {
    const { roundId } = await makeRound([1000]);
    const generated = await generateCodes(db, staff.id, roundId, 3);
    const batchId = generated.ok ? generated.batchId : "";
    const csv = await takeBatchCodes(db, staff.id, roundId, batchId, "csv");
    expect(csv?.map((entry) => entry.serial)).toEqual([1, 2, 3]);
    expect(await takeBatchCodes(db, staff.id, roundId, batchId, "csv")).toBeNull();
    const stored = await db.votingCode.findMany({ where: { roundId } });
    expect(stored.some((row) => JSON.stringify(row).includes(csv![0].code.replace(/-/g, "")))).toBe(false);
    expect(await takeBatchCodes(db, staff.id, roundId, batchId, "letters")).toHaveLength(3);
    expect((await db.codeBatch.findUniqueOrThrow({ where: { id: batchId } })).plainCodes).toBeNull();
    const later = await generateCodes(db, staff.id, roundId, 1);
    await erasePlainCodes(db, new Date(Date.now() + 25 * 3600_000));
    expect((await db.codeBatch.findUniqueOrThrow({ where: { id: later.ok ? later.batchId : "" } })).plainCodes).toBeNull();
  });

  it("casts a secret ballot with a code once, checks the rules inside the transaction, and counts the receipt", async () => {
    const { roundId, ids } = await makeRound([30_000, 15_000, 10_000]);
    await saveVotingSettings(db, staff.id, roundId, settings());
    const [code, spare] = await codesFor(roundId, 2);
    expect(await castBallot(db, roundId, { kind: "code", code }, new Map([[ids[0], 1]]))).toMatchObject({
      ok: false,
      status: 409,
      formError: "voting:errors.closed",
    });
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    expect(
      await castBallot(
        db,
        roundId,
        { kind: "code", code },
        new Map([
          [ids[0], 1],
          [ids[1], 1],
        ]),
      ),
    ).toMatchObject({ ok: false, status: 400, problem: "overBudget" });
    expect(await castBallot(db, roundId, { kind: "code", code: "ABCD-EFGH-JKMN" }, new Map())).toMatchObject({ ok: false, status: 400 });
    const cast = await castBallot(
      db,
      roundId,
      { kind: "code", code: code.toLowerCase() },
      new Map([
        [ids[0], 1],
        [ids[2], 1],
      ]),
    );
    expect(cast.ok).toBe(true);
    expect(await castBallot(db, roundId, { kind: "code", code }, new Map())).toMatchObject({ ok: false, status: 409, formError: "voting:errors.alreadyVoted" });
    // The ballot: random id, its choices, nothing about the voter or the code.
    const ballots = await db.ballot.findMany({ where: { roundId }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(Object.keys(ballots[0]).sort()).toEqual(["channel", "choices", "id", "receiptHash", "roundId"]);
    expect(ballots[0].choices.map((choice) => choice.proposalId).sort()).toEqual([ids[0], ids[2]].sort());
    // The participation: random like the ballot's id — never a cuid, which begins with its creation time.
    const participations = await db.participation.findMany({ where: { roundId } });
    expect(participations).toHaveLength(1);
    expect(participations[0]!.id).toMatch(/^[a-z2-7]{32}$/);
    expect(Object.keys(participations[0]!).sort()).toEqual(["codeId", "id", "roundId", "userId"]);
    expect(await receiptCounted(db, cast.ok ? cast.receipt : "")).toEqual({ roundId });
    expect(await receiptCounted(db, "AAAA-BBBB-CC")).toBeNull();

    // A lost letter: its code is voided and replaced; the used one cannot be.
    const serialOf = async (plain: string) => (await db.votingCode.findMany({ where: { roundId }, orderBy: { serial: "asc" } }))[plain === code ? 0 : 1].serial;
    expect(await replaceCode(db, staff.id, roundId, await serialOf(code))).toMatchObject({ ok: false, errors: { serial: "voting:errors.serialUsed" } });
    const replaced = await replaceCode(db, staff.id, roundId, await serialOf(spare));
    expect(replaced).toMatchObject({ ok: true, newSerial: 3 });
    expect(await checkCredential(db, roundId, { kind: "code", code: spare })).toMatchObject({ ok: false, formError: "voting:errors.codeVoided" });
    const [fresh] = (await takeBatchCodes(db, staff.id, roundId, replaced.ok ? replaced.batchId : "", "csv"))!;
    expect(await castBallot(db, roundId, { kind: "code", code: fresh.code }, new Map(), "PAPER")).toMatchObject({ ok: true });
    expect(await db.ballot.count({ where: { roundId, channel: "PAPER" } })).toBe(1);
  });

  it("re-keys participations made before ids were random (the migration's statement)", async () => {
    const { roundId } = await makeRound([10_000]);
    const cuids = ["cmxbzrkbl001d027dpgu5hao6", "cmxbzrkch001u027damzej95e"];
    await db.participation.createMany({ data: cuids.map((id) => ({ id, roundId })) });
    const folder = provider === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const name = readdirSync(folder).find((entry) => entry.endsWith("_participation_random_ids"))!;
    await db.$executeRawUnsafe(
      readFileSync(`${folder}/${name}/migration.sql`, "utf8")
        .replace(/^--.*$/gm, "")
        .trim(),
    );
    const ids = (await db.participation.findMany({ where: { roundId } })).map((row) => row.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(cuids).not.toContain(id);
      expect(id).toMatch(/^[0-9a-f]{32,40}$/);
    }
    expect(new Set(ids).size).toBe(2);
  });

  it("checks exactly 20 wrong codes from one address at once, and never refuses right codes while there is room", async () => {
    const { roundId } = await makeRound([10_000]);
    expect(await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS)).toMatchObject({ ok: true });
    const wrong = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        checkVoterCredential(db, roundId, { kind: "code", code: `WRNG-${String(index).padStart(4, "0")}-XXXX` }, "10.8.0.1"),
      ),
    );
    expect(wrong.filter((answer) => !answer.ok && answer.status === 400 && answer.formError === "voting:errors.codeUnknown")).toHaveLength(20);
    expect(wrong.filter((answer) => !answer.ok && answer.status === 429 && answer.retryAfterSeconds! > 0)).toHaveLength(80);

    // Another address already has 19 failures; 30 residents with right codes come through it at once.
    for (let attempt = 0; attempt < 19; attempt++) await checkVoterCredential(db, roundId, { kind: "code", code: "WRNG-0000-XXXX" }, "10.8.0.2");
    const codes = await codesFor(roundId, 30);
    const right = await Promise.all(codes.map((code) => checkVoterCredential(db, roundId, { kind: "code", code }, "10.8.0.2")));
    expect(right.filter((answer) => answer.ok)).toHaveLength(30);
    // Right codes leave no row keyed by a fresh address.
    await checkVoterCredential(db, roundId, { kind: "code", code: codes[0]! }, "10.8.0.3");
    expect(await db.rateLimit.findUnique({ where: { key: "voting-code:address:10.8.0.3" } })).toBeNull();
  });

  // PostgreSQL only (registered for it alone, so that SQLite's run skips nothing): docs/decisions/0044.
  if (provider === "postgresql")
    it("checks a code in two round trips to the database and casts a ballot in two", async () => {
      const { roundId, ids } = await makeRound([10_000, 20_000]);
      await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
      const [code, other] = await codesFor(roundId, 2);
      await checkVoterCredential(db, roundId, { kind: "code", code: other! }, "10.8.1.1"); // statements prepared on a pooled connection
      await castBallot(db, roundId, { kind: "code", code: other! }, new Map([[ids[1]!, 1]]), "ONLINE", undefined, "10.8.1.1");
      expect(await writesToPostgres(database.url, () => checkVoterCredential(db, roundId, { kind: "code", code: code! }, "10.8.1.1"))).toBe(2);
      let cast: Awaited<ReturnType<typeof castBallot>> | undefined;
      const writes = await writesToPostgres(database.url, async () => {
        cast = await castBallot(db, roundId, { kind: "code", code: code! }, new Map([[ids[0]!, 1]]), "ONLINE", undefined, "10.8.1.1");
      });
      expect(cast).toMatchObject({ ok: true });
      expect(writes).toBe(2);
      expect(await db.ballotChoice.count({ where: { ballot: { roundId } } })).toBe(2);
    });

  it("counts wrong codes cast straight away against the address's limit, and casts nothing from a limited address", async () => {
    const { roundId, ids } = await makeRound([10_000]);
    await saveVotingSettings(db, staff.id, roundId, settings());
    const [right, later] = await codesFor(roundId, 2);
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    const choice = new Map([[ids[0]!, 1]]);
    // A cast skipping the code step, with guessed codes: 30 at once from one address.
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        castBallot(db, roundId, { kind: "code", code: `WRNG-${String(index).padStart(4, "0")}-XXXX` }, choice, "ONLINE", undefined, "10.9.0.1"),
      ),
    );
    expect(guesses.filter((answer) => !answer.ok && answer.status === 400 && answer.formError === "voting:errors.codeUnknown")).toHaveLength(20);
    expect(guesses.filter((answer) => !answer.ok && answer.status === 429)).toHaveLength(10);
    // The code step's check shares the count, and a right code is not cast while the address is limited.
    expect(await checkVoterCredential(db, roundId, { kind: "code", code: right! }, "10.9.0.1")).toMatchObject({ ok: false, status: 429 });
    expect(await castBallot(db, roundId, { kind: "code", code: right! }, choice, "ONLINE", undefined, "10.9.0.1")).toMatchObject({
      ok: false,
      status: 429,
      voter: true,
    });
    expect(await db.ballot.count({ where: { roundId } })).toBe(0);
    // From another address the right code votes, and leaves no row keyed by that address.
    expect(await castBallot(db, roundId, { kind: "code", code: right! }, choice, "ONLINE", undefined, "10.9.0.2")).toMatchObject({ ok: true });
    expect(await db.rateLimit.findUnique({ where: { key: "voting-code:address:10.9.0.2" } })).toBeNull();
    // A used code is refused as the voter's problem (the page answers it at the code step), and not counted as a guess.
    expect(await castBallot(db, roundId, { kind: "code", code: right! }, choice, "ONLINE", undefined, "10.9.0.3")).toMatchObject({
      ok: false,
      status: 409,
      formError: "voting:errors.alreadyVoted",
      voter: true,
    });
    expect(await db.rateLimit.findUnique({ where: { key: "voting-code:address:10.9.0.3" } })).toBeNull();
    expect(await castBallot(db, roundId, { kind: "code", code: later! }, choice, "ONLINE", undefined, "10.9.0.3")).toMatchObject({ ok: true });
    expect(await db.ballot.count({ where: { roundId } })).toBe(2);
  });

  it("lets verified and self-declared residents vote once with their account", async () => {
    const { roundId, ids } = await makeRound([5000]);
    await saveVotingSettings(db, staff.id, roundId, settings({ eligibility: "ACCOUNTS", selfDeclaredVoters: true, minimumAge: "16" }));
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    expect(await castBallot(db, roundId, { kind: "account", user: resident }, new Map([[ids[0], 1]]))).toMatchObject({
      ok: false,
      formError: "voting:errors.notEligible",
    });
    const thisYear = new Date().getUTCFullYear();
    expect(await declareVoter(db, resident, roundId, thisYear - 12)).toMatchObject({
      ok: false,
      status: 400,
      errors: { birthYear: "voting:validation.tooYoung" },
    });
    expect(await declareVoter(db, resident, roundId, thisYear - 30)).toEqual({ ok: true });
    expect(await castBallot(db, roundId, { kind: "account", user: resident }, new Map([[ids[0], 1]]))).toMatchObject({ ok: true });
    expect(await castBallot(db, roundId, { kind: "account", user: resident }, new Map())).toMatchObject({ ok: false, formError: "voting:errors.alreadyVoted" });
    expect(await castBallot(db, roundId, { kind: "code", code: formatCode("ABCDEFGHJKMN") }, new Map())).toMatchObject({
      ok: false,
      formError: "voting:errors.codesNotUsed",
    });
    expect(await verifyVoter(db, staff.id, roundId, staff.email)).toEqual({ ok: true });
    expect(await castBallot(db, roundId, { kind: "account", user: staff }, new Map())).toMatchObject({ ok: true });
  });

  it("closes the vote after the ballots being cast, and takes none once it is closed", async () => {
    const { roundId, ids } = await makeRound([10_000]);
    await saveVotingSettings(db, staff.id, roundId, settings());
    const codes = await codesFor(roundId, 120);
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    const choice = new Map([[ids[0]!, 1]]);
    const casts = codes.slice(0, 100).map((code) => castBallot(db, roundId, { kind: "code", code }, choice));
    expect(await advancePhase(db, staff.id, roundId, "VOTING", "TALLY", PHASE_HOOKS, { closeEarly: true })).toMatchObject({ ok: true });
    const storedWhenClosed = await db.ballot.count({ where: { roundId } });
    const results = await Promise.all(casts);
    const accepted = results.filter((result) => result.ok).length;
    // Every ballot accepted was stored before the phase moved; every other one was refused as closed.
    expect(storedWhenClosed).toBe(accepted);
    expect(await db.ballot.count({ where: { roundId } })).toBe(accepted);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.formError)).toEqual(
      Array.from({ length: 100 - accepted }, () => "voting:errors.closed"),
    );
    const late = await Promise.all(codes.slice(100).map((code) => castBallot(db, roundId, { kind: "code", code }, choice)));
    expect(late.every((result) => !result.ok && result.formError === "voting:errors.closed")).toBe(true);
  }, 60_000);

  // PostgreSQL runs transactions side by side: a cast in flight must hold back a phase move. (SQLite runs one
  // writing transaction at a time, so there is nothing to hold back.)
  if (provider === "postgresql") {
    it("holds a phase move back while a ballot is being cast, and the ballot is kept", async () => {
      const { roundId, ids } = await makeRound([10_000]);
      await saveVotingSettings(db, staff.id, roundId, settings());
      const [code] = await codesFor(roundId, 1);
      await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
      const codeId = (await db.votingCode.findUniqueOrThrow({ where: { codeHash: hashCode(code!) } })).id;
      // Another connection holds an uncommitted participation of this code: the cast, past its reading of the
      // round and its checks, waits at its own participation insert.
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      try {
        await blocker.query("BEGIN");
        await blocker.query(`INSERT INTO "Participation" ("id", "roundId", "codeId") VALUES ('blocker', $1, $2)`, [roundId, codeId]);
        const cast = castBallot(db, roundId, { kind: "code", code: code! }, new Map([[ids[0]!, 1]]));
        await sleep(300);
        let moved = false;
        const closing = advancePhase(db, staff.id, roundId, "VOTING", "TALLY", PHASE_HOOKS, { closeEarly: true }).finally(() => (moved = true));
        await sleep(300);
        expect(moved).toBe(false);
        await blocker.query("ROLLBACK");
        expect(await cast).toMatchObject({ ok: true });
        expect(await closing).toMatchObject({ ok: true });
        expect(await db.ballot.count({ where: { roundId } })).toBe(1);
      } finally {
        await blocker.end();
      }
    });
  }

  it("never lets a code vote and be replaced at the same time", async () => {
    const { roundId, ids } = await makeRound([1000]);
    await saveVotingSettings(db, staff.id, roundId, settings());
    const codes = await codesFor(roundId, 40);
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    // A round's serials start at 1, in the order the codes were made.
    const outcomes = await Promise.all(
      codes.map(async (code, index) => {
        const [cast, replaced] = await Promise.all([
          castBallot(db, roundId, { kind: "code", code }, new Map([[ids[0]!, 1]])),
          replaceCode(db, staff.id, roundId, index + 1),
        ]);
        return cast.ok && replaced.ok;
      }),
    );
    // Either the ballot was cast (and the code could not be replaced) or the code was replaced first.
    expect(outcomes.filter(Boolean)).toEqual([]);
  }, 60_000);

  it("stores exactly one ballot per code when 500 ballots arrive at once, some with the same code", async () => {
    const { roundId, ids } = await makeRound([10_000, 10_000, 10_000, 10_000]);
    await saveVotingSettings(db, staff.id, roundId, settings());
    const codes = await codesFor(roundId, 400);
    await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", PHASE_HOOKS);
    // 400 codes; the first 100 are submitted twice at the same moment, with different choices.
    const attempts = [...codes, ...codes.slice(0, 100)].map((code, index) => ({ code, project: ids[index % ids.length] }));
    const results = await Promise.all(attempts.map(({ code, project }) => castBallot(db, roundId, { kind: "code", code }, new Map([[project, 1]]))));
    const accepted = results.filter((result) => result.ok).length;
    const duplicates = results.filter((result) => !result.ok && result.formError === "voting:errors.alreadyVoted").length;
    expect({ accepted, duplicates }).toEqual({ accepted: 400, duplicates: 100 });
    expect(await db.ballot.count({ where: { roundId } })).toBe(400);
    expect(await db.participation.count({ where: { roundId } })).toBe(400);
    // Every accepted ballot's single choice is stored: the counts per project add up exactly.
    const perProject = await db.ballotChoice.groupBy({ by: ["proposalId"], where: { ballot: { roundId } }, _count: { _all: true } });
    expect(perProject.reduce((sum, row) => sum + row._count._all, 0)).toBe(400);
    const receipts = new Set(results.flatMap((result) => (result.ok ? [result.receipt] : [])));
    expect(receipts.size).toBe(400);
  }, 120_000);
});
