import type { Db, SqlStatements, Tx } from "~/db.server";
import { refused, type Refused } from "~/kernel/result";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
export const RATE_LIMITS = {
  // Logins count only failures (docs/decisions/0003): a community centre helping many residents
  // shares one address, and a success proves nothing was being guessed.
  loginFailuresPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  loginFailuresPerAccountAndAddress: { limit: 5, windowMs: 15 * MINUTE },
  /** Across all addresses; browsers that signed in to the account before are exempt. */
  loginFailuresPerAccount: { limit: 50, windowMs: 60 * MINUTE },
  /** Codes from the authenticator app (or recovery codes): 10^6 codes, a handful of tries. */
  secondFactorFailuresPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  secondFactorFailuresPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  /** The owner is told of many failures at most once a day. */
  loginAlertPerAccount: { limit: 1, windowMs: 24 * 60 * MINUTE },
  resetPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  registerPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  registerPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  changePasswordPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  proposalSavesPerAccount: { limit: 60, windowMs: 60 * MINUTE },
  invitesPerAccount: { limit: 20, windowMs: 60 * MINUTE },
  rsvpPerAddress: { limit: 30, windowMs: 60 * MINUTE },
  parkletRequestsPerAccount: { limit: 10, windowMs: 60 * MINUTE },
  /** New comments and replies (edits and deletions are not counted). */
  commentsPerAccount: { limit: 20, windowMs: 15 * MINUTE },
  reportsPerAccount: { limit: 30, windowMs: 60 * MINUTE },
  // Only wrong codes count: a community centre helping many residents vote shares one address.
  votingCodeFailuresPerAddress: { limit: 20, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The refusal of a limited attempt: a form message saying how many minutes to wait (and Retry-After). */
export function tooManyAttempts(retryAfterSeconds: number): Refused {
  return { ...refused(429, "errors:rateLimited", { count: Math.ceil(retryAfterSeconds / 60) }), retryAfterSeconds };
}

/**
 * Counts one attempt under `key` in a fixed window stored in the database, so every app instance
 * shares the count. Refused attempts are counted too: hammering does not shorten the wait.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.rateLimit.findUnique({ where: { key } });
    if (!existing || existing.windowStart.getTime() + rule.windowMs <= now.getTime()) {
      return tx.rateLimit.upsert({
        where: { key },
        create: { key, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1 },
      });
    }
    return tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  });
  if (row.count <= rule.limit) return { allowed: true };
  const retryAfterMs = row.windowStart.getTime() + rule.windowMs - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Failures counted under `key` in its current window (0 when none or the window has closed). */
export async function failuresCounted(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  return row && row.windowStart.getTime() + rule.windowMs > now.getTime() ? row.count : 0;
}

export type Limited<T> = { limited: false; value: T } | { limited: true; retryAfterSeconds: number };

/** Many attempts may queue for one key's lock at once (a flood of wrong codes from one address). */
const QUEUE = { maxWait: 30_000, timeout: 30_000 };

/**
 * Runs `attempt` only while every key has room under its rule, and counts it against the keys only
 * when it fails. Each key's counter row is locked from the look to the count — created if missing,
 * locked by the write, and removed again in the same transaction when nothing was counted — so
 * simultaneous attempts run at most `limit` failing checks, on SQLite and PostgreSQL alike and
 * across app instances, while successes are never refused by attempts still in flight. A success
 * leaves no row keyed by the client: a vote must leave no trace of the voter's address and time.
 * Keep `attempt` short and free of other writes: attempts on one key run one after another.
 */
export async function limitFailures<T>(
  db: Db,
  checks: { key: string; rule: RateLimitRule }[],
  attempt: (tx: Tx) => Promise<{ failed: boolean; value: T }>,
  now = new Date(),
): Promise<Limited<T>> {
  return db.$transaction((tx) => limitWith(prismaCounters(tx), checks, () => attempt(tx), now), QUEUE);
}

/** limitFailures inside a transaction of statements written in SQL (sqlTransaction): the ballot box's hot path. */
export function limitFailuresIn<T>(
  sql: SqlStatements,
  checks: { key: string; rule: RateLimitRule }[],
  attempt: () => Promise<{ failed: boolean; value: T }>,
  now = new Date(),
): Promise<Limited<T>> {
  return limitWith(sqlCounters(sql), checks, attempt, now);
}

/** The counter rows of limitFailures, read and written in the caller's transaction. */
interface Counters {
  /**
   * The key's count and window (none counted: 0 from `now`), the key locked until the transaction ends;
   * `stored`: whether the key has a row now (forget deletes only those).
   */
  take(key: string, now: Date): Promise<{ count: number; windowStart: Date; stored: boolean }>;
  /** Deletes the keys' rows, if any (nothing counted in their window). */
  forget(keys: string[]): Promise<void>;
  /** Writes the key's count and window, creating its row if missing. */
  store(key: string, count: number, windowStart: Date): Promise<void>;
}

function prismaCounters(tx: Tx): Counters {
  return {
    take: async (key, now) => ({
      ...(await tx.rateLimit.upsert({ where: { key }, create: { key, windowStart: now, count: 0 }, update: { count: { increment: 0 } } })),
      stored: true,
    }),
    forget: async (keys) => void (await tx.rateLimit.deleteMany({ where: { key: { in: keys } } })),
    store: async (key, count, windowStart) => void (await tx.rateLimit.update({ where: { key }, data: { count, windowStart } })),
  };
}

/**
 * On PostgreSQL the key is locked with a transaction-level advisory lock on its hash (another key of the same
 * hash only waits its turn), and its row read by the next statement, which sees every count committed before
 * the lock was granted; both go out together on the pipelined connection. On SQLite the transaction holds the
 * database's write lock from its start (BEGIN IMMEDIATE; one at a time in this process, and across processes),
 * so the row is only read. Either way an attempt that fails nothing writes nothing: a right code commits an
 * empty transaction at the code and review steps, and a cast only its ballot.
 */
function sqlCounters(sql: SqlStatements): Counters {
  return {
    async take(key, now) {
      const [, [row]] = await Promise.all([
        sql.dialect === "postgresql" ? sql.run(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, key) : 0,
        sql.rows<{ count: number | bigint; windowStart: string }>(`SELECT "count", "windowStart" FROM "RateLimit" WHERE "key" = ?`, key),
      ]);
      return row ? { count: Number(row.count), windowStart: new Date(row.windowStart), stored: true } : { count: 0, windowStart: now, stored: false };
    },
    forget: async (keys) => void (await sql.run(`DELETE FROM "RateLimit" WHERE "key" IN (${keys.map(() => "?").join(", ")})`, ...keys)),
    store: async (key, count, windowStart) =>
      void (await sql.run(
        `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (?, ?, ?)
         ON CONFLICT ("key") DO UPDATE SET "count" = excluded."count", "windowStart" = excluded."windowStart"`,
        key,
        windowStart,
        count,
      )),
  };
}

async function limitWith<T>(
  counters: Counters,
  checks: { key: string; rule: RateLimitRule }[],
  attempt: () => Promise<{ failed: boolean; value: T }>,
  now: Date,
): Promise<Limited<T>> {
  // One order for every caller, so two attempts locking the same keys cannot deadlock.
  const ordered = [...checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const taken: { key: string; rule: RateLimitRule; count: number; windowStart: Date; stored: boolean }[] = [];
  for (const { key, rule } of ordered) {
    const row = await counters.take(key, now);
    const open = row.windowStart.getTime() + rule.windowMs > now.getTime();
    taken.push({ key, rule, count: open ? row.count : 0, windowStart: open ? row.windowStart : now, stored: row.stored });
  }
  const forgetUncounted = async () => {
    const uncounted = taken.filter((counter) => counter.stored && counter.count === 0).map((counter) => counter.key);
    if (uncounted.length) await counters.forget(uncounted);
  };
  const full = taken.filter((counter) => counter.count >= counter.rule.limit);
  if (full.length) {
    await forgetUncounted();
    const waitMs = Math.max(...full.map((counter) => counter.windowStart.getTime() + counter.rule.windowMs - now.getTime()));
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
  const { failed, value } = await attempt();
  if (!failed) {
    await forgetUncounted();
    return { limited: false, value };
  }
  for (const counter of taken) await counters.store(counter.key, counter.count + 1, counter.windowStart);
  return { limited: false, value };
}

/** The client's address as the Express server saw it (X-Forwarded-For is trusted only behind a proxy). */
export function clientAddress(request: Request): string {
  return request.headers.get("X-Client-Address") ?? "unknown";
}
