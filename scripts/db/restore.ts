// `npm run db:restore -- FILE [--force]`: puts a backup made by `npm run db:backup` into DATABASE_URL's
// database, then applies the pending migrations (a backup from an older version comes up to date), as
// `npm run db:migrate` does.
//   SQLite      copies the file into place when there is no database there yet; an existing database is
//               replaced only with --force, only while nothing has it open (the app must be stopped), and is
//               kept beside it as <name>.replaced-<UTC time>.
//   PostgreSQL  pg_restore into an empty database, in one transaction; a database that already holds tables is
//               refused unless --force, which replaces the objects the backup holds (pg_restore --clean), and
//               only when no other session is connected and it holds nothing the backup does not know.
import { closeSync, constants as fsConstants, existsSync, openSync, readSync } from "node:fs";
import { copyFile, mkdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { pgToolConnection, runPgTool, shownPath } from "./backup.ts";
import { applyMigrations, defaultDatabaseUrl, redact, sqliteFilePath } from "./migrate.ts";
import { providerOf, type DatabaseProvider } from "./schema-engine.ts";
import { runAsCommand } from "./cli.ts";

export type RestoreResult = {
  provider: DatabaseProvider;
  /** How long copying / pg_restore took, and then applying the migrations. */
  restoreMs: number;
  migrateMs: number;
  /** The migrations applied after the restore (the backup was older than this version). */
  applied: string[];
  /** SQLite with --force: where the database that was replaced now is. */
  replaced?: string;
};

/** What kind of backup a file is, from its first bytes. */
export function backupKind(file: string): DatabaseProvider | null {
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (header.subarray(0, 5).toString("latin1") === "PGDMP") return "postgresql";
  return null;
}

function stamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:]/g, "")
    .replace("T", "-");
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

// ---------------------------------------------------------------------------------------------------------
// SQLite

/** Checks a copied backup and makes it one self-contained file (the migrations switch it to WAL again). */
function checkSqliteCopy(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const check = (db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (check.join() !== "ok") throw new Error(`The backup fails PRAGMA integrity_check:\n  ${check.slice(0, 10).join("\n  ")}`);
    const known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!known) throw new Error("The file is a SQLite database but not a Wijkbudget one (it has no _prisma_migrations table)");
  } finally {
    db.close();
  }
}

/**
 * Moves an existing database out of the way, refusing when any connection has it open. Its write-ahead log is
 * checkpointed first, so the file kept is complete and no stale -wal/-shm is left for the restored database.
 */
function moveSqliteAside(target: string): string {
  const probe = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    // In exclusive locking mode a WAL database cannot be read while another connection has it open.
    probe.pragma("locking_mode = EXCLUSIVE");
    try {
      probe.exec("BEGIN EXCLUSIVE");
      probe.exec("COMMIT");
    } catch (e) {
      if (isBusy(e)) {
        throw new Error(`${target} is in use: stop the app (every instance, and anything else that has the database open), ` + "then run the restore again");
      }
      throw e;
    }
    if (probe.pragma("journal_mode", { simple: true }) === "wal") probe.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    probe.close();
  }
  const replaced = `${target}.replaced-${stamp()}`;
  if (existsSync(replaced)) throw new Error(`${replaced} already exists; try again in a second`);
  return replaced;
}

