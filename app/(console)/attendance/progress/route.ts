import { fetchProgress } from "@/lib/attendance/fetch";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** A fetch job's progress from the database, polled by the report page (never DingTalk). */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("attendance.read.ownDepartments");
  if (!auth.ok) return auth.response;
  const id = new URL(request.url).searchParams.get("job") ?? "";
  if (!/^[0-9a-f-]{36}$/.test(id)) return Response.json({ error: "job: a job id" }, { status: 400 });
  const job = await fetchProgress(getDb(), id);
  return Response.json({ job }, { headers: { "cache-control": "no-store" } });
}
