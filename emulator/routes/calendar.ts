import { z } from "zod";
import { calendarStore, eventView, requireUnionId } from "../calendar/store";
import { parseInstant } from "../calendar/times";
import { controlRoute, parseControl } from "../control/route-helpers";
import { apiErrors } from "../http/errors";
import type { EmulatorState } from "../state";
import { reply, type RequestContext, type Route } from "../http/router";
import { boolField, pageSizeField, parseApi } from "../http/validate";

const eventTime = z.object({ date: z.string().optional(), dateTime: z.string().optional(), timeZone: z.string().optional() });
const attendee = z.object({ id: z.string().min(1), isOptional: z.boolean().optional() });
const eventFields = {
  summary: z.string().optional(),
  description: z.string().optional(),
  start: eventTime.optional(),
  end: eventTime.optional(),
  isAllDay: z.boolean().optional(),
  recurrence: z.record(z.string(), z.unknown()).optional(),
  attendees: z.array(attendee).optional(),
  location: z.object({ displayName: z.string().optional(), meetingRooms: z.array(z.string()).optional() }).optional(),
  reminders: z.array(z.object({ method: z.string().min(1), minutes: z.number().int().min(0) })).optional(),
  onlineMeetingInfo: z.object({ type: z.literal("dingtalk") }).optional(),
};
const createBody = z.object(eventFields);
const updateBody = z.object({ id: z.string().optional(), ...eventFields, recurrence: z.record(z.string(), z.unknown()).nullable().optional() });
const addBody = z.object({ attendeesToAdd: z.array(attendee).min(1, "不能为空") });
const removeBody = z.object({ attendeesToRemove: z.array(z.object({ id: z.string().min(1) })).min(1, "不能为空") });
const MAX_RESULTS = 100;
const listQuery = z.object({
  timeMin: z.string().optional(),
  timeMax: z.string().optional(),
  maxResults: pageSizeField(MAX_RESULTS).optional(),
  nextToken: z.string().optional(),
  showDeleted: boolField().optional(),
  syncToken: z.string().optional(),
});
const MAX_SCHEDULE_USERS = 20;
const scheduleBody = z.object({
  userIds: z.array(z.string().min(1)).min(1, "不能为空").max(MAX_SCHEDULE_USERS, `最多 ${MAX_SCHEDULE_USERS} 个`),
  startTime: z.string(),
  endTime: z.string(),
});

const BASE = "/v1.0/calendar/users/:unionId";
const EVENTS = `${BASE}/calendars/:calendarId/events`;

/** The path's person (a unionId) and calendar (only `primary` exists). */
function owner(ctx: RequestContext) {
  const user = requireUnionId(ctx.state.org, ctx.params.unionId, "userId");
  if (ctx.params.calendarId !== undefined && ctx.params.calendarId !== "primary") {
    throw apiErrors.invalidParam(`calendarId "${ctx.params.calendarId}" 不存在；每个人只有主日历 primary`);
  }
  return user;
}

function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function offsetOf(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  if (!match) throw apiErrors.invalidParam(`nextToken "${token}" 无效；请使用上一页返回的 nextToken`);
  return Number(match[1]);
}

