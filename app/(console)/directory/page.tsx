import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { maskContacts } from "@/lib/directory/search/mask";
import { searchDirectory } from "@/lib/directory/search/search";
import { DIRECTORY_SORT_FIELDS } from "@/lib/directory/search/input";
import { getTranslations } from "next-intl/server";
import { LiveLookup } from "./live-lookup";
import { PAGE_SIZE, directoryHref, parseDirectoryQuery, toSearchInput } from "./query";
import { TableHead } from "@/components/ui/table-head";
import { isDirectorySynced } from "@/lib/directory/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "通讯录 / Directory" };

function TriSelect({ name, label, value, t }: { name: string; label: string; value: boolean | undefined; t: (k: "dir.any" | "dir.yes" | "dir.no") => string }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-slate-600">{label}</span>
      <select name={name} defaultValue={value === undefined ? "" : value ? "1" : "0"} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
        <option value="">{t("dir.any")}</option>
        <option value="1">{t("dir.yes")}</option>
        <option value="0">{t("dir.no")}</option>
      </select>
    </label>
  );
}

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("directory.read");
  const t = await getTranslations();
  const q = parseDirectoryQuery(await searchParams);
  const db = getDb();
  const [result, synced] = await Promise.all([searchDirectory(db, toSearchInput(q, { matchContacts: can(actor.roles, "people.contact.read") })), isDirectorySynced(db)]);
  const rows = can(actor.roles, "people.contact.read") ? result.rows : maskContacts(result.rows);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const canExport = can(actor.roles, "directory.export");

  return (
    <>
      <PageTitle>{t("dir.title")}</PageTitle>
      {can(actor.roles, "directory.lookup") ? (
        <nav className="-mt-4 mb-4 flex gap-4 text-sm">
          <Link href="/directory/inactive" className="text-brand-600 hover:underline">
            {t("lists.inactive")}
          </Link>
          <Link href="/directory/leavers" className="text-brand-600 hover:underline">
            {t("lists.leavers")}
          </Link>
          <Link href="/directory/stats" className="text-brand-600 hover:underline">
            {t("stats.title")}
          </Link>
        </nav>
      ) : null}
      {!synced ? (
        <div className="mb-4">
          <Notice tone="warn">{t("dir.notSynced")}</Notice>
        </div>
      ) : null}
      <Card>
        <form method="get" className="grid gap-3 text-sm sm:grid-cols-8 sm:items-end" data-testid="directory-search">
          <label className="flex flex-col gap-1 sm:col-span-3">
            <span className="text-slate-600">{t("dir.search")}</span>
            <input name="q" type="search" defaultValue={q.q} placeholder={t("dir.searchHint")} autoFocus className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("dir.department")}</span>
            <input name="dept" inputMode="numeric" defaultValue={q.dept} className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <TriSelect name="active" label={t("dir.status")} value={q.active} t={t} />
          <TriSelect name="admin" label={t("dir.admin")} value={q.admin} t={t} />
          <TriSelect name="manager" label={t("dir.manager")} value={q.manager} t={t} />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary", "sm")}>
              {t("dir.search")}
            </button>
          </div>
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" name="sub" value="1" defaultChecked={q.sub === "1"} />
            <input type="hidden" name="sub" value="0" />
            <span className="text-slate-600">{t("dir.includeSub")}</span>
          </label>
          <label className="flex items-center gap-2 sm:col-span-2">
            <span className="text-slate-600">{t("dir.sort.label")}</span>
            <select name="sort" defaultValue={q.sort} className="rounded-md border border-slate-300 bg-white px-2 py-1">
              {DIRECTORY_SORT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`dir.sort.${f}`)}
                </option>
              ))}
            </select>
            <select name="dir" defaultValue={q.dir} className="rounded-md border border-slate-300 bg-white px-2 py-1">
              <option value="asc">↑</option>
              <option value="desc">↓</option>
            </select>
          </label>
        </form>
        {can(actor.roles, "directory.lookup") ? (
          <div className="mt-4 border-t border-slate-100 pt-4 sm:max-w-lg">
            <LiveLookup labels={{ title: t("person.lookup"), hint: t("person.lookupHint"), go: t("person.lookupGo") }} />
          </div>
        ) : null}
      </Card>
      <Card
        className="mt-6"
        title={t("common.page", { page: q.page, pages, total: result.total })}
        actions={
          canExport ? (
            <div className="flex gap-2">
              <a href={directoryHref(q, { page: 1 }, "/directory/export/csv")} className={buttonClass("secondary", "sm")} data-testid="export-csv">
                {t("dir.exportCsv")}
              </a>
              <a href={directoryHref(q, { page: 1 }, "/directory/export/xlsx")} className={buttonClass("secondary", "sm")} data-testid="export-xlsx">
                {t("dir.exportXlsx")}
              </a>
            </div>
          ) : null
        }
      >
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("dir.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="directory-table">
              <TableHead columns={[t("col.name"), t("dir.departments"), t("col.title"), t("col.mobile"), t("col.jobNumber"), t("col.status")]} />
              <tbody>
                {rows.map((p) => (
                  <tr key={p.userId} className="border-t border-slate-100" data-userid={p.userId}>
                    <td className="py-2 pr-3">
                      <Link href={`/directory/${encodeURIComponent(p.userId)}`} className="font-medium text-brand-600 hover:underline">
                        {p.name}
                      </Link>
                      <span className="block text-xs text-slate-400">{p.pinyin}</span>
                    </td>
                    <td className="py-2 pr-3 text-slate-600">{p.departments.map((d) => d.name).join("、")}</td>
                    <td className="py-2 pr-3 text-slate-600">{p.title}</td>
                    <td className="py-2 pr-3 tabular-nums text-slate-600" data-testid="person-mobile">
                      {p.mobile}
                    </td>
                    <td className="py-2 pr-3 text-slate-600">{p.jobNumber}</td>
                    <td className="py-2">
                      <span className="flex flex-wrap gap-1">
                        {p.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>}
                        {p.admin ? <Badge tone="blue">{t("dir.admin")}</Badge> : null}
                        {p.isManager ? <Badge tone="amber">{t("dir.manager")}</Badge> : null}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="mt-4 flex justify-between text-sm">
          {q.page > 1 ? <Link href={directoryHref(q, { page: q.page - 1 })} className={buttonClass("secondary", "sm")}>{t("common.prev")}</Link> : <span />}
          {q.page < pages ? <Link href={directoryHref(q, { page: q.page + 1 })} className={buttonClass("secondary", "sm")}>{t("common.next")}</Link> : <span />}
        </div>
      </Card>
    </>
  );
}
