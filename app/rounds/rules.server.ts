import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db.server";
import { setupIsOpen } from "./phases";

export type RulesResult = { ok: true } | { ok: false; status: 400 | 404 | 409; error: string; field?: string };

async function editableRound(db: Db, roundId: string): Promise<RulesResult> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, budgetCents: true } });
  if (!round) return { ok: false, status: 404, error: "rounds:errors.round-unknown" };
  if (!setupIsOpen(round.phase)) return { ok: false, status: 409, error: "proposals:rulesPage.locked" };
  return { ok: true };
}

export async function updateRoundRules(
  db: Db,
  actorId: string,
  roundId: string,
  rules: {
    minAmount: number | null;
    maxAmount: number | null;
    maxSharePercent: number | null;
    organisationsMaySubmit: boolean;
    teamsMayCreateEvents: boolean;
  },
): Promise<RulesResult> {
  const check = await editableRound(db, roundId);
  if (!check.ok) return check;
  const { budgetCents } = await db.budgetRound.findUniqueOrThrow({ where: { id: roundId }, select: { budgetCents: true } });
  for (const field of ["minAmount", "maxAmount"] as const) {
    const amount = rules[field];
    if (amount !== null && amount > budgetCents) return { ok: false, status: 400, error: "proposals:validation.aboveBudget", field };
  }
  const data = {
    minAmountCents: rules.minAmount,
    maxAmountCents: rules.maxAmount,
    maxSharePercent: rules.maxSharePercent,
    organisationsMaySubmit: rules.organisationsMaySubmit,
    teamsMayCreateEvents: rules.teamsMayCreateEvents,
  };
  await db.$transaction(async (tx) => {
    await tx.budgetRound.update({ where: { id: roundId }, data });
    await recordAudit(tx, { actorId, action: "round.rules", entityType: "BudgetRound", entityId: roundId, details: data });
  });
  return { ok: true };
}

export async function addCategory(db: Db, actorId: string, roundId: string, names: Record<string, string>): Promise<RulesResult> {
  const check = await editableRound(db, roundId);
  if (!check.ok) return check;
  const filled = Object.fromEntries(Object.entries(names).filter(([, name]) => name));
  await db.$transaction(async (tx) => {
    const { _max } = await tx.category.aggregate({ where: { roundId }, _max: { position: true } });
    const category = await tx.category.create({ data: { roundId, position: (_max.position ?? -1) + 1, names: JSON.stringify(filled) } });
    await recordAudit(tx, { actorId, action: "round.category-add", entityType: "BudgetRound", entityId: roundId, details: { categoryId: category.id, names: filled } });
  });
  return { ok: true };
}

export async function removeCategory(db: Db, actorId: string, roundId: string, categoryId: string): Promise<RulesResult> {
  const check = await editableRound(db, roundId);
  if (!check.ok) return check;
  // Submitted proposals keep their theme: it cannot be taken away from under them.
  const used = await db.proposal.count({ where: { categoryId, status: { not: "DRAFT" } } });
  if (used > 0) return { ok: false, status: 409, error: "proposals:rulesPage.categoryInUse" };
  const removed = await db.$transaction(async (tx) => {
    const result = await tx.category.deleteMany({ where: { id: categoryId, roundId } });
    if (result.count) {
      await recordAudit(tx, { actorId, action: "round.category-remove", entityType: "BudgetRound", entityId: roundId, details: { categoryId } });
    }
    return result.count;
  });
  return removed ? { ok: true } : { ok: false, status: 404, error: "proposals:errors.unknown" };
}
