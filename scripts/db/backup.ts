// `npm run db:backup [-- --out FILE]`: a consistent copy of DATABASE_URL's database, taken while the app runs.
//   SQLite      SQLite's online backup API (better-sqlite3's db.backup()), all pages in one step, so one read
//               transaction sees one snapshot while writers go on (WAL); then the copy is made a single
//               self-contained file (journal_mode DELETE) and checked (PRAGMA integrity_check).
//   PostgreSQL  pg_dump --format=custom (one snapshot: a repeatable-read transaction); restore with pg_restore.
// The file is written under a temporary name (mode 0600) and only then given its name; an existing file is
// never overwritten. Restore with `npm run db:restore -- FILE` (scripts/db/restore.ts).
// A backup holds secret data (docs/decisions/0010, 0016): store it encrypted, with restricted access.
import { spawn } from "node:child_process";
import { closeSync, constants as fsConstants, existsSync, openSync } from "node:fs";
import { copyFile, link, mkdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { defaultDatabaseUrl, redact, sqliteFilePath } from "./migrate.ts";
import { providerOf, type DatabaseProvider } from "./schema-engine.ts";
import { runAsCommand } from "./cli.ts";

/** Where backups go without --out (data/ is git-ignored: a backup must never end up in a commit). */
export const DEFAULT_BACKUP_DIR = path.join("data", "backups");

export type BackupResult = {
  provider: DatabaseProvider;
  file: string;
  bytes: number;
  ms: number;
  /** SQLite: the last migration in the copy. */
  latestMigration?: string | null;
};

/** "2026-12-06T15:42:07.123Z" → "20261206-154207" */
function stamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:]/g, "")
    .replace("T", "-");
}

export function defaultBackupFile(provider: DatabaseProvider, date = new Date()): string {
  return path.join(DEFAULT_BACKUP_DIR, `wijkbudget-${stamp(date)}.${provider === "sqlite" ? "db" : "dump"}`);
}

/** A path for messages: relative to the cwd when it is inside it. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

/** 1234567 → "1.2 MB" */
export function humanBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL client tools (shared with restore.ts)

/** Connection parameters libpq understands; others in a DATABASE_URL (Prisma's `schema`, `connection_limit`…)
 *  make pg_dump refuse the URL, so they are left out. */
const LIBPQ_PARAMS = new Set([
  "host",
  "hostaddr",
  "port",
  "dbname",
  "user",
  "passfile",
  "channel_binding",
  "connect_timeout",
  "options",
  "application_name",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "sslmode",
  "sslcompression",
  "sslcert",
  "sslkey",
  "sslpassword",
  "sslrootcert",
  "sslcrl",
  "sslcrldir",
  "sslsni",
  "requirepeer",
  "ssl_min_protocol_version",
  "ssl_max_protocol_version",
  "gssencmode",
  "krbsrvname",
  "gsslib",
  "service",
  "target_session_attrs",
]);

/**
 * How to point pg_dump/pg_restore at a DATABASE_URL without showing its password to `ps`: the URL without
 * password (and without parameters libpq does not know) as --dbname, the password in PGPASSWORD.
 */
export function pgToolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) parsed.searchParams.delete(key);
  return { dbname: parsed.toString(), env };
}

/** The path of a PostgreSQL client program: in PG_BIN_DIR when set (e.g. /usr/lib/postgresql/16/bin), else PATH. */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const dir = process.env.PG_BIN_DIR?.trim();
  return dir ? path.join(dir, name) : name;
}

