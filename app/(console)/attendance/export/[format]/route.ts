import { getTranslations } from "next-intl/server";
import { attendanceAccess, visiblePeople } from "@/lib/attendance/access";
import { attendanceCsv, attendanceXlsx } from "@/lib/attendance/export";
import { leaveTypes } from "@/lib/attendance/report";
import { audited } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { streamOf } from "@/lib/server/byte-stream";
import { getDingTalk } from "@/lib/server/dingtalk";
import { badQueryResponse } from "@/lib/url-state";
import { reportState, scopeOf } from "../../query";

export const dynamic = "force-dynamic";

const CONTENT_TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" } as const;

/** The report as payroll's file: the XLSX workbook (月度汇总 and 每日统计) or one sheet as CSV, streamed from the database. */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== "csv" && format !== "xlsx") return new Response((await getTranslations("request"))("unknownFormat"), { status: 404 });
  const auth = await authorizeRequest("attendance.export", "text");
  if (!auth.ok) return auth.response;
  const search = new URL(request.url).searchParams;
  const found = reportState.parseRoute(search);
  if (!found.ok) return found.response;
  const q = found.state;
  if (q.from === undefined || q.to === undefined || q.from > q.to || (q.depts.length === 0 && q.users.length === 0)) {
    return badQueryResponse([{ param: "from", message: "a report needs departments or people, and from ≤ to" }]);
  }
  const sheet = search.get("sheet") === "daily" ? "daily" : "summary";
  const db = getDb();
  const access = await attendanceAccess(db, auth.actor);
  const { userIds: scoped } = await visiblePeople(db, access, scopeOf(q));
  // A group's report holds the people whose days were in that attendance group, as the page's table does.
  const userIds = q.group
    ? (await db.attendanceDay.groupBy({ by: ["userId"], where: { userId: { in: scoped }, day: { gte: q.from, lte: q.to }, groupId: q.group } })).map((r) => r.userId).sort()
    : scoped;
  const types = await leaveTypes({ db, client: getDingTalk() });
  const scope = { userIds, from: q.from, to: q.to, leaveTypes: types };
  const chunks = await audited(db, { actor: auth.actor }, "attendance.export", { type: "attendanceReport", id: `${q.from}..${q.to}` }, { ...q, format, sheet, people: userIds.length }, async () =>
    format === "xlsx" ? attendanceXlsx(db, scope) : attendanceCsv(db, scope, sheet),
  );
  const body = streamOf(chunks);
  const name = `attendance-${q.from}-${q.to}${format === "csv" ? `-${sheet}` : ""}.${format}`;
  return new Response(body, { headers: { "content-type": CONTENT_TYPES[format], "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store", "x-export-rows": String(userIds.length) } });
}
