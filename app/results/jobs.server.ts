// Tally jobs (decision 0028): a round's preview and a recount after a withdrawal are counted by a job, never
// inside a request. A request queues a TallyJob row; any instance's runner (job-runner.server.ts) claims it with
// a conditional update and counts it on a worker thread (runTallyJob); the staff page reads its progress and
// result. A claim is a lease the runner renews while the worker counts: a job whose lease ran out (its instance
// died) is claimed again, at most MAX_TALLY_JOB_ATTEMPTS times in all.
import { isLocale } from "~/i18n/config";
import type { Db, Tx } from "~/db.server";
import type { TallyJob } from "~/generated/sqlite/client";
import { refused, refusedOnRollBack, rollBack, type Refused, type Result } from "~/kernel/result";
import { generateToken } from "~/kernel/tokens";
import { resultsInPreview } from "~/rounds/phases";
import { tallyJobQueued } from "./job-signal.server";
import { parseOutcome, type RoundOutcome } from "./outcome";
import { roundState } from "./round-state.server";
import { computeOutcome, LONG_TRANSACTION, type Withdrawing } from "./tally.server";
import type { TallyProgress } from "./tally";
import { applyWithdrawal } from "./withdraw.server";

export const MAX_TALLY_JOB_ATTEMPTS = 3;

/** How often a recount counts again because the round changed while it counted, before it gives up. */
const RECOUNT_TRIES = 3;

/** A job as the staff page shows it. */
export interface TallyJobView {
  id: string;
  kind: TallyJob["kind"];
  status: TallyJob["status"];
  /** Thousandths done. */
  progress: number;
  outcome: RoundOutcome | null;
  error: { key: string; values: Record<string, string | number> } | null;
  /** RECOUNT: the project being withdrawn and why. */
  withdrawing: Withdrawing | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A job this process holds: `claim` is the token every write of the job's worker must match. */
export interface ClaimedJob {
  id: string;
  claim: string;
}

function parseWithdrawing(input: string): Withdrawing | null {
  if (!input) return null;
  const parsed = JSON.parse(input) as Partial<Withdrawing>;
  if (typeof parsed.proposalId !== "string" || typeof parsed.reason !== "string") return null;
  return { proposalId: parsed.proposalId, reason: parsed.reason, reasonLocale: isLocale(parsed.reasonLocale) ? parsed.reasonLocale : null };
}

function view(row: TallyJob): TallyJobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    outcome: row.status === "DONE" && row.result ? parseOutcome(row.result) : null,
    error: row.error ? (JSON.parse(row.error) as TallyJobView["error"]) : null,
    withdrawing: parseWithdrawing(row.input),
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** The translation key (and values) a failed job shows. */
function errorOf(refusal: Pick<Refused, "formError" | "formErrorValues">): string {
  return JSON.stringify({ key: refusal.formError ?? "results:jobs.errors.failed", values: refusal.formErrorValues ?? {} });
}

async function queuePreview(db: Db, roundId: string, state: string) {
  const queued = await db.tallyJob.create({ data: { roundId, kind: "PREVIEW", roundState: state } });
  tallyJobQueued();
  return queued;
}

/** The latest preview job of the round's present state, queued now when there is none; null for an unknown round. */
async function currentPreview(db: Db, roundId: string) {
  const state = await roundState(db, roundId);
  if (!state) return null;
  const latest = await db.tallyJob.findFirst({ where: { roundId, kind: "PREVIEW", roundState: state }, orderBy: { createdAt: "desc" } });
  return { state, job: latest ?? (await queuePreview(db, roundId, state)) };
}

/**
 * The preview of a round in TALLY: the latest job counting its present state, queued now when there is none
 * (on the first visit, or after the round changed). Null for an unknown round.
 */
export async function previewJob(db: Db, roundId: string): Promise<TallyJobView | null> {
  const current = await currentPreview(db, roundId);
  return current && view(current.job);
}

/** Counts a round's preview again after its job failed (a worker that died repeatedly, say). */
export async function countAgain(db: Db, roundId: string): Promise<Result<{ jobId: string }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (!resultsInPreview(round.phase)) return refused(409, "results:errors.notTally");
  const current = await currentPreview(db, roundId);
  if (!current) return refused(404, "errors:roundUnknown");
  if (current.job.status !== "FAILED") return refused(409, "results:jobs.errors.notFailed");
  const queued = await queuePreview(db, roundId, current.state);
  return { ok: true, jobId: queued.id };
}