async function restoreSqlite(url: string, file: string, force: boolean): Promise<{ replaced?: string }> {
  const target = path.resolve(sqliteFilePath(url));
  const exists = existsSync(target);
  if (exists && !force) {
    throw new Error(
      `${sqliteFilePath(url)} already exists. Restoring replaces it: stop the app (every instance) first, ` +
        "then run again with --force (the current database is kept beside it as <name>.replaced-<time>).",
    );
  }
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.restoring-${process.pid}`;
  const removeTemp = async () => {
    for (const name of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) await unlink(name).catch(() => {});
  };
  let replaced: string | undefined;
  try {
    await copyFile(file, temp, fsConstants.COPYFILE_EXCL);
    checkSqliteCopy(temp);
    if (exists) {
      replaced = moveSqliteAside(target);
      await rename(target, replaced);
      // After the checkpoint these hold nothing; left in place they would be applied to the restored file.
      for (const suffix of ["-wal", "-shm", "-journal"]) await unlink(target + suffix).catch(() => {});
    }
    await rename(temp, target);
  } catch (e) {
    await removeTemp();
    throw e;
  }
  return { replaced };
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL

type DbObject = { schema: string; name: string; kind: string };

const key = (o: { schema: string; name: string }) => `${o.schema}.${o.name}`;

/** The tables, views, sequences and types a custom-format archive creates (from `pg_restore --list`). */
export function archiveObjects(toc: string): Set<string> {
  const objects = new Set<string>();
  // e.g. "215; 1259 16386 TABLE public User postgres" ("TABLE DATA" entries are the rows, not objects)
  const entry = /^\d+; \d+ \d+ (TABLE|VIEW|MATERIALIZED VIEW|FOREIGN TABLE|SEQUENCE|TYPE|DOMAIN) (?!DATA )(\S+) (\S+) /;
  for (const line of toc.split("\n")) {
    const match = entry.exec(line);
    if (match) objects.add(key({ schema: match[2], name: match[3] }));
  }
  return objects;
}

/** Tables, views, sequences and types in the database's own schemas (not those of extensions). */
async function userObjects(client: pg.Client): Promise<DbObject[]> {
  const { rows } = await client.query(`
    SELECT n.nspname AS schema, c.relname AS name, 'relation' AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT n.nspname, t.typname, 'type'
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'r')
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    ORDER BY 1, 2`);
  return rows;
}

async function restorePostgres(url: string, file: string, force: boolean): Promise<void> {
  const { dbname, env } = pgToolConnection(url);
  // Reading the table of contents also proves the archive is readable by this pg_restore.
  const { stdout: toc } = await runPgTool("pg_restore", ["--list", file], env);
  const archived = archiveObjects(toc);
  if (!archived.has("public._prisma_migrations")) {
    throw new Error(`${file} is a pg_dump archive but not of a Wijkbudget database (no public._prisma_migrations)`);
  }

  const config: pg.ClientConfig = { ...parseIntoClientConfig(url), application_name: "wijkbudget-restore" };
  delete config.connectionString;
  const client = new pg.Client(config);
  client.on("error", () => {});
  let present: DbObject[];
  try {
    await client.connect();
    present = await userObjects(client);
    if (present.length && force) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (rows[0].n > 0) {
        throw new Error(
          `${rows[0].n} other session(s) are connected to ${redact(url)}: stop the app (every instance) before ` +
            "replacing its database, or restore into a new empty database",
        );
      }
    }
  } catch (e) {
    if (e instanceof Error && /other session/.test(e.message)) throw e;
    throw new Error(`Cannot read ${redact(url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    await client.end().catch(() => {});
  }

  if (present.length && !force) {
    throw new Error(
      `${redact(url)} is not empty (${present.length} tables and types, e.g. ${present.slice(0, 3).map(key).join(", ")}). ` +
        "Restore into a new empty database (createdb …) and point DATABASE_URL at it, or, with the app stopped, " +
        "run again with --force to replace what the backup holds (pg_restore --clean).",
    );
  }
  if (present.length) {
    // --clean drops only what the archive holds. Anything else (e.g. tables of a newer migration, when going
    // back to a backup after a failed upgrade) would stay and make that migration fail when it runs again.
    const extra = present.filter((o) => !archived.has(key(o)));
    if (extra.length) {
      throw new Error(
        `${redact(url)} holds ${extra.length} tables or types the backup does not (${extra.slice(0, 5).map(key).join(", ")}` +
          `${extra.length > 5 ? ", …" : ""}): it is not the database this backup was taken of, or it is newer. ` +
          "Restore into a new empty database instead.",
      );
    }
  }
  await runPgTool(
    "pg_restore",
    [
      "--no-owner", // objects belong to DATABASE_URL's user, whoever owned them where the backup was made
      "--no-acl",
      "--single-transaction", // all or nothing: a failed restore leaves the database as it was
      "--exit-on-error",
      "--no-password",
      ...(present.length ? ["--clean", "--if-exists"] : []),
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
}

// ---------------------------------------------------------------------------------------------------------

/** Restores `file` into `url`'s database and applies the pending migrations. */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const provider = providerOf(url);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const kind = backupKind(file);
  if (!kind) throw new Error(`${file} is neither a SQLite database nor a pg_dump custom-format archive`);
  if (kind !== provider) {
    throw new Error(
      `${file} is a ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup but DATABASE_URL (${redact(url)}) is ` +
        `${provider === "sqlite" ? "SQLite" : "PostgreSQL"}: a backup goes back into the same kind of database`,
    );
  }
  const started = performance.now();
  const { replaced } =
    provider === "sqlite" ? await restoreSqlite(url, file, options.force ?? false) : (await restorePostgres(url, file, options.force ?? false), {});
  const restored = performance.now();
  let applied: string[];
  try {
    applied = await applyMigrations(url);
  } catch (e) {
    throw new Error(
      `The backup was restored, but applying the migrations failed (fix the cause, then run \`npm run db:migrate\`): ` +
        (e instanceof Error ? e.message : String(e)),
      { cause: e },
    );
  }
  return {
    provider,
    restoreMs: Math.round(restored - started),
    migrateMs: Math.round(performance.now() - restored),
    applied,
    ...(replaced ? { replaced } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: npm run db:restore -- FILE [--force]
  Restores a backup made by \`npm run db:backup\` into DATABASE_URL's database (default
  file:data/wijkbudget.db), then applies the pending migrations.
  SQLite: only when there is no database file yet, or with --force while the app is stopped (the old
  file is kept as <name>.replaced-<time>). PostgreSQL: into an empty database, or with --force (app
  stopped) over the same database (pg_restore --clean).`;

async function main(args: string[]): Promise<number> {
  const force = args.includes("--force");
  const files = args.filter((arg) => arg !== "--force");
  if (files.length !== 1 || files[0].startsWith("-")) {
    console.error(USAGE);
    return 2;
  }
  const url = await defaultDatabaseUrl();
  if (providerOf(url) === "sqlite") {
    console.log(`Restoring into ${sqliteFilePath(url)}: the app must be stopped (every instance) while this runs.`);
  }
  const result = await restoreDatabase(url, files[0], { force });
  if (result.replaced)
    console.log(`The database that was there is kept as ${shownPath(result.replaced)}: delete it once you no longer need it (it holds secret data).`);
  console.log(`Restored ${files[0]} into ${redact(url)} in ${result.restoreMs} ms.`);
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s) the backup did not have, in ${result.migrateMs} ms:\n  ${result.applied.join("\n  ")}`
      : "Its migrations were up to date.",
  );
  return 0;
}

await runAsCommand(import.meta.url, "db:restore failed:", main);
