// Throwaway databases, the production server of a checkout (this one or the base commit's), and the
// base commit's checkout itself, for `npm run bench`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

export type Provider = "sqlite" | "postgresql";

export interface Throwaway {
  url: string;
  cleanup(): Promise<void>;
}

/** The PostgreSQL server throwaway databases are made on (a maintenance database on it). */
const postgresServer = () => process.env.BENCH_POSTGRES_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database: a SQLite file in a new temporary folder, or a new `wb_bench_<random>` PostgreSQL database. */
export async function throwawayDatabase(provider: Provider): Promise<Throwaway> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "wb-bench-db-"));
    return { url: `file:${path.join(dir, "bench.db")}`, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `wb_bench_${randomBytes(6).toString("hex")}`;
  await onPostgres(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresServer());
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: () => onPostgres(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function run(checkout: string, command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: checkout, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${checkout}) failed:\n${result.stdout}${result.stderr}`);
}

/** Migrates the database with the checkout's own migrate script and seeds its demo data, as `npm run db:migrate` and `db:seed` do. */
export function migrateAndSeed(checkout: string, databaseUrl: string): void {
  const tsx = path.join(checkout, "node_modules", ".bin", "tsx");
  run(checkout, tsx, ["scripts/db/migrate.ts", "deploy"], { DATABASE_URL: databaseUrl });
  run(checkout, tsx, ["scripts/db/seed.ts"], { DATABASE_URL: databaseUrl, SEED_DEMO: "1" });
}

export function buildApp(checkout: string): void {
  run(checkout, path.join(checkout, "node_modules", ".bin", "remix"), ["build"], { NODE_ENV: "production" });
}

/** A TCP port nobody listens on now (the operating system picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The checkout's built app served as `npm start` serves it (scripts/start.mjs, NODE_ENV=production, no
 * rebuild), on a free port and the given database, with uploads and mail in a temporary folder.
 */
export async function startServer(checkout: string, databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const scratch = await mkdtemp(path.join(os.tmpdir(), "wb-bench-server-"));
  const child = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], {
    cwd: checkout,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "0",
      // One process, like the base commit's server beside it (BENCH_WEB_CONCURRENCY to measure more).
      WEB_CONCURRENCY: process.env.BENCH_WEB_CONCURRENCY ?? "1",
      // As behind the reverse proxy of a deployment: voters' addresses come in X-Forwarded-For (load.ts).
      TRUST_PROXY: "loopback",
      UPLOAD_DIR: path.join(scratch, "uploads"),
      OUTBOX_DIR: path.join(scratch, "outbox"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    }
    await rm(scratch, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server in ${checkout} exited with ${child.exitCode}:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { baseUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server in ${checkout} did not become healthy in 60 s:\n${output}`);
    }
    await sleep(200);
  }
}

export interface Checkout {
  dir: string;
  commit: string;
  remove(): Promise<void>;
}

/** A short commit id, with "+changes" when the working tree differs from it. */
export function describeCommit(checkout: string, revision = "HEAD"): string {
  const short = spawnSync("git", ["rev-parse", "--short", revision], { cwd: checkout, encoding: "utf8" }).stdout.trim();
  if (revision !== "HEAD") return short;
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: checkout, encoding: "utf8" }).stdout.trim();
  return dirty ? `${short}+changes` : short;
}

/**
 * `revision` checked out in a temporary detached git worktree, sharing this checkout's node_modules,
 * with its Prisma clients generated and its app built. remove() deletes the worktree again.
 */
export async function baseCheckout(repository: string, revision: string): Promise<Checkout> {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "wb-bench-base-")), "checkout");
  run(repository, "git", ["worktree", "add", "--detach", dir, revision]);
  const remove = async () => {
    spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: repository });
    await rm(path.dirname(dir), { recursive: true, force: true });
  };
  try {
    await symlink(await realpath(path.join(repository, "node_modules")), path.join(dir, "node_modules"));
    run(dir, process.execPath, ["scripts/db/generate.mjs"]);
    buildApp(dir);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, commit: describeCommit(repository, revision), remove };
}
