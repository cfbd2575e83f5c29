// Publishing a round's result, and withdrawing a funded project that proved impossible (with a recount).
// Version 1 of a round's RoundResult is what publishResults() publishes; every withdrawal adds the next
// version, with the public reason. Every function checks the round's phase and the proposal's status
// itself; routes check permissions.
import { moveProposal, moveProposals } from "~/proposals/status.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db, Tx } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { resultsArePublished, resultsInPreview } from "~/rounds/phases";
import type { RoundOutcome } from "./outcome";
import { computeOutcome, LONG_TRANSACTION } from "./tally.server";

async function nextVersion(tx: Tx, roundId: string): Promise<number> {
  const { _max } = await tx.roundResult.aggregate({ where: { roundId }, _max: { version: true } });
  return (_max.version ?? 0) + 1;
}

/**
 * Publishes the result of a round in TALLY, all in one transaction: recounts, stores it, moves the round
 * to PUBLISHED (refused as stale when it already moved), and marks every project on the ballot FUNDED or
 * NOT_FUNDED with a timeline entry.
 */
export async function publishResults(db: Db, actorId: string, roundId: string): Promise<Result<{ version: number; outcome: RoundOutcome }>> {
  try {
    return await refusedOnRollBack(() =>
      db.$transaction(async (tx) => {
        const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
        if (!round) return refused(404, "errors:roundUnknown");
        if (!resultsInPreview(round.phase))
          return refused(409, resultsArePublished(round.phase) ? "results:errors.alreadyPublished" : "results:errors.notTally");
        const computed = await computeOutcome(tx, roundId);
        if (!computed.ok) return computed;
        const { outcome } = computed;
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
        return { ok: true, version, outcome } as const;
      }, LONG_TRANSACTION),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "results:errors.stale");
    throw error;
  }
}

/**
 * Staff withdraw a funded project that proved impossible, with a public reason: it becomes WITHDRAWN, the
 * tally is recomputed without it and published as the next version. Projects the recount funds become
 * FUNDED; a FUNDED project the recount no longer funds becomes NOT_FUNDED (greedy and Equal Shares are not
 * monotone, so this can happen); one already IN_PROGRESS or REALISED keeps its status and the change says so.
 */
export async function withdrawFunded(
  db: Db,
  actorId: string,
  roundId: string,
  input: { proposalId: string; reason: string },
): Promise<Result<{ version: number; newlyFunded: string[]; noLongerFunded: string[] }>> {
  try {
    return await refusedOnRollBack(() =>
      db.$transaction(async (tx) => {
        const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, originalLocale: true } });
        if (!round) return refused(404, "errors:roundUnknown");
        if (!resultsArePublished(round.phase)) return refused(409, "results:errors.notPublished");
        const proposal = await tx.proposal.findUnique({ where: { id: input.proposalId }, select: { id: true, roundId: true, status: true, number: true } });
        if (!proposal || proposal.roundId !== roundId) return refused(404, "results:errors.unknownProject");
        if (proposal.status !== "FUNDED" && proposal.status !== "IN_PROGRESS") return refused(409, "results:errors.notFunded");
        const moved = await moveProposal(tx, proposal.id, {
          from: proposal.status,
          to: "WITHDRAWN",
          note: input.reason,
          data: { withdrawnReason: input.reason },
        });
        if (!moved) return refused(409, "results:errors.stale");

        const computed = await computeOutcome(tx, roundId);
        if (!computed.ok) rollBack(computed);
        const { outcome } = computed;
        const statuses = new Map(
          (
            await tx.proposal.findMany({ where: { id: { in: outcome.projects.map((project) => project.proposalId) } }, select: { id: true, status: true } })
          ).map((row) => [row.id, row.status]),
        );
        const fundedNow = new Set(outcome.funded);
        const newlyFunded = outcome.funded.filter((id) => statuses.get(id) === "NOT_FUNDED");
        const noLongerFunded = outcome.projects
          .filter((project) => !fundedNow.has(project.proposalId) && statuses.get(project.proposalId) === "FUNDED")
          .map((project) => project.proposalId);
        const keptUnderWay = outcome.projects
          .filter((project) => !fundedNow.has(project.proposalId) && ["IN_PROGRESS", "REALISED"].includes(statuses.get(project.proposalId) ?? ""))
          .map((project) => project.number);
        // The timeline note is written in the round's own language, like the rest of its texts.
        const t = await fixedT(isLocale(round.originalLocale) ? round.originalLocale : "nl", "results");
        const note = t("recount.eventNote", { number: proposal.number });
        await moveProposals(tx, newlyFunded, { from: "NOT_FUNDED", to: "FUNDED", note });
        await moveProposals(tx, noLongerFunded, { from: "FUNDED", to: "NOT_FUNDED", note });
        const version = await nextVersion(tx, roundId);
        await tx.roundResult.create({
          data: { roundId, version, rule: outcome.rule, outcome: JSON.stringify(outcome), reason: input.reason, publishedAt: new Date() },
        });
        const numberOf = new Map(outcome.projects.map((project) => [project.proposalId, project.number]));
        await recordAudit(tx, {
          actorId,
          action: "results.withdraw",
          entityId: roundId,
          details: {
            proposalId: proposal.id,
            number: proposal.number,
            reason: input.reason,
            version,
            newlyFunded: newlyFunded.map((id) => numberOf.get(id)),
            noLongerFunded: noLongerFunded.map((id) => numberOf.get(id)),
            keptUnderWay,
          },
        });
        return { ok: true, version, newlyFunded, noLongerFunded } as const;
      }, LONG_TRANSACTION),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "results:errors.stale");
    throw error;
  }
}
