import { createHash } from "node:crypto";
import type { Socket } from "node:net";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool, PoolClient } from "pg";
import type { ArgType, SqlDriverAdapter, SqlQuery, SqlQueryable, Transaction } from "@prisma/driver-adapter-utils";
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
    // Pipelined connections (pg's `pipeline`): statements a transaction sends together go out at once and
    // are answered in order, one round trip for all of them instead of one each (a cast: docs/decisions/0044).
    const adapter = new KeptPg({ connectionString: url, pipeline: true } as ConstructorParameters<typeof PrismaPg>[0], {
      statementNameGenerator: preparedStatementName,
    });
    const client = new PostgresPrismaClient({ adapter }) as unknown as Db;
    adapters.set(client, adapter);
    return client;
  }
  // busy_timeout lets concurrent writers wait for the lock instead of failing at once.
  const adapter = new ImmediateTransactions({ url, timeout: 5000 });
  const client = new SqlitePrismaClient({ adapter });
  adapters.set(client, adapter);
  return client;
}

/** A driver adapter factory that keeps the adapter it connected, for statements written in SQL (rawTransaction). */
interface KeepsConnection {
  connected?: SqlDriverAdapter;
}
const adapters = new WeakMap<Db, KeepsConnection>();

class KeptPg extends PrismaPg implements KeepsConnection {
  connected?: SqlDriverAdapter;
  override async connect() {
    const adapter = await super.connect();
    this.connected = adapter;
    (adapter.underlyingDriver() as Pool).on("connect", writeStatementsInOneGo);
    return adapter;
  }
}

/**
 * pg writes each message of a statement (bind, describe, execute, sync) to the socket on its own: four
 * system calls a statement, measured at a sixth of a cast's time. With the socket corked until the end of the
 * tick, a statement goes out in one write, and so do the statements a transaction sends together.
 */
function writeStatementsInOneGo(client: PoolClient) {
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.query = ((...args: unknown[]) => {
    if (!socket.writableCorked) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    if (!isBegin(args[0])) return query(...args);
    // A transaction's BEGIN is taken as answered once sent, so that its first statements go out with it.
    // Should it fail, so do they: in the transaction PostgreSQL then holds aborted, or on a broken connection.
    query(...args).catch(() => {});
    return Promise.resolve(BEGUN);
  }) as PoolClient["query"];
}

const isBegin = (config: unknown) => typeof config === "object" && config !== null && (config as { text?: unknown }).text === "BEGIN";
/** What the adapter reads of a BEGIN's answer. */
const BEGUN = { command: "BEGIN", rowCount: null, rows: [], fields: [] };

/** A value bound to a `?` of a statement written in SQL. */
export type SqlValue = string | number | boolean | Date | null;

/** Statements written in SQL, run on the client's own connection: `?` marks a value on both databases. */
export interface SqlStatements {
  /** Which database runs them, for the rare clause only one of them knows (PostgreSQL's FOR SHARE). */
  readonly dialect: DatabaseProvider;
  /** The rows a query returns, each as an object by column name (SQLite gives 0/1 for booleans, both give dates as text). */
  rows<Row = Record<string, unknown>>(sql: string, ...values: SqlValue[]): Promise<Row[]>;
  /** Runs a statement; how many rows it changed. */
  run(sql: string, ...values: SqlValue[]): Promise<number>;
}

function argType(value: SqlValue): ArgType {
  const scalarType =
    value instanceof Date
      ? "datetime"
      : typeof value === "number"
        ? Number.isInteger(value)
          ? "int"
          : "float"
        : typeof value === "boolean"
          ? "boolean"
          : typeof value === "string"
            ? "string"
            : "unknown";
  return { scalarType, arity: "scalar" };
}

/**
 * Statements written in SQL are prepared once per connection on PostgreSQL, as on SQLite (`reusable`): the
 * server then plans them once instead of at every cast (≈ ten statements each). Prisma's own statements stay
 * unnamed: their texts vary with every list of values, and a connection keeps what it prepared until it closes.
 */
const ourStatements = new WeakSet<SqlQuery>();
const statementNames = new Map<string, string>();
/** Our statements' texts are few (lists of values vary by length up to a round's projects); kept bounded anyway. */
const STATEMENT_NAMES_KEPT = 1000;

function preparedStatementName(query: SqlQuery): string {
  // The adapter's type asks for a string; pg reads an empty name as "not prepared".
  if (!ourStatements.has(query)) return "";
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    name = `wb_${createHash("sha256").update(query.sql).digest("base64url").slice(0, 22)}`;
    if (statementNames.size >= STATEMENT_NAMES_KEPT) statementNames.clear();
    statementNames.set(query.sql, name);
  }
  return name;
}

function statementsOn(queryable: SqlQueryable): SqlStatements {
  // PostgreSQL numbers its parameters; SQLite takes `?` as it is.
  const numbered = queryable.provider === "postgres";
  const query = (sql: string, values: SqlValue[]): SqlQuery => {
    let index = 0;
    const statement = { sql: numbered ? sql.replace(/\?/g, () => `$${++index}`) : sql, args: values, argTypes: values.map(argType) };
    ourStatements.add(statement);
    return statement;
  };
  return {
    dialect: numbered ? "postgresql" : "sqlite",
    async rows<Row>(sql: string, ...values: SqlValue[]) {
      const result = await queryable.queryRaw(query(sql, values));
      return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, index) => [name, row[index]])) as Row);
    },
    run: (sql, ...values) => queryable.executeRaw(query(sql, values)),
  };
}

