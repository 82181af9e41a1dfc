import { audited } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { exportDirectory } from "@/lib/directory/export";
import { getLocale, getTranslations } from "next-intl/server";
import { directoryState, toSearchInput } from "../../query";

export const dynamic = "force-dynamic";

/** The current directory result, every page of it, as CSV or XLSX. */
export async function GET(request: Request, { params }: { params: Promise<{ format: string }> }): Promise<Response> {
  const { format } = await params;
  if (format !== "csv" && format !== "xlsx") return new Response((await getTranslations("request"))("unknownFormat"), { status: 404 });
  const auth = await authorizeRequest("directory.export", "text");
  if (!auth.ok) return auth.response;
  const found = directoryState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  const q = found.state;
  const db = getDb();
  const locale = await getLocale();
  const contacts = can(auth.actor.roles, "people.contact.read");
  const file = await audited(db, { actor: auth.actor }, "directory.export", { type: "directory" }, { ...q, format }, () =>
    exportDirectory(db, toSearchInput(q, { matchContacts: contacts, page: 1, pageSize: 500 }), { format, maskContacts: !contacts, locale }),
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
