import { changesOf } from "~/audit/actions";
import { recordAudit } from "~/audit/audit.server";
import { inTransaction, type Db, type Tx } from "~/db.server";
import { filledTranslations } from "~/i18n/content";
import { fieldRefused, refused, refusedOnRollBack, rollBack, type Refused, type Result } from "~/kernel/result";
import { checkTransition, closesVotingEarly, isPublicPhase, runningFirst, ROUND_DATE_FIELDS, setupIsOpen, type Phase } from "./phases";
import type { RoundInput } from "./schema";

const roundInclude = {
  translations: true,
  neighbourhood: { select: { id: true, slug: true, name: true, city: true } },
} as const;

/** The home page's list: neighbourhoods with a running round first, then the others, each by city and name. */
export async function listNeighbourhoodsWithRounds(db: Db, options: { includeDrafts: boolean }) {
  const neighbourhoods = await db.neighbourhood.findMany({
    orderBy: [{ city: "asc" }, { name: "asc" }],
    include: {
      rounds: {
        where: options.includeDrafts ? {} : { phase: { not: "DRAFT" } },
        orderBy: { createdAt: "desc" },
        include: { translations: true },
      },
    },
  });
  return runningFirst(neighbourhoods);
}

export async function neighbourhoodBySlug(db: Db, slug: string, options: { includeDrafts: boolean }) {
  return db.neighbourhood.findUnique({
    where: { slug },
    include: {
      rounds: {
        where: options.includeDrafts ? {} : { phase: { not: "DRAFT" } },
        orderBy: { createdAt: "desc" },
        include: { translations: true },
      },
    },
  });
}

/** A round as the public may see it: null for an unknown round, and for a DRAFT unless staff asks. */
export async function roundById(db: Db, id: string, options: { includeDrafts: boolean }) {
  const round = await db.budgetRound.findUnique({ where: { id }, include: roundInclude });
  if (!round) return null;
  if (!options.includeDrafts && !isPublicPhase(round.phase)) return null;
  return round;
}

export async function listRoundsForStaff(db: Db) {
  return db.budgetRound.findMany({ orderBy: [{ createdAt: "desc" }], include: roundInclude });
}

/** The neighbourhoods offered for a round or an event: every one not archived, and the one it already has (`including`). */
export async function listNeighbourhoods(db: Db, options: { including?: string } = {}) {
  const where = options.including ? { OR: [{ archivedAt: null }, { id: options.including }] } : { archivedAt: null };
  return db.neighbourhood.findMany({ where, orderBy: [{ city: "asc" }, { name: "asc" }], select: { id: true, name: true, city: true } });
}

export async function createRound(db: Db | Tx, actorId: string, input: RoundInput): Promise<Result<{ id: string }>> {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId } });
  if (!neighbourhood || neighbourhood.archivedAt) return fieldRefused("neighbourhoodId", "rounds:errors.neighbourhood-unknown");
  const id = await inTransaction(db, async (tx) => {
    const round = await tx.budgetRound.create({
      data: {
        neighbourhoodId: input.neighbourhoodId,
        originalLocale: input.originalLocale,
        budgetCents: input.budget,
        hasReview: input.hasReview,
        ...input.dates,
        translations: { create: filledTranslations(input.translations) },
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "round.create",
      entityId: round.id,
      details: { budgetCents: input.budget, hasReview: input.hasReview, neighbourhoodId: input.neighbourhoodId },
    });
    return round.id;
  });
  return { ok: true, id };
}

