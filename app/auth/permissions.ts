/** Roles from least to most powerful: each role may do everything the roles before it may. */
export const ROLES = ["RESIDENT", "STAFF", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Every permission the server checks, and the least role that holds it. The one place for RBAC. */
export const PERMISSIONS = {
  "account:manage-own": "RESIDENT",
  "round:manage": "STAFF",
  "proposal:create": "RESIDENT",
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
  "user:manage": "ADMIN",
  "neighbourhood:manage": "ADMIN",
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(atLeast);
}

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return !!user && hasRole(user.role, PERMISSIONS[permission]);
}
