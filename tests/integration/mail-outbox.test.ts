// The mail outbox (decision 0027): queued in the caller's transaction, claimed once among several
// claimers, retried with backoff, taken over when a claim runs out, pruned, and gone with its account.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { readOutbox } from "~/mail/mailer.server";
import { startMailDelivery } from "~/mail/delivery.server";
import { deliverDueMail, deliverySettings, pruneSentMail, queueMail } from "~/mail/outbox.server";
import { aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const HOUR = 3_600_000;
const message = (to: string, subject = "Onderwerp") => ({ to, subject, text: "Tekst", locale: "nl" });

/** tests/support/deliver-mail.ts in its own process: `ready` once connected, then `go()` starts one delivery pass. */
function otherInstance(env: Record<string, string>) {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["tests/support/deliver-mail.ts"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.startsWith("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`deliver-mail exited with ${code}: ${output}`)));
  });
  const done = new Promise<{ sent: number }>((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(output.slice("ready\n".length))) : reject(new Error(`deliver-mail exited with ${code}: ${output}`)),
    ),
  );
  return { ready, done, go: () => child.stdin.write("go\n") };
}

describe.each(testProviders())("the mail outbox on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let scratch: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    scratch = await mkdtemp(path.join(os.tmpdir(), "wb-mail-"));
  });

  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    env = { DATABASE_URL: database.url, OUTBOX_DIR: await mkdtemp(path.join(scratch, "outbox-")) };
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("keeps a message only if the transaction that queued it commits, and sends it with its Message-ID", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await queueMail(tx, message("weg@example.org"));
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    await db.$transaction((tx) => queueMail(tx, message("blijft@example.org")));

    expect(await deliverDueMail(db, deliverySettings(env))).toEqual({ sent: 1, retried: 0, failed: 0 });
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ to: "blijft@example.org", attempts: 1, claimedBy: null, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.messageId).toBe(`<${row.id}@localhost>`);
    expect(await readOutbox(env)).toMatchObject([{ to: "blijft@example.org", subject: "Onderwerp", messageId: row.messageId }]);
    // Sent: nothing is due any more.
    expect(await deliverDueMail(db, deliverySettings(env))).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("sends scheduled mail when it is due, not before", async () => {
    await queueMail(db, message("later@example.org"), { dueAt: new Date(Date.now() + HOUR) });
    expect(await deliverDueMail(db, deliverySettings(env))).toEqual({ sent: 0, retried: 0, failed: 0 });
    await db.outboxMessage.updateMany({ data: { dueAt: new Date() } });
    expect(await deliverDueMail(db, deliverySettings(env))).toMatchObject({ sent: 1 });
  });

  it("sends each message once when several instances deliver at the same time", async () => {
    for (let i = 0; i < 200; i++) await queueMail(db, message(`buur${i}@example.org`));
    // Two other processes (as other instances or worker processes) and this one, started together.
    const others = [otherInstance(env), otherInstance(env)];
    await Promise.all(others.map((other) => other.ready));
    for (const other of others) other.go();
    const outcomes = await Promise.all([deliverDueMail(db, deliverySettings(env)), ...others.map((other) => other.done)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.sent, 0)).toBe(200);
    const delivered = (await readOutbox(env)).map((entry) => entry.to);
    expect(delivered).toHaveLength(200);
    expect(new Set(delivered).size).toBe(200);
    expect(await db.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
  });

  it("takes over a message whose claim ran out (a dead instance's), and leaves one claimed now alone", async () => {
    await queueMail(db, message("verlaten@example.org"));
    await queueMail(db, message("bezig@example.org"));
    await db.outboxMessage.updateMany({
      where: { to: "verlaten@example.org" },
      data: { claimedBy: "dead", claimedUntil: new Date(Date.now() - 1000), attempts: 1 },
    });
    await db.outboxMessage.updateMany({
      where: { to: "bezig@example.org" },
      data: { claimedBy: "alive", claimedUntil: new Date(Date.now() + HOUR), attempts: 1 },
    });

    expect(await deliverDueMail(db, deliverySettings(env))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await readOutbox(env)).map((entry) => entry.to)).toEqual(["verlaten@example.org"]);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { to: "verlaten@example.org" } })).toMatchObject({ attempts: 2, claimedBy: null });
    expect(await db.outboxMessage.findFirstOrThrow({ where: { to: "bezig@example.org" } })).toMatchObject({ sentAt: null, claimedBy: "alive" });
  });

  it("retries a failed attempt later, waiting twice as long each time, and gives up after the last attempt", async () => {
    // A file where the outbox folder should be: every attempt fails.
    const blocked = path.join(scratch, `blocked-${Date.now()}`);
    await writeFile(blocked, "");
    const settings = { ...deliverySettings({ OUTBOX_DIR: blocked }), retryMs: 60_000, maxAttempts: 3 };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await queueMail(db, message("onbereikbaar@example.org"));
      const dueAfter = async (attempt: number) => {
        const before = Date.now();
        expect(await deliverDueMail(db, settings)).toEqual(attempt < 3 ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 });
        const row = await db.outboxMessage.findFirstOrThrow();
        expect(row).toMatchObject({ attempts: attempt, claimedBy: null, lastError: expect.stringMatching(/EEXIST|ENOTDIR/) });
        // Not due again before its backoff has passed; made due now to go on.
        expect(await deliverDueMail(db, settings)).toEqual({ sent: 0, retried: 0, failed: 0 });
        await db.outboxMessage.updateMany({ data: { dueAt: new Date() } });
        return row.dueAt.getTime() - before;
      };
      const first = await dueAfter(1);
      const second = await dueAfter(2);
      expect(first).toBeGreaterThanOrEqual(60_000);
      expect(second).toBeGreaterThanOrEqual(120_000);
      expect(second).toBeLessThan(121_000);
      await dueAfter(3);
      const row = await db.outboxMessage.findFirstOrThrow();
      expect(row.failedAt).toBeInstanceOf(Date);
      expect(row.sentAt).toBeNull();
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(`Mail ${row.messageId} given up after 3 attempt(s)`));
    } finally {
      logged.mockRestore();
    }
  });

  it("empties the body of messages sent a day ago and deletes them after 30 days", async () => {
    const now = new Date();
    for (const to of ["vers@example.org", "gisteren@example.org", "oud@example.org", "wacht@example.org"]) await queueMail(db, message(to));
    await db.outboxMessage.updateMany({ where: { to: "vers@example.org" }, data: { sentAt: new Date(now.getTime() - HOUR) } });
    await db.outboxMessage.updateMany({ where: { to: "gisteren@example.org" }, data: { sentAt: new Date(now.getTime() - 23 * HOUR) } });
    await db.outboxMessage.updateMany({ where: { to: "oud@example.org" }, data: { sentAt: new Date(now.getTime() - 30 * 24 * HOUR) } });

    expect(await pruneSentMail(db, now)).toEqual({ emptied: 2, deleted: 1 });
    const rows = await db.outboxMessage.findMany({ orderBy: { to: "asc" } });
    expect(rows.map((row) => [row.to, row.subject, row.text])).toEqual([
      ["gisteren@example.org", "", ""],
      ["vers@example.org", "Onderwerp", "Tekst"],
      ["wacht@example.org", "Onderwerp", "Tekst"],
    ]);
  });

  it("deletes the messages to an account's address with the account", async () => {
    const person = await aUser(db, { email: "vertrekt@example.org" });
    await queueMail(db, message("vertrekt@example.org"));
    await queueMail(db, message("blijft@example.org"));
    await db.user.delete({ where: { id: person.id } });
    expect((await db.outboxMessage.findMany()).map((row) => row.to)).toEqual(["blijft@example.org"]);
  });

  it("has the server's worker send what this process queues at once, not at the next poll, and stop cleanly", async () => {
    const delivery = startMailDelivery({ ...env, MAIL_POLL_MS: "60000" }, db);
    const files = async () => (await readdir(env.OUTBOX_DIR!)).filter((name) => name.endsWith(".json"));
    try {
      // Still uncommitted when the worker first looks (on PostgreSQL it cannot see the row yet).
      await db.$transaction(async (tx) => {
        await queueMail(tx, message("meteen@example.org"));
        await sleep(100);
      });
      const deadline = Date.now() + 1500;
      while ((await files()).length === 0 && Date.now() < deadline) await sleep(10);
      expect(await files()).toHaveLength(1);
    } finally {
      await delivery.stop();
    }
    await queueMail(db, message("na-de-stop@example.org"));
    await sleep(200);
    expect(await files()).toHaveLength(1);
  });
});
