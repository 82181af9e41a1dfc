import { fetchProgress } from "@/lib/attendance/fetch";
import { authorizeRequest } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** A fetch job's progress from the database, polled by the report page (never DingTalk). */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("attendance.read.ownDepartments");
  if (!auth.ok) return auth.response;
  const id = new URL(request.url).searchParams.get("job") ?? "";
  if (!/^[0-9a-f-]{36}$/.test(id)) return Response.json({ error: "job: a job id" }, { status: 400 });
  const db = getDb();
  // A job's progress is for the person who started it (and those who see everyone's attendance).
  const owner = await db.attendanceFetchJob.findUnique({ where: { id }, select: { startedBy: true } });
  const mine = owner !== null && (owner.startedBy === auth.actor.userId || can(auth.actor.roles, "attendance.read.all"));
  return Response.json({ job: mine ? await fetchProgress(db, id) : null }, { headers: { "cache-control": "no-store" } });
}
