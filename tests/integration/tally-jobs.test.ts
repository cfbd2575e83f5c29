// Tally jobs on both databases (decision 0028): one preview per round state, claims that two instances cannot
// both win, a dead instance's job taken over after its lease, a lost claim that writes nothing, publishing only
// the count of the round as it still is, and a recount that counts the round as it is when it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { claimTallyJob, countAgain, MAX_TALLY_JOB_ATTEMPTS, previewJob, pruneFinishedJobs, releaseClaim, runJobHere, runTallyJob } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { requestWithdrawal } from "~/results/withdraw.server";
import { moveProposal } from "~/proposals/status.server";
import { aProposal, aRound, aUser, someBallots } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const LEASE_MS = 60_000;

describe.each(testProviders())("tally jobs on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let staffId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    staffId = (await aUser(db, { role: "STAFF" })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  /** €10,000 greedy: 3 × {A}, 2 × {B}: A (6000) and C (3000) funded, B (5000) does not fit after A. */
  async function roundInTally() {
    const roundId = (await aRound(db, { budgetCents: 1_000_000, phase: "TALLY" })).id;
    const a = (await aProposal(db, { round: roundId, author: staffId, status: "ON_BALLOT", requestedCents: 600_000 })).id;
    const b = (await aProposal(db, { round: roundId, author: staffId, status: "ON_BALLOT", requestedCents: 500_000 })).id;
    const c = (await aProposal(db, { round: roundId, author: staffId, status: "ON_BALLOT", requestedCents: 300_000 })).id;
    await someBallots(db, 3, { round: roundId, choices: [a] });
    await someBallots(db, 2, { round: roundId, choices: [b] });
    await someBallots(db, 1, { round: roundId, choices: [c] });
    return { roundId, a, b, c };
  }

  /** Only this test's jobs are claimable: earlier tests' leftovers are finished first. */
  async function clearQueue() {
    await db.tallyJob.updateMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED" } });
  }

  it("queues one preview per round state and counts it once", async () => {
    await clearQueue();
    const { roundId, a, c } = await roundInTally();
    const queued = await previewJob(db, roundId);
    expect(queued).toMatchObject({ kind: "PREVIEW", status: "QUEUED", progress: 0, outcome: null });
    expect((await previewJob(db, roundId))?.id).toBe(queued!.id);
    const done = await runJobHere(db, queued!.id);
    expect(done).toMatchObject({ status: "DONE", progress: 1000 });
    expect(done.outcome?.funded).toEqual([a, c]);
    // Counted already: asking again claims nothing and changes nothing.
    expect(await claimTallyJob(db, LEASE_MS, { jobId: queued!.id })).toBeNull();
    expect((await previewJob(db, roundId))?.id).toBe(queued!.id);
  });

  it("lets exactly one of two simultaneous claimers have a job", async () => {
    await clearQueue();
    const { roundId } = await roundInTally();
    const job = await previewJob(db, roundId);
    const claims = await Promise.all([claimTallyJob(db, LEASE_MS), claimTallyJob(db, LEASE_MS), claimTallyJob(db, LEASE_MS)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)?.id).toBe(job!.id);
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "RUNNING", attempts: 1 });
  });

  it("has runJobHere wait for a job a server's worker claimed first, and hand it back counted", async () => {
    await clearQueue();
    const { roundId } = await roundInTally();
    const job = await previewJob(db, roundId);
    const worker = await claimTallyJob(db, LEASE_MS);
    expect(worker?.id).toBe(job!.id);
    // The worker counts a moment later, while the script already asks for the job.
    const counting = new Promise<void>((resolve) => setTimeout(resolve, 300)).then(() => runTallyJob(db, worker!));
    expect(await runJobHere(db, job!.id)).toMatchObject({ id: job!.id, status: "DONE" });
    await counting;
  });

  it("takes over a job whose instance died once its lease ran out; the dead claim writes nothing", async () => {
    await clearQueue();
    const { roundId } = await roundInTally();
    const job = await previewJob(db, roundId);
    const dead = await claimTallyJob(db, 1000);
    expect(dead?.id).toBe(job!.id);
    // Within the lease nobody else may have it; after it, the next claimer does.
    expect(await claimTallyJob(db, LEASE_MS)).toBeNull();
    const later = new Date(Date.now() + 2000);
    const successor = await claimTallyJob(db, LEASE_MS, { now: later });
    expect(successor?.id).toBe(job!.id);
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "RUNNING", attempts: 2 });

    // The first worker wakes up late: its claim is gone, so it neither counts nor stores anything.
    await runTallyJob(db, dead!);
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "RUNNING", result: "", claimedBy: successor!.claim });
    await runTallyJob(db, successor!);
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "DONE", progress: 1000 });
  });

  it("gives a job back when its instance stops, and fails it after repeated deaths", async () => {
    await clearQueue();
    const { roundId } = await roundInTally();
    const job = await previewJob(db, roundId);
    const stopping = await claimTallyJob(db, LEASE_MS);
    await releaseClaim(db, stopping!, "stopping");
    // Back in the queue at once, and the stop did not count as an attempt.
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "QUEUED", attempts: 0, claimedBy: null });

    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_TALLY_JOB_ATTEMPTS; attempt++) {
      now += 2 * LEASE_MS;
      expect((await claimTallyJob(db, LEASE_MS, { now: new Date(now) }))?.id).toBe(job!.id);
    }
    now += 2 * LEASE_MS;
    expect(await claimTallyJob(db, LEASE_MS, { now: new Date(now) })).toBeNull();
    const failed = await previewJob(db, roundId);
    expect(failed).toMatchObject({ id: job!.id, status: "FAILED", error: { key: "results:jobs.errors.workerDied" } });

    // Staff count it again: a new job for the same state, which counts.
    const again = await countAgain(db, roundId);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.jobId).not.toBe(job!.id);
    expect(await previewJob(db, roundId)).toMatchObject({ id: again.jobId, status: "QUEUED" });
    expect(await countAgain(db, roundId)).toMatchObject({ ok: false, status: 409, formError: "results:jobs.errors.notFailed" });
    expect(await runJobHere(db, again.jobId)).toMatchObject({ status: "DONE" });
    // Only a round in TALLY has a preview to count.
    const voting = (await aRound(db, { phase: "VOTING" })).id;
    expect(await countAgain(db, voting)).toMatchObject({ ok: false, status: 409, formError: "results:errors.notTally" });
    expect(await db.tallyJob.count({ where: { roundId: voting } })).toBe(0);
  });

  it("publishes only a finished count of the round as it still is, else starts a new count", async () => {
    await clearQueue();
    const { roundId, a, b } = await roundInTally();
    const queued = await previewJob(db, roundId);
    expect(await publishResults(db, staffId, roundId, queued!.id)).toMatchObject({ ok: false, status: 409, formError: "results:errors.countNotReady" });
    const counted = await runJobHere(db, queued!.id);

    // A count of another round is not this round's to publish.
    const other = await roundInTally();
    const foreign = await runJobHere(db, (await previewJob(db, other.roundId))!.id);
    expect(await publishResults(db, staffId, roundId, foreign.id)).toMatchObject({ ok: false, status: 404, formError: "results:errors.countUnknown" });

    // A late paper ballot changes the round after the count staff saw: publishing it is refused, a new count starts.
    await someBallots(db, 2, { round: roundId, choices: [b], channel: "PAPER" });
    expect(await publishResults(db, staffId, roundId, counted.id)).toMatchObject({ ok: false, status: 409, formError: "results:errors.countChanged" });
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: roundId } })).phase).toBe("TALLY");
    const recounted = await previewJob(db, roundId);
    expect(recounted).toMatchObject({ status: "QUEUED" });
    expect(recounted!.id).not.toBe(counted.id);

    // 4 × {B} now: B (5000) first, then A (6000) no longer fits; C (3000) does.
    const fresh = await runJobHere(db, recounted!.id);
    expect(fresh.outcome?.funded).toEqual([b, expect.any(String)]);
    expect(fresh.outcome?.funded).not.toContain(a);
    expect(await publishResults(db, staffId, roundId, fresh.id)).toMatchObject({ ok: true, version: 1, outcome: { funded: fresh.outcome!.funded } });
  });

  it("recounts the round as it is when the recount runs, not as it was when asked", async () => {
    await clearQueue();
    const { roundId, a, b, c } = await roundInTally();
    const counted = await runJobHere(db, (await previewJob(db, roundId))!.id);
    expect(await publishResults(db, staffId, roundId, counted.id)).toMatchObject({ ok: true });
    const asked = await requestWithdrawal(db, staffId, roundId, { proposalId: a, reason: "Geen vergunning", reasonLocale: "nl" });
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    // Meanwhile C's realisation starts: the state the request saw is gone, the recount still applies.
    await db.$transaction((tx) => moveProposal(tx, c, { from: "FUNDED", to: "IN_PROGRESS" }));
    expect(await runJobHere(db, asked.jobId)).toMatchObject({ status: "DONE" });
    const statuses = Object.fromEntries((await db.proposal.findMany({ where: { roundId } })).map((row) => [row.id, row.status]));
    // Without A: B (5000) and C (3000) fit.
    expect(statuses).toEqual({ [a]: "WITHDRAWN", [b]: "FUNDED", [c]: "IN_PROGRESS" });
    expect(await db.roundResult.count({ where: { roundId, publishedAt: { not: null } } })).toBe(2);
  });

  it("records why a recount failed and changes nothing", async () => {
    await clearQueue();
    const { roundId, a } = await roundInTally();
    const counted = await runJobHere(db, (await previewJob(db, roundId))!.id);
    expect(await publishResults(db, staffId, roundId, counted.id)).toMatchObject({ ok: true });
    const asked = await requestWithdrawal(db, staffId, roundId, { proposalId: a, reason: "Geen vergunning", reasonLocale: "nl" });
    if (!asked.ok) throw new Error("refused");
    // Before the recount runs, A stops being withdrawable (withdrawn by hand in the database).
    await db.proposal.update({ where: { id: a }, data: { status: "NOT_FUNDED" } });
    expect(await runJobHere(db, asked.jobId)).toMatchObject({ status: "FAILED", error: { key: "results:errors.notFunded" } });
    expect(await db.roundResult.count({ where: { roundId, publishedAt: { not: null } } })).toBe(1);
  });

  it("deletes jobs that finished over a week ago, and nothing that is queued, running or recent", async () => {
    await clearQueue();
    const { roundId } = await roundInTally();
    const done = await runJobHere(db, (await previewJob(db, roundId))!.id);
    const queued = await db.tallyJob.create({ data: { roundId, kind: "PREVIEW", roundState: "another state" } });
    const weekLater = new Date(done.finishedAt!.getTime() + 7 * 24 * 60 * 60 * 1000 + 1000);
    expect(await pruneFinishedJobs(db, new Date(done.finishedAt!.getTime() + 60_000))).toBe(0);
    await pruneFinishedJobs(db, weekLater);
    expect(await db.tallyJob.count({ where: { id: done.id } })).toBe(0);
    expect(await db.tallyJob.count({ where: { id: queued.id } })).toBe(1);
  });
});
