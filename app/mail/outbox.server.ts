// The mail outbox (decision 0027): messages are rows written in the transaction of the change they
// tell about; a delivery pass on any instance claims due rows one at a time, hands each to the
// transport and marks it sent, or schedules a retry.
import { randomUUID } from "node:crypto";
import type { Db, Prisma, Tx } from "~/db.server";
import { keptFor } from "~/privacy/retention";
import { siteUrl } from "~/security/hosts.server";
import { sendMail, type MailMessage } from "./mailer.server";
import { isPermanentFailure, retryDelay } from "./retry";

type Env = Record<string, string | undefined>;

const queuedListeners = new Set<() => void>();

/** Calls `listener` whenever this process queues a message (the delivery worker looks at once); returns the unsubscribe. */
export function onMailQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => void queuedListeners.delete(listener);
}

/**
 * Queues a message in `tx`, the transaction of the change that causes it: the message exists if and
 * only if the change does. Sent once `dueAt` (default: now) has come. A message to an account's
 * address goes when the account is deleted.
 */
export async function queueMail(tx: Db | Tx, message: MailMessage, options: { dueAt?: Date; headers?: Record<string, string> } = {}): Promise<void> {
  const id = randomUUID();
  const account = await tx.user.findUnique({ where: { email: message.to }, select: { id: true } });
  await tx.outboxMessage.create({
    data: {
      id,
      ...message,
      userId: account?.id ?? null,
      messageId: `<${id}@${new URL(siteUrl()).hostname}>`,
      dueAt: options.dueAt ?? new Date(),
      headers: options.headers ? JSON.stringify(options.headers) : null,
    },
  });
  for (const listener of queuedListeners) listener();
}

/** What a due-time task does when its row is claimed: queues the mail it stands for, in `tx`. */
export type OutboxTask = (tx: Tx, task: { argument: string; detail: string; dueAt: Date }) => Promise<void>;

const tasks = new Map<string, OutboxTask>();

/** Makes rows of task `name` runnable by this process's delivery passes (app/notifications registers its own). */
export function registerOutboxTask(name: string, run: OutboxTask): void {
  tasks.set(name, run);
}

/**
 * Queues a due-time task (a digest, a reminder) in `tx`: a row like a message, claimed once by any
 * instance when `dueAt` comes. `key` names it: queued again with the same key, it stays one row.
 */
export async function queueTask(
  tx: Db | Tx,
  task: { name: string; key: string; argument: string; detail?: string; userId?: string; dueAt: Date },
): Promise<void> {
  const messageId = `<${task.name}.${task.key}@${new URL(siteUrl()).hostname}>`;
  await tx.outboxMessage.upsert({
    where: { messageId },
    create: {
      id: randomUUID(),
      task: task.name,
      to: task.argument,
      text: task.detail ?? "",
      subject: "",
      locale: "nl",
      userId: task.userId ?? null,
      messageId,
      dueAt: task.dueAt,
    },
    update: {},
  });
  for (const listener of queuedListeners) listener();
}

export interface DeliverySettings {
  /** SMTP_URL, OUTBOX_DIR and MAIL_FROM, for the transport. */
  env: Env;
  /** How often the server's worker looks for due messages. */
  pollMs: number;
  /** How long a claim holds a row: past it, another pass may take the row (its claimer died). */
  claimMs: number;
  /** The wait after the first failed attempt; each next one waits twice as long (up to an hour). */
  retryMs: number;
  /** Attempts before a message is given up. */
  maxAttempts: number;
}

function whole(env: Env, name: string, fallback: number, minimum: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) throw new Error(`${name} must be a whole number, at least ${minimum}, not ${JSON.stringify(value)}`);
  return number;
}

/** MAIL_POLL_MS (1 s), MAIL_CLAIM_MS (2 min), MAIL_RETRY_MS (1 min) and MAIL_MAX_ATTEMPTS (10: about four hours of retries). */
export function deliverySettings(env: Env = process.env): DeliverySettings {
  return {
    env,
    pollMs: whole(env, "MAIL_POLL_MS", 1000, 1),
    claimMs: whole(env, "MAIL_CLAIM_MS", 2 * 60_000, 1),
    retryMs: whole(env, "MAIL_RETRY_MS", 60_000, 0),
    maxAttempts: whole(env, "MAIL_MAX_ATTEMPTS", 10, 1),
  };
}

/** Not sent, not given up, due, and claimed by nobody (or by a claim that has run out). */
const claimable = (now: Date) =>
  ({ sentAt: null, failedAt: null, dueAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] }) satisfies Prisma.OutboxMessageWhereInput;

/** Due rows read at a time: a claim that loses a row to another instance tries the next. */
const CANDIDATES = 10;

// The worker writes through transactions of its own, even for one statement: on SQLite every query
// of a process goes through one connection, and a plain one would run inside whichever transaction
// of the process is open (seeing its uncommitted rows, rolled back with it); a transaction waits
// until that one has ended.

