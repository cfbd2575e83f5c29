// Staff's People pages: finding accounts, blocking and unblocking them, and (admins) their roles and
// deactivation. Every change commits with its audit entry; role changes and deactivations take the
// admins' row locks first, so two admins cannot take each other's role at the same moment (decision 0034).
import { recordAudit } from "~/audit/audit.server";
import { invalidateUserSessions, type SessionUser } from "~/auth/session.server";
import type { Role } from "~/auth/permissions";
import type { Db, Tx } from "~/db.server";
import { refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { normalizeForSearch } from "~/kernel/text";
import { codesAreIssuable, votingIsAhead, type Phase } from "~/rounds/phases";
import { blockRefusal, deactivationRefusal, PAGE_SIZE, reactivationRefusal, roleChangeRefusal, unblockRefusal, type PersonFacts } from "./rules";

/** One page of accounts whose name or email contains `query`, by name. */
export async function searchPeople(db: Db, query: string, page: number) {
  // The stored search text and the query folded alike (no case, no accents, ı = i): one LIKE on both databases.
  const folded = normalizeForSearch(query);
  // A deleted account is nobody any more (its row only keeps what it did counted).
  const where = folded ? { searchText: { contains: folded }, deletedAt: null } : { deletedAt: null };
  const [total, people] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, name: true, email: true, role: true, blockedAt: true, deactivatedAt: true },
    }),
  ]);
  return { total, people };
}

async function activeAdmins(db: Db | Tx): Promise<number> {
  return db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
}

function factsOf(user: { id: string; role: Role; blockedAt: Date | null; deactivatedAt: Date | null }): PersonFacts {
  return { id: user.id, role: user.role, blocked: user.blockedAt !== null, deactivated: user.deactivatedAt !== null };
}

const PERSON_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  locale: true,
  createdAt: true,
  totpEnabledAt: true,
  blockedAt: true,
  blockedReason: true,
  deactivatedAt: true,
  blockedBy: { select: { name: true } },
} as const;

/** An account as staff see it, with what the rules need and the number of active admins. */
export async function personForStaff(db: Db, id: string) {
  const [person, admins] = await Promise.all([db.user.findFirst({ where: { id, deletedAt: null }, select: PERSON_SELECT }), activeAdmins(db)]);
  return person ? { person, facts: factsOf(person), activeAdmins: admins } : null;
}

const RUNNING_PROPOSAL = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "CHANGES_REQUESTED", "SHORTLISTED", "ON_BALLOT", "FUNDED", "IN_PROGRESS"] as const;

/**
 * What the person page offers to choose from: rounds that vote with accounts and still take
 * verifications, rounds whose panel still takes members, and (for a staff account) proposals it could coach.
 */
export async function personChoices(db: Db, options: { coach: boolean }) {
  const rounds = await db.budgetRound.findMany({
    where: { phase: { notIn: ["PUBLISHED", "CLOSED"] } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      phase: true,
      eligibility: true,
      originalLocale: true,
      translations: { select: { locale: true, title: true, description: true } },
      neighbourhood: { select: { name: true } },
    },
  });
  const proposals = options.coach
    ? await db.proposal.findMany({
        where: { status: { in: [...RUNNING_PROPOSAL] } },
        orderBy: [{ createdAt: "desc" }],
        take: 200,
        select: { id: true, number: true, originalLocale: true, coachId: true, texts: { select: { locale: true, title: true } } },
      })
    : [];
  return {
    verifyRounds: rounds.filter((round) => round.eligibility === "ACCOUNTS" && codesAreIssuable(round.phase as Phase)),
    panelRounds: rounds.filter((round) => votingIsAhead(round.phase as Phase)),
    proposals,
  };
}

/** Reads the account inside the transaction; unknown → 404. */
async function targetIn(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, blockedAt: true, deactivatedAt: true } });
  if (!user) rollBack(refused(404, "people:errors.unknown"));
  return user;
}

