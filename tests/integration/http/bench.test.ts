// `npm run bench` in miniature, so that it cannot rot unnoticed: its setup (Praga-Południe imported and
// published, codes issued for the round in VOTING) and each kind of load it sends, for a second or a
// handful of votes, against the built server; and its check that no ballot was lost, which must be able
// to say so.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { checkCredential } from "~/voting/voting.server";
import { castPosts, completeVotes, completeVotesWithJavaScript, pageThroughput, sideBySide, VOTERS, type Answers } from "../../../scripts/bench/load";
import { benchPages, lostBallots, PRAGA_FILE, pragaPath, prepareBench, voteCounts, type BenchData } from "../../../scripts/bench/setup";
import { pragaCommandTimings } from "../../../scripts/bench/pabulib-cli";
import { firstLoadJs, wireBytes } from "../../../scripts/bench/wire";
import { testProviders } from "../../support/databases";
import { startTestServer, type TestServer } from "../../support/server";

const available = existsSync(pragaPath());
if (!available && process.env.CI !== "true") console.warn(`\n!!! SKIPPING the bench's test: no ${pragaPath()} (set PABULIB_DIR) !!!\n`);

describe.skipIf(!available && process.env.CI !== "true").each(testProviders())("the bench on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let data: BenchData;
  const CODES = 5 * VOTERS;

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    data = await prepareBench(db, { codes: CODES });
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("imports Praga-Południe's 134 projects into a published round, and issues working codes for a round in VOTING", async () => {
    const praga = await db.budgetRound.findUniqueOrThrow({ where: { id: data.pragaRoundId }, include: { proposals: true } });
    expect(praga).toMatchObject({ phase: "PUBLISHED", importedFrom: PRAGA_FILE });
    expect(praga.proposals).toHaveLength(134);
    expect(new Set(praga.proposals.map((proposal) => proposal.status))).toEqual(new Set(["FUNDED", "NOT_FUNDED"]));
    expect(praga.proposals.map((proposal) => proposal.id)).toContain(data.pragaProposalId);

    const voting = await db.budgetRound.findUniqueOrThrow({ where: { id: data.votingRoundId } });
    expect(voting).toMatchObject({ phase: "VOTING", eligibility: "CODES", importedFrom: null });
    expect(data.codes).toHaveLength(CODES);
    expect(new Set(data.codes).size).toBe(CODES);
    expect(await checkCredential(db, data.votingRoundId, { kind: "code", code: data.codes[0] })).toMatchObject({ ok: true });
    expect(data.ballot.length).toBeGreaterThan(0);
  });

  it("measures its pages, the proposal list's bytes and first-load JavaScript", async () => {
    const [here, again] = await sideBySide([server.baseUrl, server.baseUrl], "/healthz", { seconds: 1, warmUpSeconds: 0 });
    expect(here).toBeGreaterThan(0);
    expect(again).toBeGreaterThan(0);
    for (const { pathname } of benchPages(data)) expect((await fetch(`${server.baseUrl}${pathname}`)).status, pathname).toBe(200);
    const list = `/rounds/${data.pragaRoundId}/proposals`;
    expect((await pageThroughput(server.baseUrl, list, { seconds: 1, warmUpSeconds: 1 })).perSecond).toBeGreaterThan(0);
    // Signed in, the list is rendered for every request (tens of milliseconds each, more while the
    // rest of the suite runs): long enough for 20 connections to get answers.
    const signedIn = await fetch(`${server.baseUrl}${list}`, { headers: { cookie: data.residentCookie } });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(await signedIn.text()).toContain('action="/logout"');
    expect((await pageThroughput(server.baseUrl, list, { seconds: 3, warmUpSeconds: 0, cookie: data.residentCookie })).perSecond).toBeGreaterThan(0);
    await expect(pageThroughput(server.baseUrl, "/rounds/no-such-round/proposals", { seconds: 1, warmUpSeconds: 0 })).rejects.toThrow(/404/);

    const sent = await wireBytes(server.baseUrl, list, "identity");
    expect(sent).toMatchObject({ status: 200, encoding: "identity" });
    expect(sent.bytes).toBeGreaterThan(10_000);
    const js = await firstLoadJs(process.cwd(), "routes/rounds.$roundId_.proposals");
    expect(js.files).toBeGreaterThan(2);
    expect(js.gzipBytes).toBeGreaterThan(0);
    expect(js.gzipBytes).toBeLessThan(js.bytes);
  });

  it("casts ballots as 50 voters, whole votes down to the receipt page with and without JavaScript, and finds every one stored", async () => {
    const before = await voteCounts(db, data.votingRoundId);
    const answers: Answers = { receipts: [], failures: [] };
    const ballots = { roundId: data.votingRoundId, ballot: data.ballot, codes: [...data.codes] };
    expect((await castPosts(server.baseUrl, ballots, VOTERS, answers)).perSecond).toBeGreaterThan(0);
    expect(await completeVotes(server.baseUrl, ballots, VOTERS, answers)).toBeGreaterThan(0);
    expect(await completeVotesWithJavaScript(server.baseUrl, ballots, VOTERS, answers)).toBeGreaterThan(0);
    expect(answers.failures).toEqual([]);
    expect(answers.receipts).toHaveLength(3 * VOTERS);
    expect(await lostBallots(db, data.votingRoundId, before, answers.receipts)).toEqual([]);

    // A used code is refused, and a receipt nobody was given (or one missing) is noticed.
    const refusedAnswers: Answers = { receipts: [], failures: [] };
    await castPosts(server.baseUrl, { ...ballots, codes: Array(VOTERS).fill(data.codes.at(-1)) }, VOTERS, refusedAnswers);
    expect(refusedAnswers.failures).toEqual(Array(VOTERS).fill("cast: 409"));
    expect(await lostBallots(db, data.votingRoundId, before, [...answers.receipts, "AAAA-BBBB-CC"])).toEqual([
      `${3 * VOTERS} ballots stored, ${3 * VOTERS + 1} casts answered with a receipt`,
      "receipts without a ballot: 1",
    ]);
    expect(await lostBallots(db, data.votingRoundId, before, answers.receipts.slice(1))).toContain(
      `${3 * VOTERS} ballots stored, ${3 * VOTERS - 1} casts answered with a receipt`,
    );
  });
});

describe.skipIf(!available && process.env.CI !== "true")("the bench's Praga-Południe rows", () => {
  it("time the tally command on the file as published and disguised, and find the same projects funded", () => {
    // Equal Shares alone is quick; the bench times the add1 completions the same way.
    const timings = pragaCommandTimings({ rules: ["mes"], runs: 1 });
    expect(timings.map((timing) => timing.label)).toEqual(["Praga-Południe mes", "Praga-Południe disguised mes"]);
    for (const timing of timings) {
      expect(timing.seconds).toBeGreaterThan(0);
      expect(timing.funded).toBe(47);
    }
  }, 120_000);
});