/** The round's latest recount unless it finished well (a finished one is the newest published version). */
export async function activeRecount(db: Db, roundId: string): Promise<TallyJobView | null> {
  const latest = await db.tallyJob.findFirst({ where: { roundId, kind: "RECOUNT" }, orderBy: { createdAt: "desc" } });
  return latest && latest.status !== "DONE" ? view(latest) : null;
}

/**
 * Claims the oldest job that is queued, or running under a lease that ran out (its instance died), for
 * `leaseMs`; or, with `jobId`, that job only. The WHERE on the status, holder and attempts makes two
 * instances claiming at once get it once. A job claimed MAX_TALLY_JOB_ATTEMPTS times already fails instead.
 */
export async function claimTallyJob(db: Db, leaseMs: number, options: { jobId?: string; now?: Date } = {}): Promise<ClaimedJob | null> {
  const now = options.now ?? new Date();
  const candidates = await db.tallyJob.findMany({
    where: { ...(options.jobId ? { id: options.jobId } : {}), OR: [{ status: "QUEUED" }, { status: "RUNNING", leaseUntil: { lt: now } }] },
    orderBy: { createdAt: "asc" },
    take: 10,
    select: { id: true, status: true, claimedBy: true, attempts: true },
  });
  for (const job of candidates) {
    const unchanged = { id: job.id, status: job.status, claimedBy: job.claimedBy, attempts: job.attempts };
    if (job.attempts >= MAX_TALLY_JOB_ATTEMPTS) {
      await db.tallyJob.updateMany({
        where: unchanged,
        data: { status: "FAILED", error: errorOf({ formError: "results:jobs.errors.workerDied" }), claimedBy: null, leaseUntil: null, finishedAt: now },
      });
      continue;
    }
    const claim = generateToken();
    const claimed = await db.tallyJob.updateMany({
      where: unchanged,
      data: { status: "RUNNING", claimedBy: claim, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (claimed.count === 1) return { id: job.id, claim };
  }
  return null;
}

/** Renews a claim this process holds (and records progress); false when the job is no longer ours. */
export async function renewClaim(db: Db, job: ClaimedJob, leaseMs: number, progress?: number): Promise<boolean> {
  const renewed = await db.tallyJob.updateMany({
    where: { id: job.id, claimedBy: job.claim, status: "RUNNING" },
    data: { leaseUntil: new Date(Date.now() + leaseMs), ...(progress === undefined ? {} : { progress }) },
  });
  return renewed.count === 1;
}

/**
 * Gives a claimed job back: when this instance stops (the job is queued again, the attempt not counted), or
 * when its worker failed (queued again until the attempts run out, then FAILED).
 */
export async function releaseClaim(db: Db, job: ClaimedJob, reason: "stopping" | "failed"): Promise<void> {
  const row = await db.tallyJob.findFirst({ where: { id: job.id, claimedBy: job.claim, status: "RUNNING" }, select: { attempts: true } });
  if (!row) return;
  const again = reason === "stopping" || row.attempts < MAX_TALLY_JOB_ATTEMPTS;
  await db.tallyJob.updateMany({
    where: { id: job.id, claimedBy: job.claim, status: "RUNNING" },
    data: again
      ? { status: "QUEUED", claimedBy: null, leaseUntil: null, progress: 0, ...(reason === "stopping" ? { attempts: { decrement: 1 } } : {}) }
      : { status: "FAILED", error: errorOf({ formError: "results:jobs.errors.failed" }), claimedBy: null, leaseUntil: null, finishedAt: new Date() },
  });
}

/** Stores what came of a job this process holds; false when the claim was lost (nothing written then). */
async function finish(db: Db | Tx, job: ClaimedJob, result: { outcome: RoundOutcome } | { refusal: Refused }): Promise<boolean> {
  const finished = await db.tallyJob.updateMany({
    where: { id: job.id, claimedBy: job.claim, status: "RUNNING" },
    data:
      "outcome" in result
        ? { status: "DONE", result: JSON.stringify(result.outcome), progress: 1000, leaseUntil: null, finishedAt: new Date() }
        : { status: "FAILED", error: errorOf(result.refusal), leaseUntil: null, finishedAt: new Date() },
  });
  return finished.count === 1;
}

const stale = refused(409, "results:jobs.errors.stale");

/**
 * Counts a claimed job (on a worker thread in the server; in the calling thread in scripts and tests) and
 * stores what came of it. A preview keeps its outcome; it fails as stale when the round changed before or
 * while it counted (the staff page then queues one for the new state). A recount applies the withdrawal and
 * publishes the next version in one transaction, after checking the round is still as counted; if not, it
 * counts again. Nothing is written once the claim is lost (another instance took the job over).
 */
export async function runTallyJob(db: Db, job: ClaimedJob, onProgress?: TallyProgress): Promise<void> {
  const row = await db.tallyJob.findUnique({ where: { id: job.id } });
  if (!row || row.claimedBy !== job.claim || row.status !== "RUNNING") return;
  if (row.kind === "PREVIEW") {
    if ((await roundState(db, row.roundId)) !== row.roundState) return void (await finish(db, job, { refusal: stale }));
    const computed = await computeOutcome(db, row.roundId, { onProgress });
    if (!computed.ok) return void (await finish(db, job, { refusal: computed }));
    if ((await roundState(db, row.roundId)) !== row.roundState) return void (await finish(db, job, { refusal: stale }));
    await finish(db, job, { outcome: computed.outcome });
    return;
  }
  const withdrawing = parseWithdrawing(row.input);
  if (!withdrawing || !row.requestedById) return void (await finish(db, job, { refusal: refused(400, "results:jobs.errors.failed") }));
  for (let tries = 0; tries < RECOUNT_TRIES; tries++) {
    const state = await roundState(db, row.roundId);
    const computed = await computeOutcome(db, row.roundId, { withdrawing, onProgress });
    if (!computed.ok) return void (await finish(db, job, { refusal: computed }));
    const applied = await refusedOnRollBack(() =>
      db.$transaction(async (tx) => {
        if ((await roundState(tx, row.roundId)) !== state) return stale;
        const result = await applyWithdrawal(tx, { actorId: row.requestedById!, roundId: row.roundId, ...withdrawing, outcome: computed.outcome });
        if (!result.ok) rollBack(result);
        // A claim lost meanwhile: the instance that took the job over applies it.
        if (!(await finish(tx, job, { outcome: computed.outcome }))) rollBack(stale);
        return result;
      }, LONG_TRANSACTION),
    );
    if (applied.ok) return;
    if (applied !== stale) return void (await finish(db, job, { refusal: applied }));
  }
  await finish(db, job, { refusal: stale });
}

/** Finished jobs are kept this long: a published version holds what matters, and a preview left longer is counted again. */
const FINISHED_JOBS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes jobs that finished (done or failed) over a week ago; part of the hourly clean-up. */
export async function pruneFinishedJobs(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FINISHED_JOBS_KEPT_MS);
  const { count } = await db.tallyJob.deleteMany({ where: { status: { in: ["DONE", "FAILED"] }, finishedAt: { lte: before } } });
  return count;
}

/** How long runJobHere waits for a job another process claimed first. */
const FOREIGN_JOB_WAIT_MS = 120_000;

/**
 * Claims one job and counts it in this thread: for scripts (the bench's set-up) and tests, never a request.
 * When a server's worker claimed it first, waits until that count has finished (or the wait is over).
 */
export async function runJobHere(db: Db, jobId: string): Promise<TallyJobView> {
  const claimed = await claimTallyJob(db, LONG_TRANSACTION.timeout, { jobId });
  if (claimed) await runTallyJob(db, claimed);
  const deadline = Date.now() + FOREIGN_JOB_WAIT_MS;
  for (;;) {
    const job = view(await db.tallyJob.findUniqueOrThrow({ where: { id: jobId } }));
    if (job.status === "DONE" || job.status === "FAILED" || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
