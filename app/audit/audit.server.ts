import type { Db } from "~/db.server";

type Client = Pick<Db, "auditLog">;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit entry; pass the transaction client so the entry commits with the change it records. */
export async function recordAudit(client: Client, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export async function auditTrail(db: Db, filter: { entityType?: string; entityId?: string; take?: number } = {}) {
  return db.auditLog.findMany({
    where: { entityType: filter.entityType, entityId: filter.entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: filter.take ?? 200,
    include: { actor: { select: { name: true, email: true } } },
  });
}
