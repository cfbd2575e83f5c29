// What a count of a round depends on, as one digest (decision 0028): a tally job records the state it counts,
// and its result is published or applied only while the round still has that state.
import { createHash } from "node:crypto";
import type { Db, Tx } from "~/db.server";

/**
 * A digest of everything computeOutcome reads that can change: the round's phase and counting settings, its
 * panel's weighting, the number of ballots (ballots are only ever added, never changed or removed), the
 * projects with their statuses, costs and withdrawal reasons, and the latest stored result version. Null for
 * an unknown round. Reads one after another, so it is safe inside a transaction.
 */
export async function roundState(db: Db | Tx, roundId: string): Promise<string | null> {
  const round = await db.budgetRound.findUnique({
    where: { id: roundId },
    select: {
      phase: true,
      phaseChangedAt: true,
      budgetCents: true,
      hasReview: true,
      ballotMethod: true,
      tallyRule: true,
      panel: { select: { mode: true, weightPercent: true, scaleMax: true } },
    },
  });
  if (!round) return null;
  const ballots = await db.ballot.count({ where: { roundId } });
  const paper = await db.ballot.count({ where: { roundId, channel: "PAPER" } });
  const proposals = await db.proposal.findMany({
    where: { roundId, number: { not: null } },
    select: { id: true, status: true, requestedCents: true, cityCostCents: true, withdrawnReason: true },
    orderBy: { id: "asc" },
  });
  const latest = await db.roundResult.aggregate({ where: { roundId }, _max: { version: true } });
  const state = JSON.stringify({
    ...round,
    phaseChangedAt: round.phaseChangedAt.toISOString(),
    ballots,
    paper,
    proposals: proposals.map((row) => [row.id, row.status, row.requestedCents, row.cityCostCents, row.withdrawnReason]),
    version: latest._max.version,
  });
  return createHash("sha256").update(state).digest("base64url");
}
