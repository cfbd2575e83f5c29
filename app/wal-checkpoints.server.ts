// SQLite appends each commit to its write-ahead log, and by default the committing connection copies the log
// into the database and syncs both to disk every 1,000 pages (a checkpoint). On the server's one connection
// that is a synchronous call inside some request, tens to hundreds of milliseconds on a busy disk, during which
// no other request is answered (measured: casts with a p99 of 1.0–2.2 s against a median of 30–100 ms). The
// server hands checkpoints to a worker thread with its own connection (decision 0042); its own connection
// checkpoints only when the log has grown past SAFETY_NET_PAGES (the worker stuck or gone).
import { Worker } from "node:worker_threads";
import { databaseUrl, db, providerOf, sqlStatements, type Db } from "~/db.server";

export const CHECKPOINT_INTERVAL_MS = 200;
/** The server connection's own automatic checkpoint, kept as a safety net: ≈ 40 MB of log with 4 KiB pages. */
export const SAFETY_NET_PAGES = 10_000;

/** What the worker's last checkpoint did: `log` pages in the log, `checkpointed` of them copied. */
export type CheckpointReport = { busy: boolean; log: number; checkpointed: number } | { error: string };

export interface WalCheckpoints {
  /** Reports of the checkpoints so far, the last one last (a few are kept). */
  reports(): readonly CheckpointReport[];
  stop(): Promise<void>;
}

const REPORTS_KEPT = 10;

/**
 * Starts checkpointing `url`'s database on a worker thread (scripts/wal-checkpoint-worker.mjs), if it is SQLite
 * (PostgreSQL writes its own checkpoints in the background): null otherwise.
 */
export async function startWalCheckpoints(
  options: { workerScript: string; intervalMs?: number },
  database: Db = db(),
  url: string = databaseUrl(),
): Promise<WalCheckpoints | null> {
  if (providerOf(url) !== "sqlite") return null;
  await (await sqlStatements(database)).rows(`PRAGMA wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  // The same rule as the driver adapter's (and scripts/db/migrate.ts's sqliteFilePath): the rest of the URL is the path.
  const file = url.replace(/^file:/, "");
  const worker = new Worker(options.workerScript, { workerData: { file, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS } });
  const reports: CheckpointReport[] = [];
  let failed = false;
  worker.on("message", (report: CheckpointReport) => {
    if ("error" in report && !failed) console.error(`WAL checkpoints of ${file} failed: ${report.error}`);
    failed = "error" in report;
    reports.push(report);
    if (reports.length > REPORTS_KEPT) reports.shift();
  });
  worker.on("error", (error) => console.error(`The WAL checkpoint thread of ${file} stopped:`, error));
  // The thread alone never keeps the process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    reports: () => reports,
    async stop() {
      worker.postMessage("stop");
      await exited;
    },
  };
}
