// The kill test: a burst of voters casting ballots through the built server, the server killed with
// SIGKILL in the middle of it and started again on the same database. A ballot is kept or not,
// never half and never twice: ballots = participations, every receipt a voter saw is counted, a
// code whose vote was not stored still votes, a code whose vote was stored (even when its answer was
// lost to the kill) is refused as already used, and the database is consistent.
// See docs/decisions/0010-ballot-secrecy.md.
import Database from "better-sqlite3";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { hashCode, hashReceipt } from "~/voting/codes";
import { generateCodes, takeBatchCodes } from "~/voting/voting.server";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, type TestServer } from "../../support/server";
import { testProviders, type TestProvider } from "../../support/databases";

/** Voters in the burst, all at once, each with its own code and address. */
const VOTERS = 200;
/**
 * The server is killed when this many voters have read their receipt. Answers the server had already
 * sent still arrive after the kill (the test reads them later), so this is well below VOTERS.
 */
const KILL_AFTER_RECEIPTS = 80;
/** Receipts also checked on the public receipt page (all of them are checked in the database). */
const RECEIPTS_CHECKED_PUBLICLY = 20;
/** Voters who had their receipt and try their code again (every voter who lost the answer does). */
const REFUSALS_CHECKED_FOR_RECEIPT_HOLDERS = 20;
/**
 * A voter looks at the review page before casting: up to this long, spread evenly over the voters.
 * So the casts come while others are still being answered, and the kill finds ballots in every
 * state — answered, stored but not yet answered, and not yet stored.
 */
const MAX_THINKING_MS = 2_000;
/** No request waits longer than this (a request the kill cut off fails at once; this is the bound). */
const REQUEST_TIMEOUT_MS = 20_000;
/** Requests at once after the restart (the checks and the second attempts). */
const AFTER_RESTART_CONCURRENCY = 32;

type Answer = { status: number; html: string; receipt?: string };

/** An answer the kill cut off: the request failed, or its answer broke off half-way. */
class Cut extends Error {}

/** Posts a form the way a browser without JavaScript does, from `address` (X-Forwarded-For). */
async function post(baseUrl: string, pathname: string, fields: Record<string, string>, address: string): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}${pathname}`, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: baseUrl,
        "X-Forwarded-For": address,
        "Accept-Language": "nl",
        // Uncompressed, as before compression: 200 voters' Brotli pages decoded in this one process made
        // the test's reading fall behind the server, so every answer could be out before the kill (seen in CI).
        "Accept-Encoding": "identity",
      },
    });
    // A cast redirects to the ballot page (Post/Redirect/Get) with the receipt in a cookie: it is the
    // voter's once the redirect has arrived.
    const receipt = response.headers
      .getSetCookie()
      .map((cookie) => /^wb_receipt=[^.;]+\.([A-Z0-9]+);/.exec(cookie)?.[1])
      .find(Boolean);
    return { status: response.status, html: await shownHtml(response), receipt };
  } catch (error) {
    throw new Cut(String((error as Error).cause ?? error));
  }
}

async function get(baseUrl: string, pathname: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}${pathname}`, { redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, html: await shownHtml(response) };
}

/** Runs `work` on each item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Every non-empty choice of the four Rabot projects (€12,000, €9,000, €7,500, €4,000) within €25,000. */
function ballotsWithinBudget(costs: readonly number[], budget: number): number[][] {
  const ballots: number[][] = [];
  for (let mask = 1; mask < 1 << costs.length; mask++) {
    const picked = costs.map((_, index) => index).filter((index) => mask & (1 << index));
    if (picked.reduce((sum, index) => sum + costs[index]!, 0) <= budget) ballots.push(picked);
  }
  return ballots;
}

