import { audited, auditCsv } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { auditFilters, auditState } from "../query";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV, streamed so that a large log never sits in memory. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("audit.read", "text");
  if (!auth.ok) return auth.response;
  const found = auditState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  const q = found.state;
  const filters = auditFilters(q);
  const db = getDb();
  // Taking a copy of the log is itself recorded.
  await audited(db, { actor: auth.actor }, "audit.export", { type: "audit" }, q, async () => undefined);
  const encoder = new TextEncoder();
  const lines = auditCsv(db, filters)[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return?.();
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
