import type { Db } from "~/db.server";
import { keptSince } from "~/privacy/retention";
import { AUDITED, peopleFieldsOf, undeclaredFields, type AuditAction, type AuditDetails } from "./actions";

type Client = Pick<Db, "auditLog">;

export interface AuditEntry<A extends AuditAction> {
  actorId: string | null;
  action: A;
  /** The record the action is about; its kind comes from the action's declaration (actions.ts). */
  entityId: string;
  details?: AuditDetails<A>;
}

/**
 * Writes one audit entry; pass the transaction client so the entry commits with the change it
 * records. Only the detail fields the action declares may be recorded: anything else is a bug.
 */
export async function recordAudit<A extends AuditAction>(client: Client, entry: AuditEntry<A>): Promise<void> {
  const details = (entry.details ?? {}) as Record<string, unknown>;
  const undeclared = undeclaredFields(entry.action, details);
  if (undeclared.length) throw new Error(`The audit action ${entry.action} does not declare ${undeclared.join(", ")}`);
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: AUDITED[entry.action].entity,
      entityId: entry.entityId,
      details: JSON.stringify(details),
    },
  });
}

/** The detail fields of an entry with each person's account id replaced by their name. */
function withNames(action: string, details: string, names: Map<string, string>): string {
  const people = peopleFieldsOf(action);
  if (people.length === 0) return details;
  const parsed = JSON.parse(details) as Record<string, unknown>;
  for (const field of people) {
    const id = parsed[field];
    if (typeof id === "string") parsed[field] = names.get(id) ?? id;
  }
  return JSON.stringify(parsed);
}

/** Audit entries, newest first, with the people in their details shown by name. */
export async function auditTrail(db: Db, filter: { entityType?: string; entityId?: string; take?: number } = {}) {
  const entries = await db.auditLog.findMany({
    where: { entityType: filter.entityType, entityId: filter.entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: filter.take ?? 200,
    include: { actor: { select: { name: true, email: true } } },
  });
  const ids = new Set<string>();
  for (const entry of entries) {
    const people = peopleFieldsOf(entry.action);
    const details = people.length ? (JSON.parse(entry.details) as Record<string, unknown>) : {};
    for (const field of people) if (typeof details[field] === "string") ids.add(details[field]);
  }
  const names = new Map((await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  return entries.map((entry) => ({ ...entry, details: withNames(entry.action, entry.details, names) }));
}

/**
 * Empties the details of entries two years old (values before and after, reasons, which may name or
 * describe people); who did what to which record, and when, stays (with the other expired rows).
 */
export async function pruneAuditDetails(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.auditLog.updateMany({ where: { at: { lte: keptSince("auditDetails", now) }, NOT: { details: "{}" } }, data: { details: "{}" } });
  return count;
}
