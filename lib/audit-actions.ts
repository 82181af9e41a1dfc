// Every name an audit entry may carry. `audited` accepts only these, so a write cannot be
// recorded under a misspelt or ad-hoc name, and the audit page's action filter can offer them.

export const AUDIT_ACTIONS = [
  "auth.signin",
  "auth.signout",
  "role.bootstrap",
  "role.grant",
  "role.revoke",
  "signInSessions.end",
  "directory.sync",
  "directory.reconcile",
  "directory.event",
  "directory.headcount.snapshot",
  "directory.export",
  "directory.lookup",
  "botConversations.reset",
  "botConversations.delete",
  "botConversations.groupPolicy.set",
  "botConversations.groupPolicy.delete",
  "audit.export",
  "dingtalkUsage.export",
  "approvals.backfill",
  "approvals.event",
  "approvals.start",
  "approvals.comment",
  "approvals.terminate",
  "approvals.agree",
  "approvals.refuse",
  "approvals.agreeBatch",
  "approvals.transfer",
  "approvals.remind",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
