import { db, type Db } from "~/db.server";
import { deliverDueMail, deliverySettings, onMailQueued } from "./outbox.server";
// Registers the due-time tasks of notifications (digests, voting reminders) with this process's outbox.
import "~/notifications/tasks.server";

type Env = Record<string, string | undefined>;

/**
 * After this process queued a message, it looks every HURRY_MS for HURRY_WINDOW_MS: the transaction
 * that queued it may not have committed when it looked first (on PostgreSQL it sees no uncommitted row).
 */
const HURRY_MS = 50;
const HURRY_WINDOW_MS = 2000;

export interface MailDelivery {
  /** Takes no new message; resolves when the one being sent is sent and marked. */
  stop(): Promise<void>;
}

/**
 * The delivery worker of this process, started with the HTTP server (scripts/server.mjs): a pass
 * every MAIL_POLL_MS, and one at once when this process queues a message. Every instance and every
 * worker process runs one; claims keep them from sending a message twice.
 */
export function startMailDelivery(env: Env = process.env, client: Db = db()): MailDelivery {
  const settings = deliverySettings(env);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let passing: Promise<void> | null = null;
  let again = false;
  let hurryUntil = 0;

  function pass() {
    if (stopped) return;
    if (passing) {
      again = true;
      return;
    }
    clearTimeout(timer);
    passing = deliverDueMail(client, settings, () => stopped)
      .then(() => undefined)
      .catch((error: unknown) => console.error("Mail delivery failed:", error))
      .finally(() => {
        passing = null;
        if (again) {
          again = false;
          pass();
        } else if (!stopped) {
          timer = setTimeout(pass, Date.now() < hurryUntil ? HURRY_MS : settings.pollMs).unref();
        }
      });
  }

  const unsubscribe = onMailQueued(() => {
    hurryUntil = Date.now() + HURRY_WINDOW_MS;
    pass();
  });
  pass();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await passing;
    },
  };
}
