// Mail in tests that call the domain functions directly (no server, hence no delivery worker).
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "~/db.server";
import { deliverDueMail } from "~/mail/outbox.server";
// Digests and voting reminders run here as in the server (they register with the outbox).
import "~/notifications/tasks.server";

/**
 * Delivers every due message of the outbox to the outbox folder, as the worker would, and waits for
 * those another call is delivering at the same moment (up to 10 s), so readOutbox() then sees them all.
 */
export async function deliverQueuedMail(db: Db): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await deliverDueMail(db);
    const undelivered = await db.outboxMessage.count({ where: { sentAt: null, failedAt: null, dueAt: { lte: new Date() } } });
    if (!undelivered) return;
    if (Date.now() > deadline) throw new Error(`${undelivered} queued messages were not delivered within 10 s`);
    await sleep(10);
  }
}
