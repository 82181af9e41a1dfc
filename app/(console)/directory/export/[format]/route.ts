import { audited } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { exportDirectory } from "@/lib/directory/export";
import { getLocale } from "@/lib/i18n/server";
import { parseDirectoryQuery, toSearchInput } from "../../query";

export const dynamic = "force-dynamic";

/** The current directory result, every page of it, as CSV or XLSX. */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== "csv" && format !== "xlsx") return new Response("Unknown format; use csv or xlsx / 格式只能是 csv 或 xlsx", { status: 404 });
  const auth = await authorizeRequest("directory.export", "text");
  if (!auth.ok) return auth.response;
  const q = parseDirectoryQuery(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const locale = await getLocale();
  const file = await audited(db, { actor: auth.actor }, "directory.export", { type: "directory" }, { ...q, format }, () =>
    exportDirectory(db, toSearchInput(q, 1, 500), { format, maskContacts: !can(auth.actor.roles, "people.contact.read"), locale }),
  );
  return new Response(Buffer.from(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-export-rows": String(file.rows),
      ...(file.truncated ? { "x-export-truncated": "1" } : {}),
    },
  });
}
