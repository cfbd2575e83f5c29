import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient } from "~/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/postgres/client";

/**
 * Both generated clients have the same models (the PostgreSQL schema is generated from the SQLite
 * one), so the SQLite client's type stands for both.
 */
export type Db = SqlitePrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`: capability functions take `Db | Tx` so several can share one transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Prisma } from "~/generated/sqlite/client";

/**
 * Runs `work` in a transaction: a new one on `db`, or the caller's when `db` already is one. A capability
 * function written with it commits on its own when called alone and takes part in a larger transaction
 * (the round set-up's, which creates a round with its rules, panel and voting settings at once) when
 * given one, so a later refusal undoes it with the rest.
 */
export function inTransaction<T>(db: Db | Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction(work) : work(db);
}

export const DEFAULT_DATABASE_URL = `file:${path.join("data", "wijkbudget.db")}`;

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export type DatabaseProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`);
}

export function createPrismaClient(url: string): Db {
  if (providerOf(url) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  // busy_timeout lets concurrent writers wait for the lock instead of failing at once.
  return new SqlitePrismaClient({ adapter: new ImmediateTransactions({ url, timeout: 5000 }) });
}

/**
 * SQLite on one connection per process, made to behave like a database with transactions:
 * - Transactions take the write lock when they begin (BEGIN IMMEDIATE), so that several processes on one
 *   file (WEB_CONCURRENCY > 1, decision 0025) wait their turn through busy_timeout. The adapter begins with
 *   a plain (deferred) BEGIN: a transaction that read first and then wants to write while another process
 *   writes gets SQLITE_BUSY at once — busy_timeout cannot help there, as waiting could deadlock.
 * - A statement outside any transaction waits while one of this process's transactions is open. The adapter
 *   runs one transaction at a time, but sends other statements down the same connection at once: they ran
 *   inside whatever transaction was open, read its uncommitted rows, and were undone if it rolled back (a
 *   rate-limit hit or a session touched by another request, say).
 * - Statements are prepared once per text and used again (`reusable`).
 * (The adapter's client, its "BEGIN" and its methods are not a public API: tests/integration/sqlite-transactions.test.ts
 * notices if a new version changes them.)
 */
class ImmediateTransactions extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = client.prepare.bind(client) as (sql: string) => Statement;
    const prepared = new Map<string, ReusedStatement>();
    client.prepare = (sql: string) => {
      let statement = prepared.get(sql);
      if (!statement) {
        statement = reusable(prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql));
        // Queries with lists of values have a text per length: keep the cache bounded.
        if (prepared.size >= PREPARED_STATEMENTS_KEPT) prepared.delete(prepared.keys().next().value!);
        prepared.set(sql, statement);
      }
      return statement;
    };

    /** Settles when the transaction open on this connection ends (null: none is open). */
    let open: Promise<void> | null = null;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      let ended!: () => void;
      const current = new Promise<void>((resolve) => (ended = resolve));
      open = current;
      const end = () => {
        if (open === current) open = null;
        ended();
      };
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(end);
      transaction.rollback = () => rollback().finally(end);
      return transaction;
    };
    const outsideTransactions =
      <A extends unknown[], R>(statement: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        while (open) await open;
        return statement(...args);
      };
    adapter.queryRaw = outsideTransactions(adapter.queryRaw.bind(adapter));
    adapter.executeRaw = outsideTransactions(adapter.executeRaw.bind(adapter));
    return adapter;
  }
}

/** The part of a better-sqlite3 statement the adapter uses. */
interface Statement {
  readonly reader: boolean;
  run(...parameters: unknown[]): unknown;
  columns(): unknown[];
  raw(toggle?: boolean): { all(...parameters: unknown[]): unknown[] };
}
type ReusedStatement = Statement & { bind(parameters: unknown[]): Statement };

const PREPARED_STATEMENTS_KEPT = 1000;

/**
 * A prepared statement the adapter can use again and again. The adapter prepares every query anew (measured:
 * 8 % of a ballot cast's CPU time) and binds its parameters to it with `bind`, which better-sqlite3 allows
 * once per statement; here `bind` gives a view that passes the parameters with each call instead.
 */
function reusable(statement: Statement): ReusedStatement {
  const bound = (parameters: unknown[]): Statement => ({
    reader: statement.reader,
    run: () => statement.run(parameters),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(parameters) }),
  });
  return Object.assign(statement, { bind: bound });
}

declare global {
  // Survives module reloads in development so connections are not leaked.
  var __wijkbudgetDb: Db | undefined;
}

/** The application's client, for DATABASE_URL (default: the embedded SQLite file under data/). */
export function db(): Db {
  globalThis.__wijkbudgetDb ??= createPrismaClient(databaseUrl());
  return globalThis.__wijkbudgetDb;
}