async function connectedAdapter(db: Db): Promise<SqlDriverAdapter> {
  const factory = adapters.get(db);
  if (!factory) throw new Error("SQL statements need a client made by createPrismaClient");
  if (!factory.connected) await db.$connect();
  return factory.connected!;
}

/** Statements inside sqlTransaction. */
export interface SqlTransactionStatements extends SqlStatements {
  /**
   * Runs a write as part of the commit: sent at once and not waited for, so that on PostgreSQL it goes out
   * with the COMMIT in one round trip. If it fails, the transaction is rolled back and sqlTransaction throws
   * its error; return from `work` soon after (nothing may depend on it having succeeded).
   */
  runAtCommit(sql: string, ...values: SqlValue[]): void;
}

/**
 * Runs `work` in a transaction of statements written in SQL, on the client's own connection (so on
 * SQLite it takes turns with the client's other transactions), committed when `work` returns and
 * rolled back when it throws. For the few hot paths where Prisma's per-query cost dominates (a ballot
 * cast: docs/decisions/0041); everything else goes through Prisma. Errors are the driver adapter's
 * (isUniqueViolation knows both).
 */
export async function sqlTransaction<T>(db: Db, work: (sql: SqlTransactionStatements) => Promise<T>): Promise<T> {
  const transaction = await (await connectedAdapter(db)).startTransaction();
  const end = (statement: "COMMIT" | "ROLLBACK") => transaction.executeRaw({ sql: statement, args: [], argTypes: [] });
  const statements = statementsOn(transaction);
  const atCommit: Promise<number>[] = [];
  const rollBack = async (error: unknown): Promise<never> => {
    await Promise.allSettled(atCommit);
    await end("ROLLBACK")
      .catch(() => {})
      .finally(() => transaction.rollback());
    throw error;
  };
  let result: T;
  try {
    result = await work({
      ...statements,
      runAtCommit(sql, ...values) {
        const write = statements.run(sql, ...values);
        write.catch(() => {}); // its error is thrown by sqlTransaction
        atCommit.push(write);
      },
    });
  } catch (error) {
    return rollBack(error);
  }
  // PostgreSQL: a COMMIT after a failed statement rolls back (and answers without an error). SQLite's
  // transaction would go on past a failed statement, so its writes must have succeeded before it commits.
  const commit = statements.dialect === "postgresql" ? end("COMMIT") : null;
  try {
    await Promise.all(atCommit);
  } catch (error) {
    await commit?.catch(() => {});
    return rollBack(error);
  }
  try {
    await (commit ?? end("COMMIT"));
  } catch (error) {
    return rollBack(error);
  }
  await transaction.commit();
  return result;
}

/** Statements written in SQL outside a transaction (on SQLite they wait for one this process has open). */
export async function sqlStatements(db: Db): Promise<SqlStatements> {
  return statementsOn(await connectedAdapter(db));
}

/**
 * SQLite on one connection per process, made to behave like a database with transactions:
 * - Transactions take the write lock when they begin (BEGIN IMMEDIATE), so that several processes on one
 *   file (WEB_CONCURRENCY > 1, decision 0025) wait their turn through busy_timeout. The adapter begins with
 *   a plain (deferred) BEGIN: a transaction that read first and then wants to write while another process
 *   writes gets SQLITE_BUSY at once — busy_timeout cannot help there, as waiting could deadlock.
 * - A statement outside any transaction waits while one of this process's transactions is open, in one queue
 *   with the transactions (`turns`). The adapter runs one transaction at a time, but sends other statements
 *   down the same connection at once: they ran inside whatever transaction was open, read its uncommitted
 *   rows, and were undone if it rolled back (a rate-limit hit or a session touched by another request, say).
 * - Statements are prepared once per text and used again (`reusable`).
 * (The adapter's client, its "BEGIN" and its methods are not a public API: tests/integration/sqlite-transactions.test.ts
 * notices if a new version changes them.)
 */
class ImmediateTransactions extends PrismaBetterSqlite3 implements KeepsConnection {
  connected?: SqlDriverAdapter;
  override async connect() {
    const adapter = await super.connect();
    this.connected = adapter;
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

    // One turn at a time on the connection, first come first served: a transaction holds its turn from
    // its start to its end, a statement outside transactions for as long as it runs.
    const takeTurn = turns();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await takeTurn();
      let transaction: Transaction;
      try {
        transaction = await startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      return transaction;
    };
    const outsideTransactions =
      <A extends unknown[], R>(statement: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const release = await takeTurn();
        try {
          return await statement(...args);
        } finally {
          release();
        }
      };
    adapter.queryRaw = outsideTransactions(adapter.queryRaw.bind(adapter));
    adapter.executeRaw = outsideTransactions(adapter.executeRaw.bind(adapter));
    return adapter;
  }
}

/**
 * A first-come-first-served lock: each call waits for the turns taken before it and resolves to the
 * function that ends its own. (Statements outside transactions used to wait in a loop for no transaction
 * to be open, and under a stream of transactions some waited seconds while others came through: measured
 * as a p99 ten times the median of 50 voters casting at once.)
 */
function turns(): () => Promise<() => void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const before = last;
    last = before.then(() => ended);
    return before.then(() => end);
  };
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
 * once per statement; here `bind` gives a view that passes the parameters with each call instead. The
 * adapter asks a reading statement for its result's columns each time it runs: they are read once (SQLite
 * describes them anew for each call, 1.7 % of a whole vote's time in a profile).
 */
function reusable(statement: Statement): ReusedStatement {
  let columns: unknown[] | undefined;
  const bound = (parameters: unknown[]): Statement => ({
    reader: statement.reader,
    run: () => statement.run(parameters),
    columns: () => (columns ??= statement.columns()),
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