/** Checks that hold in any consistent database, as SQL both SQLite and PostgreSQL run. Each counts violations. */
const consistencyQueries = (roundId: string): Record<string, string> => ({
  participationWithoutItsCode: `SELECT COUNT(*) AS n FROM "Participation" p LEFT JOIN "VotingCode" c ON c."id" = p."codeId" WHERE p."codeId" IS NOT NULL AND c."id" IS NULL`,
  participationWithAnotherRoundsCode: `SELECT COUNT(*) AS n FROM "Participation" p JOIN "VotingCode" c ON c."id" = p."codeId" WHERE c."roundId" <> p."roundId"`,
  participationWithVoidedCode: `SELECT COUNT(*) AS n FROM "Participation" p JOIN "VotingCode" c ON c."id" = p."codeId" WHERE c."voidedAt" IS NOT NULL`,
  choiceWithoutBallot: `SELECT COUNT(*) AS n FROM "BallotChoice" bc LEFT JOIN "Ballot" b ON b."id" = bc."ballotId" WHERE b."id" IS NULL`,
  choiceOfAnotherRound: `SELECT COUNT(*) AS n FROM "BallotChoice" bc JOIN "Ballot" b ON b."id" = bc."ballotId" LEFT JOIN "Proposal" p ON p."id" = bc."proposalId" WHERE p."id" IS NULL OR p."roundId" <> b."roundId"`,
  ballotWithoutChoices: `SELECT COUNT(*) AS n FROM "Ballot" b WHERE b."roundId" = '${roundId}' AND NOT EXISTS (SELECT 1 FROM "BallotChoice" bc WHERE bc."ballotId" = b."id")`,
  ballotOverBudget: `SELECT COUNT(*) AS n FROM (SELECT b."id" FROM "Ballot" b JOIN "BallotChoice" bc ON bc."ballotId" = b."id" JOIN "Proposal" p ON p."id" = bc."proposalId" JOIN "BudgetRound" r ON r."id" = b."roundId" WHERE b."roundId" = '${roundId}' GROUP BY b."id", r."budgetCents" HAVING SUM(COALESCE(p."cityCostCents", p."requestedCents")) > r."budgetCents") over`,
  ballotsOtherThanParticipations: `SELECT ABS((SELECT COUNT(*) FROM "Ballot" WHERE "roundId" = '${roundId}') - (SELECT COUNT(*) FROM "Participation" WHERE "roundId" = '${roundId}')) AS n`,
});

async function checkPostgres(url: string, roundId: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(consistencyQueries(roundId))) found[name] = Number((await client.query(sql)).rows[0].n);
    // No index left half-built or invalid.
    found.invalidIndexes = Number((await client.query(`SELECT COUNT(*) AS n FROM pg_index WHERE NOT indisvalid OR NOT indisready`)).rows[0].n);
    return found;
  } finally {
    await client.end();
  }
}

/** PRAGMA integrity_check and foreign_key_check on the file, opened read-only, plus the queries. */
function checkSqlite(url: string, roundId: string): { integrity: string[]; foreignKeys: unknown[]; found: Record<string, number> } {
  const file = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    const integrity = (file.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    const foreignKeys = file.pragma("foreign_key_check") as unknown[];
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(consistencyQueries(roundId))) found[name] = Number((file.prepare(sql).get() as { n: number }).n);
    return { integrity, foreignKeys, found };
  } finally {
    file.close();
  }
}

async function checkDatabase(provider: TestProvider, url: string, roundId: string) {
  const noViolations = Object.fromEntries(Object.keys(consistencyQueries(roundId)).map((name) => [name, 0]));
  if (provider === "postgresql") {
    expect(await checkPostgres(url, roundId)).toEqual({ ...noViolations, invalidIndexes: 0 });
  } else {
    expect(checkSqlite(url, roundId)).toEqual({ integrity: ["ok"], foreignKeys: [], found: noViolations });
  }
}

