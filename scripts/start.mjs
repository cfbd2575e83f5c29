// `npm start`: build when the sources changed, apply pending migrations, seed demo data into an
// empty SQLite database (unless SEED_DEMO=0), then serve on PORT (default 3000) — from WEB_CONCURRENCY
// worker processes (Node's cluster: one per core on PostgreSQL, one on SQLite unless set; decision 0025).
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer, listen } from "./server.mjs";

if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`Wijkbudget needs Node.js 24 LTS (see the README); this is ${process.version}.`);
  process.exit(1);
}
process.env.NODE_ENV ??= "production";
const BUILD = "build/index.js";

function newestChange(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join("node_modules", ".bin", name);
const buildIsStale = () => !fs.existsSync(BUILD) || newestChange("app") > fs.statSync(BUILD).mtimeMs || newestChange("locales") > fs.statSync(BUILD).mtimeMs;

const sqlite = !process.env.DATABASE_URL || process.env.DATABASE_URL.startsWith("file:");
const port = Number(process.env.PORT ?? 3000);

/** WEB_CONCURRENCY worker processes; unset: every core on PostgreSQL, one on SQLite (one writer at a time anyway). */
function workerCount() {
  const wanted = process.env.WEB_CONCURRENCY?.trim();
  if (!wanted) return sqlite ? 1 : os.availableParallelism();
  const count = Number(wanted);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`WEB_CONCURRENCY must be a whole number of processes, at least 1, not ${JSON.stringify(wanted)}.`);
    process.exit(1);
  }
  return count;
}

/** Serves in this process until SIGTERM/SIGINT, which stop new connections and let running requests finish. */
async function serve() {
  const app = await createServer({ buildPath: BUILD });
  const server = listen(app, port, process.env, () => {
    if (cluster.isPrimary) console.log(`Wijkbudget is listening on http://localhost:${port}`);
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      // Mail being sent is marked and a count under way goes back to the queue before the process exits.
      const stopped = app.locals.stopBackgroundWork();
      server.close(() => void stopped.finally(() => process.exit(0)));
      // Kept-alive connections would hold the server open: close each as soon as it has no request.
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 200).unref();
    });
  }
}

const RESTART_DELAY_MS = 1000;

/** Forks the workers, replaces one that dies, and on SIGTERM/SIGINT lets each finish its requests. */
function supervise(count) {
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Worker ${worker.process.pid} died (${signal ?? `exit ${code}`}); starting another.`);
    setTimeout(fork, RESTART_DELAY_MS);
  });
  for (let i = 0; i < count; i++) fork();
  console.log(`Wijkbudget is listening on http://localhost:${port} with ${count} workers`);
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    });
  }
}

if (cluster.isWorker) {
  // A worker whose primary is gone (killed, crashed) stops at once, as the machine would.
  process.on("disconnect", () => process.exit(1));
  await serve();
} else {
  if (!process.argv.includes("--no-build") && buildIsStale()) run("npm", ["run", "--silent", "build"]);
  // Pending migrations, then demo data into an empty SQLite database (unless SEED_DEMO=0): one tsx process.
  run(bin("tsx"), ["scripts/db/prepare.ts"]);
  const count = workerCount();
  if (count === 1) await serve();
  else supervise(count);
}
