// Who may change whom among the accounts (staff's People pages): pure rules, used by the page to show
// its forms and by people.server.ts before it writes, so a form is shown if and only if it is accepted.
import type { Role } from "~/auth/permissions";
import { refused, type Refused } from "~/kernel/result";

/** What the rules read of an account. */
export interface PersonFacts {
  id: string;
  role: Role;
  blocked: boolean;
  deactivated: boolean;
}

/**
 * Staff block residents who abuse the site; a staff or admin account that misbehaves loses its role
 * or is deactivated by an admin instead. Nobody blocks themself.
 */
export function blockRefusal(actorId: string, target: PersonFacts): Refused | null {
  if (target.id === actorId) return refused(409, "people:errors.self");
  if (target.role !== "RESIDENT") return refused(409, "people:errors.blockStaff");
  if (target.blocked) return refused(409, "people:errors.alreadyBlocked");
  return null;
}

export function unblockRefusal(target: PersonFacts): Refused | null {
  return target.blocked ? null : refused(409, "people:errors.notBlocked");
}

/**
 * An admin gives an account another role. The last active admin keeps theirs (someone must be able
 * to manage accounts); a blocked account is unblocked before it gets staff powers.
 * `activeAdmins` counts admins that are not deactivated, the target included.
 */
export function roleChangeRefusal(target: PersonFacts, role: Role, activeAdmins: number): Refused | null {
  if (target.role === role) return refused(409, "people:errors.sameRole");
  if (target.role === "ADMIN" && !target.deactivated && activeAdmins <= 1) return refused(409, "people:errors.lastAdmin");
  if (role !== "RESIDENT" && target.blocked) return refused(409, "people:errors.blockedStaff");
  return null;
}

/**
 * An admin deactivates a staff or admin account whose owner left: never their own, never the last
 * active admin. Residents are blocked, not deactivated.
 */
export function deactivationRefusal(actorId: string, target: PersonFacts, activeAdmins: number): Refused | null {
  if (target.id === actorId) return refused(409, "people:errors.self");
  if (target.role === "RESIDENT") return refused(409, "people:errors.deactivateResident");
  if (target.deactivated) return refused(409, "people:errors.alreadyDeactivated");
  if (target.role === "ADMIN" && activeAdmins <= 1) return refused(409, "people:errors.lastAdmin");
  return null;
}

export function reactivationRefusal(target: PersonFacts): Refused | null {
  return target.deactivated ? null : refused(409, "people:errors.notDeactivated");
}

/** The roles an admin may give the account now (its own excluded). */
export function assignableRoles(target: PersonFacts, activeAdmins: number): Role[] {
  return (["RESIDENT", "STAFF", "ADMIN"] as const).filter((role) => roleChangeRefusal(target, role, activeAdmins) === null);
}

/** A people list's pages: PAGE_SIZE accounts each, numbered from 1. */
export const PAGE_SIZE = 25;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
