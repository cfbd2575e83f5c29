// Withdrawing a funded project that proved impossible, with a public reason (decision 0028): staff ask
// (requestWithdrawal, which queues a recount job), the job counts the round without the project, and
// applyWithdrawal writes it all in one transaction: the project WITHDRAWN, the changed statuses and the next
// published version. Checks the round's phase and the proposal's status itself; routes check permissions.
import { moveProposal, moveProposals } from "~/proposals/status.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db, Tx } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { refused, refusedOnRollBack, type Refused, type Result } from "~/kernel/result";
import { resultsArePublished, type Phase } from "~/rounds/phases";
import { tallyJobQueued } from "./job-signal.server";
import type { RoundOutcome } from "./outcome";
import { roundState } from "./round-state.server";
import { nextVersion } from "./stored.server";
import type { Withdrawing } from "./tally.server";

/** Whether a recount of the round is queued or counting (a second withdrawal waits for it). */
async function recountPending(tx: Tx, roundId: string): Promise<boolean> {
  return (await tx.tallyJob.count({ where: { roundId, kind: "RECOUNT", status: { in: ["QUEUED", "RUNNING"] } } })) > 0;
}

/** Queues the recount that withdraws a funded project (requestWithdrawal checked the request). */
async function queueRecount(tx: Tx, input: { roundId: string; state: string; withdrawing: Withdrawing; requestedById: string }): Promise<string> {
  const job = await tx.tallyJob.create({
    data: { roundId: input.roundId, kind: "RECOUNT", roundState: input.state, input: JSON.stringify(input.withdrawing), requestedById: input.requestedById },
  });
  return job.id;
}

type Round = { phase: Phase; originalLocale: string };
type Proposal = { id: string; status: "FUNDED" | "IN_PROGRESS"; number: number | null };

/** Why a withdrawal of this project in this round cannot go ahead, or the round and the project. */
async function withdrawable(tx: Tx, roundId: string, proposalId: string): Promise<Refused | { round: Round; proposal: Proposal }> {
  const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, originalLocale: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (!resultsArePublished(round.phase)) return refused(409, "results:errors.notPublished");
  const proposal = await tx.proposal.findUnique({ where: { id: proposalId }, select: { id: true, roundId: true, status: true, number: true } });
  if (!proposal || proposal.roundId !== roundId) return refused(404, "results:errors.unknownProject");
  if (proposal.status !== "FUNDED" && proposal.status !== "IN_PROGRESS") return refused(409, "results:errors.notFunded");
  return { round, proposal: { ...proposal, status: proposal.status } };
}

/**
 * Staff withdraw a funded project, with a public reason: checked now, counted by a recount job (one at a time
 * per round: a second withdrawal waits until the first is published). Nothing changes until the job applies it.
 */
export async function requestWithdrawal(db: Db, actorId: string, roundId: string, input: Withdrawing): Promise<Result<{ jobId: string }>> {
  const queued = await refusedOnRollBack(() =>
    db.$transaction(async (tx) => {
      const checked = await withdrawable(tx, roundId, input.proposalId);
      if ("ok" in checked) return checked;
      // Writing the round's row takes its lock (PostgreSQL): two withdrawals at once queue one after the other.
      await tx.budgetRound.updateMany({ where: { id: roundId, phase: checked.round.phase }, data: { phase: checked.round.phase } });
      if (await recountPending(tx, roundId)) return refused(409, "results:errors.recountPending");
      const state = await roundState(tx, roundId);
      const jobId = await queueRecount(tx, {
        roundId,
        state: state!,
        withdrawing: { proposalId: input.proposalId, reason: input.reason, reasonLocale: input.reasonLocale },
        requestedById: actorId,
      });
      return { ok: true, jobId } as const;
    }),
  );
  if (queued.ok) tallyJobQueued();
  return queued;
}

/**
 * Applies a recount (inside the job's transaction, after it checked the round is as counted): the project
 * becomes WITHDRAWN, projects the recount funds become FUNDED, a FUNDED project it no longer funds becomes
 * NOT_FUNDED (greedy and Equal Shares are not monotone, so this can happen), one already IN_PROGRESS or
 * REALISED keeps its status and the change says so; the outcome is published as the next version, audited as
 * the staff member's who asked.
 */
export async function applyWithdrawal(
  tx: Tx,
  input: { actorId: string; roundId: string; outcome: RoundOutcome } & Withdrawing,
): Promise<Result<{ version: number; newlyFunded: string[]; noLongerFunded: string[] }>> {
  const { actorId, roundId, outcome } = input;
  const checked = await withdrawable(tx, roundId, input.proposalId);
  if ("ok" in checked) return checked;
  const { round, proposal } = checked;
  const moved = await moveProposal(tx, proposal.id, {
    from: proposal.status,
    to: "WITHDRAWN",
    note: input.reason,
    noteLocale: input.reasonLocale ?? undefined,
    data: { withdrawnReason: input.reason, withdrawnReasonLocale: input.reasonLocale },
  });
  if (!moved) return refused(409, "results:errors.stale");
  const statuses = new Map(
    (await tx.proposal.findMany({ where: { id: { in: outcome.projects.map((project) => project.proposalId) } }, select: { id: true, status: true } })).map(
      (row) => [row.id, row.status],
    ),
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
  const noteLocale = isLocale(round.originalLocale) ? round.originalLocale : "nl";
  const t = await fixedT(noteLocale, "results");
  // Stored in the timeline exactly as written (no bidi isolates: the page isolates the note as a whole).
  const note = t("recount.eventNote", { number: proposal.number, interpolation: { escapeValue: false } });
  await moveProposals(tx, newlyFunded, { from: "NOT_FUNDED", to: "FUNDED", note, noteLocale });
  await moveProposals(tx, noLongerFunded, { from: "FUNDED", to: "NOT_FUNDED", note, noteLocale });
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
  return { ok: true, version, newlyFunded, noLongerFunded };
}
