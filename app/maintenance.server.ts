// The hourly clean-up of every capability's expired rows, composed here at the top of app/ (like entry and db)
// so that no capability folder imports the others for it.
import { pruneExpired } from "~/auth/maintenance.server";
import { db } from "~/db.server";
import { pruneExpiredRsvps } from "~/events/events.server";
import { pruneSentMail } from "~/mail/outbox.server";
import { eraseExpiredHidden } from "~/moderation/moderation.server";
import { pruneFinishedJobs } from "~/results/jobs.server";
import { erasePlainCodes } from "~/voting/voting.server";

/** Called by the server at start and every hour; failures are logged, never fatal. */
export async function pruneExpiredRows(): Promise<void> {
  try {
    await pruneExpired(db());
    await pruneExpiredRsvps(db());
    await erasePlainCodes(db());
    await pruneSentMail(db());
    await pruneFinishedJobs(db());
    await eraseExpiredHidden(db());
  } catch (error) {
    console.error("Pruning expired rows failed:", error);
  }
}