export async function updateRound(db: Db, actorId: string, roundId: string, input: RoundInput): Promise<Result<{ id: string }>> {
  return db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
    const round = await tx.budgetRound.findUnique({ where: { id: roundId } });
    if (!round) return refused(409, "errors:roundUnknown");
    if (input.neighbourhoodId !== round.neighbourhoodId) {
      const exists = await tx.neighbourhood.findFirst({ where: { id: input.neighbourhoodId, archivedAt: null }, select: { id: true } });
      if (round.phase !== "DRAFT" || !exists) return refused(409, "rounds:errors.neighbourhood-unknown");
    }
    if (input.budget !== round.budgetCents && !setupIsOpen(round.phase)) return refused(409, "rounds:errors.budget-locked");
    if (input.hasReview !== round.hasReview && !setupIsOpen(round.phase)) return refused(409, "rounds:errors.review-locked");
    const changed = {
      neighbourhoodId: input.neighbourhoodId,
      originalLocale: input.originalLocale,
      budgetCents: input.budget,
      hasReview: input.hasReview,
      ...input.dates,
    };
    await tx.budgetRound.update({ where: { id: roundId }, data: changed });
    await tx.roundTranslation.deleteMany({ where: { roundId } });
    await tx.roundTranslation.createMany({ data: filledTranslations(input.translations).map((row) => ({ ...row, roundId })) });
    await recordAudit(tx, {
      actorId,
      action: "round.update",
      entityId: roundId,
      details: {
        ...changesOf(round, changed, ["neighbourhoodId", "originalLocale", "budgetCents", "hasReview", ...ROUND_DATE_FIELDS]),
        translations: filledTranslations(input.translations).map((row) => row.locale),
      },
    });
    return { ok: true, id: roundId };
  });
}

/**
 * What other capabilities do inside the transaction that moves a round: voting opens its ballot when
 * voting starts (voting's `openBallot`). A refusal rolls the move back. Required, so no caller can
 * open voting without a ballot; passed in, so rounds does not depend on voting.
 */
export interface PhaseHooks {
  openVoting: (tx: Tx, roundId: string) => Promise<Refused | null>;
}

/** Voting cannot open in a SHORTLIST round while these admissible proposals have no panel decision. */
export type PanelUndecided = Refused & {
  undecided: { id: string; number: number | null; originalLocale: string; texts: { locale: string; title: string }[] }[];
};

/**
 * Moves a round one phase forward. `expectedFrom` is the phase the staff member saw: when another
 * move happened in between, nothing changes ("stale"). The move and its audit entry commit together.
 * Closing voting before its announced end is refused unless `closeEarly` confirms it.
 */
export async function advancePhase(
  db: Db,
  actorId: string,
  roundId: string,
  expectedFrom: Phase,
  to: Phase,
  hooks: PhaseHooks,
  options: { closeEarly?: boolean } = {},
): Promise<Result<{ phase: Phase }> | PanelUndecided> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result<{ phase: Phase }> | PanelUndecided> => {
      const round = await tx.budgetRound.findUnique({ where: { id: roundId } });
      if (!round) return refused(409, "errors:roundUnknown");
      if (round.phase !== expectedFrom) return refused(409, "rounds:errors.stale");
      const check = checkTransition(round.phase, to, { hasReview: round.hasReview });
      if (!check.ok) return refused(409, `rounds:errors.${check.reason}`);
      if (closesVotingEarly(round, to, new Date()) && !options.closeEarly) return fieldRefused("closeEarly", "rounds:advance.closeEarlyRequired", 409);
      if (round.phase === "REVIEW" && to === "VOTING") {
        // In a SHORTLIST round the ballot is what the panel shortlisted: every admissible proposal needs a decision first.
        // The refusal names every one of them, so staff know which to see to.
        const panel = await tx.panel.findUnique({ where: { roundId }, select: { mode: true } });
        if ((panel?.mode ?? "SHORTLIST") === "SHORTLIST") {
          const undecided = await tx.proposal.findMany({
            where: { roundId, status: "ADMISSIBLE" },
            orderBy: { number: "asc" },
            select: { id: true, number: true, originalLocale: true, texts: { select: { locale: true, title: true } } },
          });
          if (undecided.length > 0) return { ...refused(409, "rounds:errors.panel-undecided"), undecided };
        }
      }
      // Results go public only through the results page, which computes and publishes them together.
      if (to === "PUBLISHED") return refused(409, "rounds:errors.publish-from-results");
      // The phase in the WHERE clause makes a concurrent second move update nothing.
      const moved = await tx.budgetRound.updateMany({
        where: { id: roundId, phase: round.phase },
        data: { phase: to, phaseChangedAt: new Date() },
      });
      if (moved.count !== 1) return refused(409, "rounds:errors.stale");
      if (to === "VOTING") {
        const refusal = await hooks.openVoting(tx, roundId);
        // Rolls the phase move above back with it.
        if (refusal) rollBack(refusal);
      }
      await recordAudit(tx, {
        actorId,
        action: "round.phase",
        entityId: roundId,
        details: { from: round.phase, to },
      });
      return { ok: true, phase: to };
    }),
  );
}
