// The hourly clean-up of every capability's expired rows, composed here at the top of app/ (like entry and db)
// so that no capability folder imports the others for it. What is kept for how long: app/privacy/retention.ts.
import { pruneAuditDetails } from "~/audit/audit.server";
import { pruneExpired } from "~/auth/maintenance.server";
import { db, type Db } from "~/db.server";
import { pruneExpiredRsvps, prunePastRsvps } from "~/events/events.server";
import { pruneSentMail } from "~/mail/outbox.server";
import { prunePanelInvites } from "~/panel/panel.server";
import { pruneProposalInvites } from "~/proposals/proposals.server";
import { eraseExpiredHidden } from "~/moderation/moderation.server";
import { pruneNotifications } from "~/notifications/notify.server";
import { pruneFinishedJobs } from "~/results/jobs.server";
import { erasePlainCodes, pruneDeletedVoters, pruneVoterLists } from "~/voting/voting.server";

/** Deletes and erases, at `now`, everything kept long enough (tests call it at a chosen moment). */
export async function pruneDueRows(db: Db, now = new Date()): Promise<void> {
  await pruneExpired(db, now);
  await pruneExpiredRsvps(db, now);
  await prunePastRsvps(db, now);
  await pruneProposalInvites(db, now);
  await prunePanelInvites(db, now);
  await erasePlainCodes(db, now);
  await pruneVoterLists(db, now);
  await pruneDeletedVoters(db);
  await pruneSentMail(db, now);
  await pruneAuditDetails(db, now);
  await pruneFinishedJobs(db, now);
  await eraseExpiredHidden(db, now);
  await pruneNotifications(db, now);
}

/** Called by the server at start and every hour; failures are logged, never fatal. */
export async function pruneExpiredRows(): Promise<void> {
  try {
    await pruneDueRows(db());
  } catch (error) {
    console.error("Pruning expired rows failed:", error);
  }
}