/** Calendar (日程): each person's primary calendar, addressed by unionId. */
export function calendarRoutes(): Route[] {
  return [
    {
      method: "POST", path: EVENTS, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const body = parseApi(createBody, ctx.body);
        const event = calendarStore(ctx.state).create(user, body);
        return reply.json(eventView(ctx.state.org, event, user.unionId));
      },
    },
    {
      method: "GET", path: EVENTS, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const query = parseApi(listQuery, Object.fromEntries(ctx.query), { bodyRequired: false });
        const timeMin = query.timeMin !== undefined ? parseInstant(query.timeMin, "timeMin") : undefined;
        const timeMax = query.timeMax !== undefined ? parseInstant(query.timeMax, "timeMax") : undefined;
        if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw apiErrors.invalidParam("timeMax 必须晚于 timeMin");
        const all = calendarStore(ctx.state).list(user.unionId, { timeMin, timeMax, showDeleted: query.showDeleted ?? false });
        const offset = offsetOf(query.nextToken);
        const size = query.maxResults ?? MAX_RESULTS;
        const page = all.slice(offset, offset + size);
        const more = offset + size < all.length;
        return reply.json({
          events: page.map((o) => eventView(ctx.state.org, o.event, user.unionId, o)),
          ...(more ? { nextToken: pageToken(offset + size) } : {}),
          syncToken: Buffer.from(`sync:${ctx.state.clock.now()}`).toString("base64url"),
        });
      },
    },
    {
      method: "GET", path: `${EVENTS}/:eventId`, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const store = calendarStore(ctx.state);
        const event = store.require(user.unionId, ctx.params.eventId);
        return reply.json(eventView(ctx.state.org, event, user.unionId, store.instance(user.unionId, ctx.params.eventId)));
      },
    },
    {
      method: "PUT", path: `${EVENTS}/:eventId`, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const body = parseApi(updateBody, ctx.body);
        if (body.id !== undefined && body.id !== ctx.params.eventId) throw apiErrors.invalidParam("body.id 与路径中的 eventId 不一致");
        const event = calendarStore(ctx.state).update(user.unionId, ctx.params.eventId, body);
        return reply.json(eventView(ctx.state.org, event, user.unionId));
      },
    },
    {
      method: "DELETE", path: `${EVENTS}/:eventId`, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        calendarStore(ctx.state).delete(user.unionId, ctx.params.eventId);
        return reply.json({});
      },
    },
    {
      method: "POST", path: `${EVENTS}/:eventId/attendees`, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const body = parseApi(addBody, ctx.body);
        calendarStore(ctx.state).addAttendees(user.unionId, ctx.params.eventId, body.attendeesToAdd);
        return reply.json({});
      },
    },
    {
      method: "POST", path: `${EVENTS}/:eventId/attendees/batchRemove`, style: "api", auth: "app",
      handler: (ctx) => {
        const user = owner(ctx);
        const body = parseApi(removeBody, ctx.body);
        calendarStore(ctx.state).removeAttendees(user.unionId, ctx.params.eventId, body.attendeesToRemove.map((a) => a.id));
        return reply.json({});
      },
    },
    {
      method: "POST", path: `${BASE}/querySchedule`, style: "api", auth: "app",
      handler: (ctx) => {
        owner(ctx);
        const body = parseApi(scheduleBody, ctx.body);
        const start = parseInstant(body.startTime, "startTime");
        const end = parseInstant(body.endTime, "endTime");
        if (end <= start) throw apiErrors.invalidParam("endTime 必须晚于 startTime");
        return reply.json({ scheduleInformation: scheduleOf(ctx.state, body.userIds, start, end) });
      },
    },
    // Test controls: what a person's calendar holds and their free/busy, without a token or the quota.
    controlRoute("GET", "/calendar/events", (ctx) => {
      const query = parseControl(controlEventsQuery, Object.fromEntries(ctx.query));
      const user = requireUnionId(ctx.state.org, query.unionId, "unionId");
      const occurrences = calendarStore(ctx.state).list(user.unionId, {
        timeMin: query.timeMin !== undefined ? parseInstant(query.timeMin, "timeMin") : undefined,
        timeMax: query.timeMax !== undefined ? parseInstant(query.timeMax, "timeMax") : undefined,
        showDeleted: query.showDeleted === "true",
      });
      return reply.json({ events: occurrences.map((o) => eventView(ctx.state.org, o.event, user.unionId, o)) });
    }),
    controlRoute("POST", "/calendar/schedule", (ctx) => {
      const body = parseControl(scheduleBody, ctx.body);
      return reply.json({ scheduleInformation: scheduleOf(ctx.state, body.userIds, parseInstant(body.startTime, "startTime"), parseInstant(body.endTime, "endTime")) });
    }),
  ];
}

const controlEventsQuery = z.object({ unionId: z.string().min(1), timeMin: z.string().optional(), timeMax: z.string().optional(), showDeleted: z.enum(["true", "false"]).optional() });

/** Free/busy as querySchedule answers it: BUSY for events the person organizes or accepted, TENTATIVE otherwise. */
function scheduleOf(state: EmulatorState, unionIds: string[], start: number, end: number) {
  const store = calendarStore(state);
  return unionIds.map((id, i) => {
    requireUnionId(state.org, id, `userIds[${i}]`);
    const items = store.list(id, { timeMin: start, timeMax: end, showDeleted: false }).map((o) => {
      const mine = o.event.organizerId === id ? "accepted" : o.event.attendees.get(id)?.responseStatus;
      const view = eventView(state.org, o.event, id, o);
      return { status: mine === "accepted" ? "BUSY" : "TENTATIVE", start: view.start, end: view.end };
    });
    return { userId: id, scheduleItems: items };
  });
}
