/** Roles from least to most powerful: each role may do everything the roles before it may. */
export const ROLES = ["RESIDENT", "STAFF", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Every permission the server checks, and the least role that holds it. The one place for RBAC. */
export const PERMISSIONS = {
  "account:manage-own": "RESIDENT",
  "round:manage": "STAFF",
  "proposal:create": "RESIDENT",
  "proposal:read-own": "RESIDENT",
  "proposal:review": "STAFF",
  "event:manage": "STAFF",
  "event:rsvp": "RESIDENT",
  "parklet:manage": "STAFF",
  "parklet:request": "RESIDENT",
  "comment:post": "RESIDENT",
  "report:create": "RESIDENT",
  "moderation:manage": "STAFF",
  "round:view-draft": "STAFF",
  "audit:read": "STAFF",
  "staff:access": "STAFF",
  "user:moderate": "STAFF",
  "user:manage": "ADMIN",
  "neighbourhood:manage": "ADMIN",
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(atLeast);
}

/**
 * The permissions that let an account post what others read or act on (proposals, comments, RSVPs,
 * requests, reports): an account staff blocked does not hold them. It still logs in, votes and reads
 * its own pages.
 */
export const POSTING_PERMISSIONS = [
  "proposal:create",
  "event:rsvp",
  "parklet:request",
  "comment:post",
  "report:create",
] as const satisfies readonly Permission[];

export function isPosting(permission: Permission): boolean {
  return (POSTING_PERMISSIONS as readonly Permission[]).includes(permission);
}

/** Who `can()` asks about: the role, and whether staff blocked the account (absent: not blocked). */
export interface PermissionHolder {
  role: Role;
  blocked?: boolean;
}

export function can(user: PermissionHolder | null | undefined, permission: Permission): boolean {
  if (!user || !hasRole(user.role, PERMISSIONS[permission])) return false;
  return !(user.blocked && isPosting(permission));
}

/**
 * Whether a page offers a form or link that needs `permission`: to visitors (the link leads them to
 * log in first) and to accounts that hold it — so a blocked account sees no posting buttons.
 */
export function offers(user: PermissionHolder | null | undefined, permission: Permission): boolean {
  return !user || can(user, permission);
}
