import { recordAudit } from "~/audit/audit.server";
import { inTransaction, type Db, type Tx } from "~/db.server";
import { fieldRefused, refused, type Result } from "~/kernel/result";
import { setupIsOpen } from "./phases";

/** The round, while its rules and themes may still change. */
async function editableRound(db: Db | Tx, roundId: string): Promise<Result<{ budgetCents: number }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, budgetCents: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (!setupIsOpen(round.phase)) return refused(409, "proposals:rulesPage.locked");
  return { ok: true, budgetCents: round.budgetCents };
}

export async function updateRoundRules(
  db: Db | Tx,
  actorId: string,
  roundId: string,
  rules: {
    minAmount: number | null;
    maxAmount: number | null;
    maxSharePercent: number | null;
    organisationsMaySubmit: boolean;
    teamsMayCreateEvents: boolean;
  },
): Promise<Result> {
  const round = await editableRound(db, roundId);
  if (!round.ok) return round;
  for (const field of ["minAmount", "maxAmount"] as const) {
    const amount = rules[field];
    if (amount !== null && amount > round.budgetCents) return fieldRefused(field, "proposal-form:validation.aboveBudget");
  }
  const data = {
    minAmountCents: rules.minAmount,
    maxAmountCents: rules.maxAmount,
    maxSharePercent: rules.maxSharePercent,
    organisationsMaySubmit: rules.organisationsMaySubmit,
    teamsMayCreateEvents: rules.teamsMayCreateEvents,
  };
  await inTransaction(db, async (tx) => {
    await tx.budgetRound.update({ where: { id: roundId }, data });
    await recordAudit(tx, { actorId, action: "round.rules", entityId: roundId, details: data });
  });
  return { ok: true };
}

export async function addCategory(db: Db | Tx, actorId: string, roundId: string, names: Record<string, string>): Promise<Result> {
  const round = await editableRound(db, roundId);
  if (!round.ok) return round;
  const filled = Object.fromEntries(Object.entries(names).filter(([, name]) => name));
  await inTransaction(db, async (tx) => {
    const { _max } = await tx.category.aggregate({ where: { roundId }, _max: { position: true } });
    const category = await tx.category.create({ data: { roundId, position: (_max.position ?? -1) + 1, names: JSON.stringify(filled) } });
    await recordAudit(tx, { actorId, action: "round.category-add", entityId: roundId, details: { categoryId: category.id, names: filled } });
  });
  return { ok: true };
}

export async function removeCategory(db: Db, actorId: string, roundId: string, categoryId: string): Promise<Result> {
  const round = await editableRound(db, roundId);
  if (!round.ok) return round;
  // Submitted proposals keep their theme: it cannot be taken away from under them.
  const used = await db.proposal.count({ where: { categoryId, status: { not: "DRAFT" } } });
  if (used > 0) return refused(409, "proposals:rulesPage.categoryInUse");
  const removed = await db.$transaction(async (tx) => {
    const result = await tx.category.deleteMany({ where: { id: categoryId, roundId } });
    if (result.count) {
      await recordAudit(tx, { actorId, action: "round.category-remove", entityId: roundId, details: { categoryId } });
    }
    return result.count;
  });
  return removed ? { ok: true } : refused(404, "proposals:errors.unknown");
}