/**
 * Takes the row lock of every active admin (PostgreSQL; SQLite runs one writing transaction at a
 * time anyway): a concurrent role change or deactivation waits here until this one commits, and then
 * counts the admins it left. Rewriting the role with its own value changes nothing but `updatedAt`.
 */
async function lockAdmins(tx: Tx): Promise<void> {
  await tx.user.updateMany({ where: { role: "ADMIN", deactivatedAt: null }, data: { role: "ADMIN" } });
}

export async function blockAccount(db: Db, actor: SessionUser, userId: string, reason: string): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      const target = await targetIn(tx, userId);
      const refusal = blockRefusal(actor.id, factsOf(target));
      if (refusal) return refusal;
      // Only an unblocked resident: a concurrent block or promotion updates nothing here.
      const blocked = await tx.user.updateMany({
        where: { id: userId, role: "RESIDENT", blockedAt: null },
        data: { blockedAt: new Date(), blockedReason: reason, blockedById: actor.id },
      });
      if (blocked.count !== 1) return refused(409, "people:errors.stale");
      await recordAudit(tx, { actorId: actor.id, action: "user.block", entityId: userId, details: { reason } });
      return { ok: true };
    }),
  );
}

export async function unblockAccount(db: Db, actor: SessionUser, userId: string): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      const refusal = unblockRefusal(factsOf(await targetIn(tx, userId)));
      if (refusal) return refusal;
      const unblocked = await tx.user.updateMany({
        where: { id: userId, blockedAt: { not: null } },
        data: { blockedAt: null, blockedReason: null, blockedById: null },
      });
      if (unblocked.count !== 1) return refused(409, "people:errors.stale");
      await recordAudit(tx, { actorId: actor.id, action: "user.unblock", entityId: userId });
      return { ok: true };
    }),
  );
}

/** An admin gives the account `role`; the last active admin keeps theirs, also against a concurrent change. */
export async function changeRole(db: Db, actor: SessionUser, userId: string, role: Role): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      await lockAdmins(tx);
      const target = await targetIn(tx, userId);
      const refusal = roleChangeRefusal(factsOf(target), role, await activeAdmins(tx));
      if (refusal) return refusal;
      const changed = await tx.user.updateMany({ where: { id: userId, role: target.role }, data: { role } });
      if (changed.count !== 1) return refused(409, "people:errors.stale");
      await recordAudit(tx, { actorId: actor.id, action: "user.role", entityId: userId, details: { role: { before: target.role, after: role } } });
      return { ok: true };
    }),
  );
}

/**
 * An admin deactivates a staff or admin account that left: it can no longer log in, its sessions
 * and unused email links end with it, and its audit entries keep its name (the row stays).
 */
export async function deactivateAccount(db: Db, actor: SessionUser, userId: string): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      await lockAdmins(tx);
      const target = await targetIn(tx, userId);
      const refusal = deactivationRefusal(actor.id, factsOf(target), await activeAdmins(tx));
      if (refusal) return refusal;
      const deactivated = await tx.user.updateMany({ where: { id: userId, deactivatedAt: null }, data: { deactivatedAt: new Date() } });
      if (deactivated.count !== 1) return refused(409, "people:errors.stale");
      await invalidateUserSessions(tx, userId);
      await tx.emailToken.deleteMany({ where: { userId, usedAt: null } });
      await recordAudit(tx, { actorId: actor.id, action: "user.deactivate", entityId: userId });
      return { ok: true };
    }),
  );
}

export async function reactivateAccount(db: Db, actor: SessionUser, userId: string): Promise<Result> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result> => {
      const refusal = reactivationRefusal(factsOf(await targetIn(tx, userId)));
      if (refusal) return refusal;
      const reactivated = await tx.user.updateMany({ where: { id: userId, deactivatedAt: { not: null } }, data: { deactivatedAt: null } });
      if (reactivated.count !== 1) return refused(409, "people:errors.stale");
      await recordAudit(tx, { actorId: actor.id, action: "user.reactivate", entityId: userId });
      return { ok: true };
    }),
  );
}
