// Publishing a round's result: version 1 of its RoundResult is the count of a finished preview job, applied
// while the round is still as counted (withdrawals add the next versions: withdraw.server.ts). Checks the
// round's phase itself; routes check permissions.
import { moveProposals } from "~/proposals/status.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { resultsArePublished, resultsInPreview } from "~/rounds/phases";
import { previewJob } from "./jobs.server";
import { parseOutcome, type RoundOutcome } from "./outcome";
import { roundState } from "./round-state.server";
import { nextVersion } from "./stored.server";
import { LONG_TRANSACTION } from "./tally.server";
import { announceResults } from "~/notifications/tasks.server";
import { siteUrl } from "~/security/hosts.server";

const countChanged = refused(409, "results:errors.countChanged");

/**
 * Publishes the count of a finished preview job (the one staff saw: `jobId`) of a round in TALLY, all in one
 * transaction: checks the round is still in the state the job counted, stores the outcome, moves the round to
 * PUBLISHED (refused as stale when it already moved), and marks every project on the ballot FUNDED or
 * NOT_FUNDED with a timeline entry. When the round changed since the count, publishing is refused and a new
 * count starts.
 */
export async function publishResults(
  db: Db,
  actorId: string,
  roundId: string,
  jobId: string,
  baseUrl = siteUrl(),
): Promise<Result<{ version: number; outcome: RoundOutcome }>> {
  const published = await publishCount(db, actorId, roundId, jobId, baseUrl);
  if (published === countChanged) await previewJob(db, roundId);
  return published;
}

async function publishCount(
  db: Db,
  actorId: string,
  roundId: string,
  jobId: string,
  baseUrl: string,
): Promise<Result<{ version: number; outcome: RoundOutcome }>> {
  try {
    return await refusedOnRollBack(() =>
      db.$transaction(async (tx) => {
        const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
        if (!round) return refused(404, "errors:roundUnknown");
        if (!resultsInPreview(round.phase))
          return refused(409, resultsArePublished(round.phase) ? "results:errors.alreadyPublished" : "results:errors.notTally");
        const job = await tx.tallyJob.findUnique({ where: { id: jobId } });
        if (!job || job.roundId !== roundId || job.kind !== "PREVIEW") return refused(404, "results:errors.countUnknown");
        if (job.status !== "DONE") return refused(409, "results:errors.countNotReady");
        if ((await roundState(tx, roundId)) !== job.roundState) return countChanged;
        const outcome = parseOutcome(job.result);
        if (!outcome) throw new Error(`Tally job ${job.id} finished without a readable outcome`);
        // The phase in the WHERE clause makes a second, simultaneous publish change nothing.
        const moved = await tx.budgetRound.updateMany({ where: { id: roundId, phase: "TALLY" }, data: { phase: "PUBLISHED", phaseChangedAt: new Date() } });
        if (moved.count !== 1) rollBack(refused(409, "results:errors.alreadyPublished"));
        const version = await nextVersion(tx, roundId);
        await tx.roundResult.create({
          data: { roundId, version, rule: outcome.rule, outcome: JSON.stringify(outcome), publishedAt: new Date() },
        });
        const funded = new Set(outcome.funded);
        const fundedIds = outcome.projects.filter((project) => funded.has(project.proposalId)).map((project) => project.proposalId);
        const otherIds = outcome.projects.filter((project) => !funded.has(project.proposalId)).map((project) => project.proposalId);
        await moveProposals(tx, fundedIds, { from: "ON_BALLOT", to: "FUNDED" });
        await moveProposals(tx, otherIds, { from: "ON_BALLOT", to: "NOT_FUNDED" });
        await recordAudit(tx, {
          actorId,
          action: "results.publish",
          entityId: roundId,
          details: {
            from: "TALLY",
            to: "PUBLISHED",
            version,
            rule: outcome.rule,
            voters: outcome.voters,
            spentCents: outcome.spentCents,
            funded: outcome.projects.filter((project) => project.funded).map((project) => project.number),
          },
        });
        await announceResults(tx, roundId, baseUrl);
        return { ok: true, version, outcome } as const;
      }, LONG_TRANSACTION),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "results:errors.stale");
    throw error;
  }
}
