// Neighbourhoods as a city sets them up: admins create, edit, archive and delete them; staff read them.
// Every change commits with its audit entry. A neighbourhood that has rounds keeps them for good, so it is
// archived (offered for no new round), never deleted.
import { changesOf } from "~/audit/actions";
import { recordAudit } from "~/audit/audit.server";
import type { Db, Tx } from "~/db.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { fieldRefused, refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import type { NeighbourhoodInput } from "./schema";

const SLUG_TAKEN = fieldRefused("slug", "workspace:neighbourhoods.validation.slugTaken", 409);

/** Every neighbourhood with how many rounds it has, archived ones last. */
export async function listNeighbourhoodsForStaff(db: Db | Tx) {
  const neighbourhoods = await db.neighbourhood.findMany({
    orderBy: [{ city: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, city: true, names: true, archivedAt: true, _count: { select: { rounds: true } } },
  });
  return neighbourhoods
    .map(({ _count, names, ...neighbourhood }) => ({ ...neighbourhood, names: namesOf(names), rounds: _count.rounds }))
    .sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null));
}

/** One neighbourhood for its staff page, with what may happen to it; null when there is none. */
export async function neighbourhoodForStaff(db: Db | Tx, id: string) {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id }, include: { _count: { select: { rounds: true } } } });
  if (!neighbourhood) return null;
  const { _count, names, ...rest } = neighbourhood;
  return { ...rest, names: namesOf(names), rounds: _count.rounds, mayDelete: (await blockersOf(db, id)) === 0 };
}

function namesOf(json: string): Record<string, string> {
  return JSON.parse(json) as Record<string, string>;
}

/** Names per language, only those filled in. */
function filledNames(names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).filter(([, name]) => name));
}

export async function createNeighbourhood(db: Db, actorId: string, input: NeighbourhoodInput): Promise<Result<{ id: string }>> {
  const names = filledNames(input.names);
  try {
    const id = await db.$transaction(async (tx) => {
      const created = await tx.neighbourhood.create({
        data: { slug: input.slug, name: input.name, city: input.city, names: JSON.stringify(names), boundary: JSON.stringify(input.boundary) },
      });
      await recordAudit(tx, {
        actorId,
        action: "neighbourhood.create",
        entityId: created.id,
        details: { slug: input.slug, name: input.name, city: input.city, names },
      });
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return SLUG_TAKEN;
    throw error;
  }
}

export async function updateNeighbourhood(db: Db, actorId: string, id: string, input: NeighbourhoodInput): Promise<Result<{ id: string }>> {
  try {
    return await db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
      const before = await tx.neighbourhood.findUnique({ where: { id } });
      if (!before) return refused(404, "workspace:neighbourhoods.errors.unknown");
      const names = filledNames(input.names);
      const after = { slug: input.slug, name: input.name, city: input.city, names: JSON.stringify(names), boundary: JSON.stringify(input.boundary) };
      await tx.neighbourhood.update({ where: { id }, data: after });
      const changes = changesOf({ ...before, names: namesOf(before.names) }, { ...after, names }, ["slug", "name", "city", "names"]);
      const boundaryChanged = before.boundary !== after.boundary;
      if (Object.keys(changes).length === 0 && !boundaryChanged) return { ok: true, id };
      await recordAudit(tx, { actorId, action: "neighbourhood.update", entityId: id, details: { ...changes, ...(boundaryChanged ? { boundary: true } : {}) } });
      return { ok: true, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return SLUG_TAKEN;
    throw error;
  }
}

/** Archives (`archived`) or restores a neighbourhood: an archived one is offered for no new round. */
export async function setNeighbourhoodArchived(db: Db, actorId: string, id: string, archived: boolean): Promise<Result> {
  return db.$transaction(async (tx): Promise<Result> => {
    // Only a change of state writes (and is audited): a second click changes nothing.
    const changed = await tx.neighbourhood.updateMany({
      where: { id, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? new Date() : null },
    });
    if (changed.count === 0) {
      const exists = await tx.neighbourhood.findUnique({ where: { id }, select: { id: true } });
      return exists ? { ok: true } : refused(404, "workspace:neighbourhoods.errors.unknown");
    }
    await recordAudit(tx, { actorId, action: archived ? "neighbourhood.archive" : "neighbourhood.restore", entityId: id });
    return { ok: true };
  });
}

/** What keeps a neighbourhood from being deleted: its rounds, events and parklet placements and requests. */
async function blockersOf(db: Db | Tx, id: string): Promise<number> {
  const counts = await Promise.all([
    db.budgetRound.count({ where: { neighbourhoodId: id } }),
    db.event.count({ where: { neighbourhoodId: id } }),
    db.parkletPlacement.count({ where: { neighbourhoodId: id } }),
    db.parkletRequest.count({ where: { neighbourhoodId: id } }),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Deletes a neighbourhood nothing belongs to; one with rounds (or events, parklets) can only be archived. */
export async function deleteNeighbourhood(db: Db, actorId: string, id: string): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      const neighbourhood = await tx.neighbourhood.findUnique({ where: { id }, select: { slug: true, name: true } });
      if (!neighbourhood) return refused(404, "workspace:neighbourhoods.errors.unknown");
      if ((await blockersOf(tx, id)) > 0) return refused(409, "workspace:neighbourhoods.errors.inUse");
      await recordAudit(tx, { actorId, action: "neighbourhood.delete", entityId: id, details: neighbourhood });
      const deleted = await tx.neighbourhood.deleteMany({ where: { id } });
      if (deleted.count !== 1) rollBack(refused(404, "workspace:neighbourhoods.errors.unknown"));
      return { ok: true };
    }),
  );
}
