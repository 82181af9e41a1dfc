import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { personSearchParams, type PickedPerson } from "@/components/pickers/person-search";
import { authorizeRequest } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { searchDirectory } from "@/lib/directory/search/search";

export const dynamic = "force-dynamic";

/**
 * People for the person picker, from the synced directory through the directory's own search
 * (name, pinyin, initials; mobile and email for those who may read them), answered without
 * contact details.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("directory.read");
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const parsed = personSearchParams.safeParse({ q: url.searchParams.get("q") ?? "", limit: url.searchParams.get("limit") ?? undefined });
  if (!parsed.success) return Response.json({ error: "INVALID_QUERY", fields: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  // Mobiles and emails match only for those who may read them, as on the directory page: a list
  // of names answering "138…" would otherwise tell a masked mobile digit by digit.
  const matchContacts = can(auth.actor.roles, "people.contact.read");
  const t = await getTranslations("common");
  const { rows } = await searchDirectory(getDb(), { q: parsed.data.q, page: 1, pageSize: parsed.data.limit, matchContacts });
  const people: PickedPerson[] = rows.map((p) => ({
    userId: p.userId,
    name: p.name,
    detail: [p.departments.map((d) => d.name).join(t("listSeparator")), p.title].filter(Boolean).join(" · ") || undefined,
  }));
  return Response.json({ people }, { headers: { "cache-control": "no-store" } });
}