describe.each(testProviders())("killing the server in a burst of ballots on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let projectIds: string[];
  let voters: { code: string; address: string; choices: Record<string, string>; picked: string }[];
  let setUpMs: number;

  beforeAll(async () => {
    const setUpStarted = Date.now();
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING", eligibility: "CODES" } });
    roundId = round.id;
    const projects = await db.proposal.findMany({ where: { roundId, status: "ON_BALLOT" }, orderBy: { number: "asc" } });
    projectIds = projects.map((project) => project.id);
    // Codes the way staff issue them: a batch generated, its CSV taken once.
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const generated = await generateCodes(db, staff.id, roundId, VOTERS);
    if (!generated.ok) throw new Error(`No codes: ${generated.formError}`);
    const codes = await takeBatchCodes(db, staff.id, roundId, generated.batchId, "csv");
    if (codes?.length !== VOTERS) throw new Error("The batch's codes could not be taken");
    const possible = ballotsWithinBudget(
      projects.map((project) => project.cityCostCents ?? project.requestedCents),
      round.budgetCents,
    );
    voters = codes.map(({ code }, index) => {
      const picked = possible[index % possible.length]!.map((project) => projectIds[project]!);
      return {
        code,
        // Each voter from its own address, so the per-address limit on wrong codes never meets two voters.
        address: `10.77.${Math.floor(index / 200)}.${1 + (index % 200)}`,
        choices: Object.fromEntries(picked.map((id) => [`choice.${id}`, "on"])),
        picked: [...picked].sort().join(","),
      };
    });
    expect(new Set(voters.map((voter) => voter.address)).size).toBe(VOTERS);
    setUpMs = Date.now() - setUpStarted;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it(`keeps every ballot whole or not at all when killed mid-burst (${VOTERS} voters)`, async () => {
    const started = Date.now();
    const alreadyVoted = asHtml(translation("nl", "voting:errors.alreadyVoted"));
    const counted = asHtml(translation("nl", "voting:receipt.counted"));
    expect(await db.participation.count({ where: { roundId } })).toBe(0);
    expect(await db.ballot.count({ where: { roundId } })).toBe(0);
    const vote = `/vote/${roundId}`;

    // The burst: every voter at once, code → review → (a moment's thought) → cast; the K-th receipt
    // read triggers SIGKILL.
    const receipts = new Map<number, string>();
    const cutAt = new Map<number, "code" | "review" | "cast">();
    const unexpected: string[] = [];
    let killed: Promise<void> | null = null;
    let answersAfterKill = 0;
    await Promise.all(
      voters.map(async (voter, index) => {
        let step: "code" | "review" | "cast" = "code";
        try {
          const opened = await post(server.baseUrl, vote, { step: "code", code: voter.code }, voter.address);
          if (opened.status !== 200) return void unexpected.push(`${index} code: ${opened.status}`);
          step = "review";
          const review = await post(server.baseUrl, vote, { step: "review", code: voter.code, ...voter.choices }, voter.address);
          if (review.status !== 200) return void unexpected.push(`${index} review: ${review.status}`);
          await sleep(((index * 7_919) % VOTERS) * (MAX_THINKING_MS / VOTERS));
          if (killed) throw new Cut("the server was killed while the voter was thinking");
          step = "cast";
          const cast = await post(server.baseUrl, vote, { step: "cast", code: voter.code, ...voter.choices }, voter.address);
          const receipt = cast.receipt;
          if (cast.status !== 303 || !receipt) return void unexpected.push(`${index} cast: ${cast.status}`);
          // An answer that was on its way when the kill came still reached the voter: it counts.
          if (killed) answersAfterKill++;
          receipts.set(index, receipt);
          if (receipts.size === KILL_AFTER_RECEIPTS) killed = server.kill("SIGKILL");
        } catch (error) {
          if (!(error instanceof Cut)) throw error;
          cutAt.set(index, step);
        }
      }),
    );
    const burstMs = Date.now() - started;
    expect(unexpected).toEqual([]);
    expect(killed, "the burst ended before the kill").not.toBeNull();
    await killed;
    // Some, but not all, voters had their answer.
    expect(receipts.size).toBeGreaterThanOrEqual(KILL_AFTER_RECEIPTS);
    expect(receipts.size).toBeLessThan(VOTERS);
    expect(receipts.size + cutAt.size).toBe(VOTERS);

    // The file as the crash left it is already sound (SQLite: the server process is the database engine).
    if (provider === "sqlite") await checkDatabase(provider, server.databaseUrl, roundId);

    // Nothing else may hold the SQLite file open while the server starts: its migration step takes
    // the database in exclusive locking mode and gives up after 5 s otherwise.
    await db.$disconnect();
    await server.restart();
    db = createPrismaClient(server.databaseUrl);
    const restartedAt = Date.now();

    // Ballots and participations: one each per stored vote, whatever the kill cut.
    const participations = await db.participation.count({ where: { roundId } });
    expect(await db.ballot.count({ where: { roundId } })).toBe(participations);
    const used = new Set(
      (await db.votingCode.findMany({ where: { roundId, participation: { isNot: null } }, select: { codeHash: true } })).map((row) => row.codeHash),
    );
    expect(used.size).toBe(participations);
    const hasVoted = (index: number) => used.has(hashCode(voters[index]!.code));
    // Every voter who saw a receipt voted, and that receipt is counted (in the database, and on the
    // public receipt page for some).
    for (const index of receipts.keys()) expect(hasVoted(index), `voter ${index} has a receipt`).toBe(true);
    const receiptHashes = [...receipts.values()].map(hashReceipt);
    expect(await db.ballot.count({ where: { roundId, receiptHash: { in: receiptHashes } } })).toBe(receipts.size);
    const statuses: number[] = [];
    await eachLimited([...receipts.values()].slice(0, RECEIPTS_CHECKED_PUBLICLY), AFTER_RESTART_CONCURRENCY, async (receipt) => {
      const check = await get(server.baseUrl, `/receipts?receipt=${encodeURIComponent(receipt)}`);
      statuses.push(check.status);
      expect(check.html, `receipt ${receipt}`).toContain(counted);
    });
    // Voters the kill cut off: the vote was stored (only the answer was lost) or it was not.
    const lost = [...cutAt.keys()].filter(hasVoted);
    const notStored = [...cutAt.keys()].filter((index) => !hasVoted(index));
    expect(participations).toBe(receipts.size + lost.length);

    // A code that voted is refused as used: for every voter whose answer was lost, at the first step
    // and on casting again (what a reload sends); for some who had their receipt, at the first step.
    const refusals = [
      ...lost.map((index) => ({ index, recast: true })),
      ...[...receipts.keys()].slice(0, REFUSALS_CHECKED_FOR_RECEIPT_HOLDERS).map((index) => ({ index, recast: false })),
    ];
    await eachLimited(refusals, AFTER_RESTART_CONCURRENCY, async ({ index, recast }) => {
      const voter = voters[index]!;
      const steps = recast ? [{ step: "code" }, { step: "cast", ...voter.choices }] : [{ step: "code" }];
      for (const fields of steps) {
        const again = await post(server.baseUrl, vote, { code: voter.code, ...fields }, voter.address);
        statuses.push(again.status);
        expect(again.status, `voter ${index} ${fields.step}`).toBe(409);
        expect(again.html).toContain(alreadyVoted);
      }
    });
    // A code whose vote was not stored votes now: a voter cut off at the cast step casts again (what
    // a reload sends), one cut off earlier enters the code again and casts.
    const newReceipts: string[] = [];
    await eachLimited(notStored, AFTER_RESTART_CONCURRENCY, async (index) => {
      const voter = voters[index]!;
      if (cutAt.get(index) !== "cast") {
        const opened = await post(server.baseUrl, vote, { step: "code", code: voter.code }, voter.address);
        statuses.push(opened.status);
        expect(opened.status, `voter ${index} code`).toBe(200);
      }
      const cast = await post(server.baseUrl, vote, { step: "cast", code: voter.code, ...voter.choices }, voter.address);
      statuses.push(cast.status);
      expect(cast.status, `voter ${index} cast`).toBe(303);
      const receipt = cast.receipt;
      expect(receipt, `voter ${index} receipt`).toBeTruthy();
      newReceipts.push(receipt!);
    });
    expect(await db.ballot.count({ where: { roundId, receiptHash: { in: newReceipts.map(hashReceipt) } } })).toBe(notStored.length);
    await eachLimited(newReceipts.slice(0, RECEIPTS_CHECKED_PUBLICLY), AFTER_RESTART_CONCURRENCY, async (receipt) => {
      const check = await get(server.baseUrl, `/receipts?receipt=${encodeURIComponent(receipt)}`);
      statuses.push(check.status);
      expect(check.html, `receipt ${receipt}`).toContain(counted);
    });
    expect(statuses.filter((status) => status >= 500)).toEqual([]);

    // Now every code has voted exactly once, and the ballots hold exactly the choices the voters made:
    // the same multiset of choice sets, so no ballot is half stored and none is stored twice.
    expect(await db.participation.count({ where: { roundId } })).toBe(VOTERS);
    const ballots = await db.ballot.findMany({ where: { roundId }, include: { choices: true } });
    expect(ballots).toHaveLength(VOTERS);
    const stored = ballots
      .map((ballot) =>
        ballot.choices
          .map((choice) => choice.proposalId)
          .sort()
          .join(","),
      )
      .sort();
    expect(stored).toEqual(voters.map((voter) => voter.picked).sort());
    expect(server.log()).not.toMatch(/error/i);

    // A clean stop, then the database as it is left.
    await server.kill("SIGTERM");
    await checkDatabase(provider, server.databaseUrl, roundId);

    const totalMs = Date.now() - started;
    console.log(
      `kill test on ${provider}: ${VOTERS} voters; killed after ${KILL_AFTER_RECEIPTS} receipts (burst ${burstMs} ms); ` +
        `${receipts.size} receipts read (${answersAfterKill} of them, already sent, read after the kill signal), ` +
        `${participations} ballots stored at the restart, ${lost.length} answers lost (voted, no receipt), ` +
        `${notStored.length} cut off before their vote was stored (${notStored.filter((index) => cutAt.get(index) === "cast").length} of them at the cast step), who voted after the restart; ` +
        `after the restart ${Date.now() - restartedAt} ms; test ${totalMs} ms (+ ${setUpMs} ms to start the server and issue the codes)`,
    );
    expect(totalMs).toBeLessThan(60_000);
  }, 60_000);
});
