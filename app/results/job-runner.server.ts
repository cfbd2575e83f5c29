// Every server process runs tally jobs (decision 0028), one at a time: it claims the oldest due job (of any
// instance), counts it on a worker thread — a count's seconds of CPU stay off the thread that answers
// requests — renews the claim and records progress while the worker counts, and gives the job back when the
// worker fails or the server stops. A job queued by this process wakes it at once; others are found by polling.
import { Worker } from "node:worker_threads";
import { db, type Db } from "~/db.server";
import { onTallyJobQueued } from "./job-signal.server";
import { claimTallyJob, releaseClaim, renewClaim, runTallyJob, type ClaimedJob } from "./jobs.server";
import type { TallyProgress } from "./tally";

export interface TallyJobRunnerOptions {
  /** The worker thread's script (scripts/tally-worker.mjs), and the server build it loads to count. */
  workerScript: string;
  buildUrl: string;
  /** How often to look for jobs other instances queued. */
  pollMs: number;
  /** How long a claim holds without renewal: a job of a dead instance is taken over this long after. */
  leaseMs: number;
}

/** What the worker thread posts while it counts. */
export interface TallyWorkerMessage {
  progress: number;
}

function logged(what: string) {
  return (error: unknown) => console.error(`Tally jobs: ${what} failed:`, error);
}

export function startTallyJobs(options: TallyJobRunnerOptions): { stop(): Promise<void> } {
  const database: Db = db();
  let stopping = false;
  let wake = () => {};
  let counting: { job: ClaimedJob; worker: Worker } | null = null;
  onTallyJobQueued(() => wake());

  /** Counts the job on a new worker thread; whether the thread ended normally. */
  function countOnWorker(job: ClaimedJob): Promise<boolean> {
    return new Promise((resolve) => {
      const worker = new Worker(options.workerScript, { workerData: { buildUrl: options.buildUrl, jobId: job.id, claim: job.claim } });
      counting = { job, worker };
      let progress: number | undefined;
      let failed = false;
      worker.on("message", (message: TallyWorkerMessage) => (progress = Math.min(999, Math.max(0, Math.floor(message.progress * 1000)))));
      const heartbeat = setInterval(
        () => void renewClaim(database, job, options.leaseMs, progress).catch(logged("renewing a claim")),
        Math.min(1000, options.leaseMs / 3),
      );
      worker.once("error", (error) => {
        failed = true;
        logged(`counting job ${job.id}`)(error);
      });
      worker.once("exit", (code) => {
        clearInterval(heartbeat);
        counting = null;
        resolve(!failed && code === 0);
      });
    });
  }

  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, options.pollMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  const loop = (async () => {
    while (!stopping) {
      const job = await claimTallyJob(database, options.leaseMs).catch((error: unknown) => void logged("claiming a job")(error));
      if (!job) {
        await pause();
        continue;
      }
      const finished = await countOnWorker(job);
      if (!finished && !stopping) await releaseClaim(database, job, "failed").catch(logged("giving a job back"));
    }
  })();

  return {
    async stop() {
      stopping = true;
      onTallyJobQueued(null);
      wake();
      const running = counting;
      if (running) {
        await running.worker.terminate();
        // Queued again at once: another instance (or this one, restarted) counts it without waiting out the lease.
        await releaseClaim(database, running.job, "stopping").catch(logged("giving a job back"));
      }
      await loop;
    },
  };
}

/** The worker thread's work (scripts/tally-worker.mjs): count one claimed job with its own database client. */
export async function countClaimedTallyJob(job: ClaimedJob, onProgress: TallyProgress): Promise<void> {
  const database = db();
  try {
    await runTallyJob(database, job, onProgress);
  } finally {
    await database.$disconnect();
  }
}