/** Runs a PostgreSQL client program; rejects with its own error output (or how to install it) on failure. */
export function runPgTool(name: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  const program = pgTool(name);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "ENOENT"
          ? new Error(
              `${program} not found. Install PostgreSQL's client programs, the server's major version or newer ` +
                "(Debian/Ubuntu: apt-get install postgresql-client), or set PG_BIN_DIR to their folder.",
            )
          : e,
      );
    });
    child.once("close", (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${name} failed (${signal ?? `exit ${code}`}):\n${stderr.trim() || stdout.trim()}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Files

/** Creates an empty file only we can read (fails if it exists). */
function createPrivateFile(file: string): void {
  closeSync(openSync(file, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o600));
}

/** Gives the finished temporary file its final name, never replacing an existing file. */
async function publish(temp: string, file: string): Promise<void> {
  try {
    await link(temp, file); // atomic, and fails with EEXIST instead of overwriting
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`${file} appeared while the backup ran; the backup was not kept`);
    // File systems without hard links: copy (still refusing an existing file).
    await copyFile(temp, file, fsConstants.COPYFILE_EXCL);
  }
  await unlink(temp);
}

async function prepareTarget(out: string): Promise<string> {
  const file = path.resolve(out);
  if (existsSync(file)) throw new Error(`${out} already exists: a backup never overwrites a file (choose another --out)`);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// Backup

async function backupSqlite(url: string, temp: string): Promise<Pick<BackupResult, "latestMigration">> {
  const source = sqliteFilePath(url);
  if (!existsSync(source)) throw new Error(`There is no database at ${source} (DATABASE_URL=${url})`);
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // better-sqlite3 copies 100 pages a step by default, releasing the read transaction between steps, and
    // SQLite restarts the copy whenever another connection writes in between: under steady writes it might
    // never finish. One step for all pages reads one snapshot (WAL: the writers go on meanwhile).
    await db.backup(temp, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(temp, { fileMustExist: true });
  try {
    // One self-contained file (no -wal/-shm beside it), whatever mode the live database uses.
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    const problems = check.map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (problems.length) throw new Error(`The copy fails PRAGMA integrity_check:\n  ${problems.slice(0, 10).join("\n  ")}`);
    const hasMigrations = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    const latest = hasMigrations
      ? (copy.prepare("SELECT max(migration_name) AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL").get() as { name: string | null }).name
      : null;
    return { latestMigration: latest };
  } finally {
    copy.close();
  }
}

async function backupPostgres(url: string, temp: string): Promise<void> {
  const { dbname, env } = pgToolConnection(url);
  await runPgTool("pg_dump", ["--format=custom", "--no-password", `--file=${temp}`, `--dbname=${dbname}`], env);
}

/** Backs up `url`'s database to `out` (default: data/backups/wijkbudget-<UTC time>.db|.dump). */
export async function backupDatabase(url: string, options: { out?: string } = {}): Promise<BackupResult> {
  const provider = providerOf(url);
  const file = await prepareTarget(options.out ?? defaultBackupFile(provider));
  const temp = `${file}.partial-${process.pid}`;
  const started = performance.now();
  createPrivateFile(temp);
  try {
    const extra = provider === "sqlite" ? await backupSqlite(url, temp) : (await backupPostgres(url, temp), {});
    await publish(temp, file);
    return { provider, file, bytes: (await stat(file)).size, ms: Math.round(performance.now() - started), ...extra };
  } catch (e) {
    await unlink(temp).catch(() => {});
    for (const sidecar of ["-journal", "-wal", "-shm"]) await unlink(temp + sidecar).catch(() => {});
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: npm run db:backup [-- --out FILE]
  Backs up DATABASE_URL's database (default file:data/wijkbudget.db) while the app runs:
  SQLite with its online backup API, PostgreSQL with pg_dump --format=custom.
  FILE defaults to ${DEFAULT_BACKUP_DIR}/wijkbudget-<UTC time>.db (SQLite) or .dump (PostgreSQL);
  an existing file is never overwritten. Restore with \`npm run db:restore -- FILE\`.`;

function parseArgs(args: string[]): { out?: string } | null {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--out" && args[i + 1] !== undefined) out = args[++i];
    else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else return null;
  }
  if (out !== undefined && !out.trim()) return null;
  return { out };
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const url = await defaultDatabaseUrl();
  const result = await backupDatabase(url, options);
  const shown = shownPath(result.file);
  const migration = result.latestMigration ? `, migrated through ${result.latestMigration}` : "";
  console.log(`Backed up ${redact(url)} to ${shown}: ${humanBytes(result.bytes)} (${result.bytes} bytes) in ${result.ms} ms${migration}.`);
  console.log("It holds secret data (voting-code hashes, accounts, ballots): store it encrypted, with restricted access.");
  return 0;
}

await runAsCommand(import.meta.url, "db:backup failed:", main);