async function claimNext(db: Db, claimMs: number) {
  // A read first, outside a transaction: an idle pass takes no write lock.
  const due = await db.outboxMessage.findMany({
    where: claimable(new Date()),
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: CANDIDATES,
    select: { id: true },
  });
  if (!due.length) return null;
  const claimant = randomUUID();
  return db.$transaction(async (tx) => {
    const now = new Date();
    for (const { id } of due) {
      // The conditions again in the WHERE: of several passes after one row, one updates it.
      const claimed = await tx.outboxMessage.updateMany({
        where: { id, ...claimable(now) },
        data: { claimedBy: claimant, claimedUntil: new Date(now.getTime() + claimMs), attempts: { increment: 1 } },
      });
      if (claimed.count === 1) return tx.outboxMessage.findUniqueOrThrow({ where: { id } });
    }
    return null;
  });
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claimNext>>>;

/** Writes the outcome of an attempt, if the row is still this pass's (a claim that ran out may have been taken over). */
async function settle(db: Db, row: Claimed, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<void> {
  await db.$transaction((tx) =>
    tx.outboxMessage.updateMany({ where: { id: row.id, claimedBy: row.claimedBy }, data: { ...data, claimedBy: null, claimedUntil: null } }),
  );
}

/** Runs a task's row in one transaction with its marking: its mail is queued once, or not at all. */
async function runTask(db: Db, row: Claimed & { task: string }): Promise<void> {
  const run = tasks.get(row.task);
  if (!run) throw new Error(`No handler for outbox task ${row.task} in this process`);
  await db.$transaction(async (tx) => {
    await run(tx, { argument: row.to, detail: row.text, dueAt: row.dueAt });
    const marked = await tx.outboxMessage.updateMany({
      where: { id: row.id, claimedBy: row.claimedBy },
      data: { sentAt: new Date(), claimedBy: null, claimedUntil: null },
    });
    // The claim ran out and another pass took the row: this one's work is rolled back.
    if (marked.count !== 1) throw new Error(`Outbox task ${row.messageId} was taken over`);
  });
}

async function attempt(db: Db, row: Claimed, settings: DeliverySettings): Promise<"sent" | "retried" | "failed"> {
  if (row.task) {
    try {
      await runTask(db, { ...row, task: row.task });
      return "sent";
    } catch (error) {
      return failedAttempt(db, row, settings, error);
    }
  }
  try {
    const headers = row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined;
    await sendMail({ to: row.to, locale: row.locale, subject: row.subject, text: row.text, messageId: row.messageId, headers }, settings.env);
  } catch (error) {
    return failedAttempt(db, row, settings, error);
  }
  await settle(db, row, { sentAt: new Date() });
  return "sent";
}

async function failedAttempt(db: Db, row: Claimed, settings: DeliverySettings, error: unknown): Promise<"retried" | "failed"> {
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  if (isPermanentFailure(error) || row.attempts >= settings.maxAttempts) {
    await settle(db, row, { failedAt: new Date(), lastError });
    // The Message-ID names the row; the address stays out of the log.
    console.error(`Mail ${row.messageId} given up after ${row.attempts} attempt(s): ${lastError}`);
    return "failed";
  }
  await settle(db, row, { dueAt: new Date(Date.now() + retryDelay(row.attempts, settings.retryMs)), lastError });
  return "retried";
}

/**
 * Sends due messages one at a time until none is left or `stopping()` says so. At least once: a
 * message sent by a pass that dies before marking it is sent again, with the same Message-ID, once
 * the claim has run out.
 */
export async function deliverDueMail(
  db: Db,
  settings: DeliverySettings = deliverySettings(),
  stopping: () => boolean = () => false,
): Promise<Record<"sent" | "retried" | "failed", number>> {
  const outcome = { sent: 0, retried: 0, failed: 0 };
  while (!stopping()) {
    const row = await claimNext(db, settings.claimMs);
    if (!row) break;
    outcome[await attempt(db, row, settings)]++;
  }
  return outcome;
}

const HOUR_MS = 60 * 60 * 1000;
/** The hourly clean-up runs at most an hour late: a body older than 23 hours goes within the day. */
const BODY_KEPT_MS = keptFor("mailText") - HOUR_MS;
/** Long enough to recognise a resend; then the address goes too. */
const ROW_KEPT_MS = keptFor("mailAddresses");

/** Empties the subject and text of messages sent or given up 23 hours ago, and deletes those of 30 days ago. */
export async function pruneSentMail(db: Db, now = new Date()): Promise<{ emptied: number; deleted: number }> {
  const finishedBefore = (ms: number) => {
    const before = new Date(now.getTime() - ms);
    return { OR: [{ sentAt: { lte: before } }, { failedAt: { lte: before } }] };
  };
  const emptied = await db.outboxMessage.updateMany({
    where: { ...finishedBefore(BODY_KEPT_MS), NOT: { subject: "", text: "" } },
    data: { subject: "", text: "" },
  });
  const deleted = await db.outboxMessage.deleteMany({ where: finishedBefore(ROW_KEPT_MS) });
  return { emptied: emptied.count, deleted: deleted.count };
}
