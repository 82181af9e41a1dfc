import { controlRoute, parseControl } from "./route-helpers";
import { reply, type Route } from "../http/router";
import type { User } from "../org/model";
import {
  advanceClockBody, expireTokensBody, faultSpecSchema, orgUsersQuery, qpsBody, quotaBody,
  type ControlStats, type OrgSummary, type OrgUserRow, type OrgUsersPage,
} from "./schemas";


function userRow(user: User): OrgUserRow {
  return {
    userId: user.userId, unionId: user.unionId, name: user.name, mobile: user.mobile, email: user.email,
    title: user.title, deptIdList: user.deptIds, managerUserId: user.managerUserId, active: user.active, admin: user.admin,
  };
}

const ok = () => reply.json({ ok: true });

/** `/__control/…`: what tests and e2e use to steer the emulator (bearer control token only). */
export function controlRoutes(): Route[] {
  const control = controlRoute;
  return [
    control("POST", "/reset", (ctx) => {
      ctx.state.reset();
      return ok();
    }),
    control("GET", "/clock", (ctx) => reply.json({ now: ctx.state.clock.now() })),
    control("POST", "/clock", (ctx) => {
      const body = parseControl(advanceClockBody, ctx.body);
      ctx.state.clock.advance(body.advanceSeconds);
      return reply.json({ now: ctx.state.clock.now() });
    }),
    control("POST", "/tokens/expire", (ctx) => {
      const body = parseControl(expireTokensBody, ctx.body);
      return reply.json({ expired: ctx.state.tokens.expireAll(body.kind) });
    }),
    control("POST", "/faults", (ctx) => {
      const spec = parseControl(faultSpecSchema, ctx.body);
      return reply.json({ id: ctx.state.faults.add(spec) });
    }),
    control("DELETE", "/faults", (ctx) => {
      ctx.state.faults.clear();
      return ok();
    }),
    control("GET", "/stats", (ctx) => {
      const stats: ControlStats = { calls: ctx.state.stats.snapshot(), tokensIssued: { ...ctx.state.tokens.issued } };
      return reply.json(stats);
    }),
    control("POST", "/stats/reset", (ctx) => {
      ctx.state.stats.reset();
      ctx.state.tokens.resetCounters();
      return ok();
    }),
    control("PUT", "/qps", (ctx) => {
      ctx.state.qps.configure(parseControl(qpsBody, ctx.body));
      return ok();
    }),
    // The org's monthly call quota and the month's metered count (not `/stats`, which counts every request).
    control("GET", "/quota", (ctx) => reply.json(ctx.state.quota.snapshot(ctx.state.clock.now()))),
    control("PUT", "/quota", (ctx) => {
      const change = parseControl(quotaBody, ctx.body);
      const now = ctx.state.clock.now();
      ctx.state.quota.configure(change, now);
      return reply.json(ctx.state.quota.snapshot(now));
    }),
    control("GET", "/org", (ctx) => {
      const org = ctx.state.org;
      const summary: OrgSummary = {
        corpId: org.corpId,
        userCount: org.users.length,
        activeUserCount: org.users.reduce((n, u) => n + (u.active ? 1 : 0), 0),
        departmentCount: org.departmentList.length,
        admins: org.admins.map((u) => ({
          userId: u.userId, unionId: u.unionId, name: u.name, mobile: u.mobile, sysLevel: u.sysLevel === 1 ? 1 : 2,
        })),
      };
      return reply.json(summary);
    }),
    control("GET", "/org/users", (ctx) => {
      const q = parseControl(orgUsersQuery, Object.fromEntries(ctx.query));
      const matching = ctx.state.org.users.filter(
        (u) => (q.admin === undefined || u.admin === q.admin) && (q.active === undefined || u.active === q.active),
      );
      const page: OrgUsersPage = { total: matching.length, users: matching.slice(q.offset, q.offset + q.limit).map(userRow) };
      return reply.json(page);
    }),
  ];
}
