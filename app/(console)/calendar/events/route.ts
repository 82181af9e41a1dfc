import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { authorizeRequest } from "@/lib/auth/current";
import { calendarOwner, eventsInRange, peopleByUnionId } from "@/lib/calendar/events";
import { calendarEntry } from "@/lib/calendar/entries";
import { getDb } from "@/lib/db/client";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { ActionFailure } from "@/lib/server/action-errors";
import { getDingTalk } from "@/lib/server/dingtalk";
import { getLocale } from "next-intl/server";

export const dynamic = "force-dynamic";

const instant = z.iso.datetime({ offset: true });
const query = z.union([
  z.object({ person: z.string().min(1).max(64), from: instant, to: instant }).refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000),
  z.object({ person: z.string().min(1).max(64), id: z.string().min(1).max(200) }),
]);

/**
 * A person's events for the calendar's visible range (or one event, for its edit form), read
 * from DingTalk through our client: the browser never talks to DingTalk. The page caches each
 * range briefly, so paging the calendar back and forth does not ask again.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("calendar.own");
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: "INVALID_QUERY" }, { status: 400 });
  const db = getDb();
  const t = await getTranslations("actions.errors");
  try {
    return await withCallArea("calendar", async () => {
      const owner = await calendarOwner(db, auth.actor, parsed.data.person);
      const client = getDingTalk();
      const { events, truncated } =
        "id" in parsed.data
          ? { events: [await client.calendar.getEvent(owner.unionId, parsed.data.id)], truncated: false }
          : await eventsInRange(client, owner.unionId, new Date(parsed.data.from), new Date(parsed.data.to));
      const people = await peopleByUnionId(db, [...new Set(events.flatMap((e) => [...e.attendees.map((a) => a.id), e.organizer?.id ?? ""]).filter(Boolean))]);
      return Response.json({ events: events.map((e) => calendarEntry(e, people)), truncated }, { headers: { "cache-control": "no-store" } });
    });
  } catch (error) {
    if (error instanceof ActionFailure) {
      const status = error.code === "CALENDAR_OTHERS_FORBIDDEN" ? 403 : 409;
      return Response.json({ error: error.code, message: t(error.code as "CALENDAR_NO_UNION_ID", { names: "", detail: "", ...error.values }) }, { status });
    }
    if (isDingTalkError(error)) return Response.json({ error: error.code, message: describeDingTalkError(error, (await getLocale()) as "zh-CN" | "en") }, { status: 502 });
    throw error;
  }
}
