import { audited } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { usageCsv } from "@/lib/budget/usage";
import { getDb } from "@/lib/db/client";
import { shanghaiMonth } from "@/lib/time";

export const dynamic = "force-dynamic";

/** This month's DingTalk call counts (per day, app, API and area) as CSV. */
export async function GET(): Promise<Response> {
  const auth = await authorizeRequest("settings.read", "text");
  if (!auth.ok) return auth.response;
  const db = getDb();
  const now = new Date();
  const body = await audited(db, { actor: auth.actor }, "dingtalkUsage.export", { type: "dingtalkUsage", id: shanghaiMonth(now) }, {}, () => usageCsv(db, now));
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dingtalk-usage-${shanghaiMonth(now)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
