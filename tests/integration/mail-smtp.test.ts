// Delivery over SMTP (decision 0027) to a real SMTP server in this process (smtp-server) that refuses
// mail for a while: retried with backoff under one Message-ID, accepted once; a message whose
// sender died before marking it is sent again by another claimer, recognisably the same.
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { sendMail } from "~/mail/mailer.server";
import { deliverDueMail, deliverySettings, queueMail } from "~/mail/outbox.server";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

interface Received {
  messageId: string;
  at: number;
  accepted: boolean;
}

/** An SMTP server on a free port that answers the first `refusals` messages with `code`, then accepts. */
async function refusingSmtpServer() {
  const received: Received[] = [];
  const refusal = { count: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        const accepted = received.filter((message) => !message.accepted).length >= refusal.count;
        received.push({ messageId: raw.match(/^Message-ID:\s*(\S+)/im)?.[1] ?? "", at: Date.now(), accepted });
        if (accepted) return callback();
        callback(Object.assign(new Error(refusal.code === 451 ? "Try again later" : "No such mailbox"), { responseCode: refusal.code }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** From now on the next `count` messages are refused with `code`. */
    refuse(count: number, code = 451) {
      received.length = 0;
      Object.assign(refusal, { count, code });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(testProviders())("mail over SMTP on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let smtp: Awaited<ReturnType<typeof refusingSmtpServer>>;
  const settings = () => ({ ...deliverySettings({ SMTP_URL: smtp.url }), retryMs: 100, maxAttempts: 5 });

  /** Delivery passes, each when the next attempt is due, until the one message is sent or given up (10 s at most). */
  async function deliverUntilSettled() {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await deliverDueMail(db, settings());
      const row = await db.outboxMessage.findFirstOrThrow();
      if (row.sentAt || row.failedAt || Date.now() > deadline) return row;
      await sleep(Math.max(0, row.dueAt.getTime() - Date.now()) + 5);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    smtp = await refusingSmtpServer();
  });

  beforeEach(() => db.outboxMessage.deleteMany());

  afterAll(async () => {
    await smtp?.close();
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("retries while the server refuses (451), waiting twice as long each time, and sends the message once, under one Message-ID", async () => {
    smtp.refuse(2);
    await queueMail(db, { to: "ivan@example.org", subject: "Поздрави", text: "Текст", locale: "bg" });
    const row = await deliverUntilSettled();

    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ attempts: 3, failedAt: null, lastError: expect.stringContaining("451") });
    expect(smtp.received.map((message) => message.accepted)).toEqual([false, false, true]);
    expect(smtp.received.map((message) => message.messageId)).toEqual([row.messageId, row.messageId, row.messageId]);
    const [first, second, third] = smtp.received.map((message) => message.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
  });

  it("gives up at once when the server refuses for good (550)", async () => {
    smtp.refuse(1, 550);
    await queueMail(db, { to: "niemand@example.org", subject: "Onderwerp", text: "Tekst", locale: "nl" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const row = await deliverUntilSettled();
      expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringContaining("550") });
      expect(row.failedAt).toBeInstanceOf(Date);
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
    expect(smtp.received).toHaveLength(1);
  });

  it("sends again, with the same Message-ID, a message whose sender died before marking it sent", async () => {
    smtp.refuse(0);
    await queueMail(db, { to: "elif@example.org", subject: "Konu", text: "Metin", locale: "tr" });
    // A dead instance: it claimed the message, sent it, and died before marking it (its claim ran out).
    const claimed = await db.outboxMessage.findFirstOrThrow();
    await db.outboxMessage.update({ where: { id: claimed.id }, data: { claimedBy: "dead", claimedUntil: new Date(Date.now() - 1), attempts: 1 } });
    await sendMail({ ...claimed, headers: undefined }, { SMTP_URL: smtp.url });

    const other = createPrismaClient(database.url);
    try {
      expect(await deliverDueMail(other, settings())).toEqual({ sent: 1, retried: 0, failed: 0 });
    } finally {
      await other.$disconnect();
    }
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({ attempts: 2, claimedBy: null, sentAt: expect.any(Date) });
    // Twice at the server, recognisably one message.
    expect(smtp.received.map((message) => [message.messageId, message.accepted])).toEqual([
      [claimed.messageId, true],
      [claimed.messageId, true],
    ]);
  });
});
