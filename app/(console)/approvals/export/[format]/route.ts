import { getLocale, getTranslations } from "next-intl/server";
import { exportApprovals } from "@/lib/approvals/export";
import { approvalScopeOf } from "@/lib/approvals/queries";
import { audited } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { streamOf } from "@/lib/server/byte-stream";
import { approvalsListState, toListInput } from "../../query";

export const dynamic = "force-dynamic";

/** The approvals list, every page of it with each template's form fields as columns, as CSV or XLSX (HR and admins). */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== "csv" && format !== "xlsx") return new Response((await getTranslations("request"))("unknownFormat"), { status: 404 });
  const auth = await authorizeRequest("approvals.export", "text");
  if (!auth.ok) return auth.response;
  const found = approvalsListState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  const q = found.state;
  const scope = approvalScopeOf(auth.actor);
  if (!scope) return new Response(null, { status: 403 });
  const db = getDb();
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const file = await audited(db, { actor: auth.actor }, "approvals.export", { type: "approvals" }, { ...q, format }, () =>
    exportApprovals(db, scope, toListInput(q, 1), { format, locale }),
  );
  return new Response(streamOf(file.body), {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
  });
}
