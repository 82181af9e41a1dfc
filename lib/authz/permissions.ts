// What each console role may do. Pages, routes and server actions name a permission, never a
// role, so that widening a role is one line here.
//
// The roles: `viewer` reads the org; `approver` is a manager who acts on approvals and sees
// their own departments' attendance; `hr` runs people matters across the org; `admin` runs the
// console. "Own" permissions are narrowed to the person by the area's queries (what they
// started, act on or are copied on; their own departments; their own calendar).

export const ROLE_NAMES = ["admin", "hr", "approver", "viewer"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

const EVERYONE = ["admin", "hr", "approver", "viewer"] as const;

export const PERMISSIONS = {
  "overview.read": EVERYONE,
  "departments.read": EVERYONE,
  "directory.read": EVERYONE,
  "directory.export": ["admin", "hr"],
  "directory.sync": ["admin"],
  /** Look a person up live in DingTalk by mobile or unionId. */
  "directory.lookup": ["admin", "hr"],
  /** Mobiles and emails unmasked. */
  "people.contact.read": ["admin", "hr"],

  /** The Stream bot's conversations with people and groups, and the bridges' live state. */
  "botConversations.read": ["admin"],
  /** Reset or delete a bot conversation; set or remove a group's context policy. */
  "botConversations.manage": ["admin"],

  /** Approval instances the person started, must act on, or is copied on. */
  "approvals.read.own": ["admin", "hr", "approver"],
  /** Every approval instance of the org, with the tracking charts. */
  "approvals.read.all": ["admin", "hr"],
  "approvals.export": ["admin", "hr"],
  /** Start an approval; comment; agree, refuse or transfer one's own pending task; remind. */
  "approvals.act": ["admin", "hr", "approver"],
  /** Start an approval with another person as its originator. */
  "approvals.startOnBehalf": ["admin", "hr"],
  /** Terminate (撤销) any instance, not only one's own. */
  "approvals.terminate.any": ["admin"],
  /** Per-template time limits (SLA) and the index's backfill. */
  "approvals.manage": ["admin"],

  /** Reports for everyone in any scope. */
  "attendance.read.all": ["admin", "hr"],
  /** Reports for the departments the person leads. */
  "attendance.read.ownDepartments": ["admin", "hr", "approver"],
  "attendance.export": ["admin", "hr", "approver"],
  /** Scheduled monthly or weekly delivery of a report. */
  "attendance.subscribe": ["admin", "hr"],

  /** One's own calendar: view, create, change, delete events. */
  "calendar.own": EVERYONE,
  /** Others' calendars: view and manage them (HR is the role that schedules for others). */
  "calendar.others": ["admin", "hr"],

  /** Knowledge-base documents, acting as the signed-in person: DingTalk's own document permissions decide the rest. */
  "docs.use": EVERYONE,

  /** Work notifications and bot messages the console sent, with their delivery. */
  "messages.read": ["admin", "hr"],
  /** Send a work notification or bot message to people or departments. */
  "messages.send": ["admin", "hr"],

  "audit.read": ["admin"],
  "settings.read": ["admin"],
  "roles.manage": ["admin"],
  /** End another person's sign-in sessions to the console. */
  "signInSessions.manage": ["admin"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
