// What each console role may do. Pages and server actions name a permission, never a role,
// so that widening a role is one line here.

export const ROLE_NAMES = ["admin", "hr", "approver", "viewer"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const PERMISSIONS = {
  "overview.read": ["admin", "hr", "approver", "viewer"],
  "departments.read": ["admin", "hr", "approver", "viewer"],
  "directory.read": ["admin", "hr", "approver", "viewer"],
  "directory.export": ["admin", "hr"],
  "directory.sync": ["admin"],
  /** Look a person up live in DingTalk by mobile or unionId. */
  "directory.lookup": ["admin", "hr"],
  "sessions.read": ["admin"],
  "botSessions.manage": ["admin"],
  /** Mobiles and emails unmasked. */
  "people.contact.read": ["admin", "hr"],
  "audit.read": ["admin"],
  "roles.manage": ["admin"],
  "sessions.manage": ["admin"],
  "settings.read": ["admin"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value);
}
