import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListActions } from "@/components/data-table/list-actions";
import { DataTable, columnChoices, type DataColumn } from "@/components/data-table/data-table";
import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { SelectField, TextField } from "@/components/forms/field";
import { PersonLink } from "@/components/person-link";
import { DepartmentPicker } from "@/components/pickers/department-picker";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/authz/require-area";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { departmentTrail, isDirectorySynced } from "@/lib/directory/queries";
import { maskContacts } from "@/lib/directory/search/mask";
import { searchDirectory, type DirectoryPerson } from "@/lib/directory/search/search";
import type { DirectorySortField } from "@/lib/directory/search/input";
import { LiveLookup } from "./live-lookup";
import { PAGE_SIZE, directoryHref, directoryState, toSearchInput, type DirectoryQuery } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("dir.title");

const asTri = (v: boolean | undefined) => (v === undefined ? "" : v ? "1" : "0");

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("directory");
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const q = directoryState.parse(await searchParams);
  const db = getDb();
  const [result, synced, dept] = await Promise.all([
    searchDirectory(db, toSearchInput(q, { matchContacts: can(actor.roles, "people.contact.read") })),
    isDirectorySynced(db),
    q.dept === undefined ? null : departmentTrail(db, q.dept),
  ]);
  const rows = can(actor.roles, "people.contact.read") ? result.rows : maskContacts(result.rows);
  const pages = pageCount(result.total, PAGE_SIZE);
  const canExport = can(actor.roles, "directory.export");
  const href = (change: Partial<DirectoryQuery>) => directoryHref(q, change);
  const tri = [
    { value: "", label: t("dir.any") },
    { value: "1", label: t("dir.yes") },
    { value: "0", label: t("dir.no") },
  ];

  const columns: DataColumn<DirectoryPerson, DirectorySortField>[] = [
    {
      id: "name",
      header: t("col.name"),
      sortField: "name",
      hideable: false,
      cell: (p) => (
        <>
          <PersonLink userId={p.userId} name={p.name} className="font-medium" />
          <span className="block text-xs text-slate-400">{p.pinyin}</span>
        </>
      ),
    },
    { id: "departments", header: t("dir.departments"), className: "text-slate-600", cell: (p) => p.departments.map((d) => d.name).join(t("common.listSeparator")) },
    { id: "title", header: t("col.title"), sortField: "title", className: "text-slate-600", cell: (p) => p.title },
    { id: "mobile", header: t("col.mobile"), testId: "person-mobile", className: "tabular-nums text-slate-600", cell: (p) => p.mobile },
    { id: "jobNumber", header: t("col.jobNumber"), sortField: "jobNumber", className: "text-slate-600", cell: (p) => p.jobNumber },
    { id: "hiredAt", header: t("dir.hiredAt"), sortField: "hiredAt", sortFirst: "desc", className: "tabular-nums text-slate-600", cell: (p) => (p.hiredAt ? format.dateTime(p.hiredAt, "day") : "") },
    {
      id: "status",
      header: t("col.status"),
      cell: (p) => (
        <span className="flex flex-wrap gap-1">
          {p.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>}
          {p.admin ? <Badge tone="blue">{t("dir.admin")}</Badge> : null}
          {p.isManager ? <Badge tone="amber">{t("dir.manager")}</Badge> : null}
        </span>
      ),
    },
  ];

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
        <form method="get" className="grid gap-3 text-sm sm:grid-cols-8 sm:items-start" data-testid="directory-search">
          <TextField label={t("dir.search")} name="q" type="search" defaultValue={q.q} placeholder={t("dir.searchHint")} autoFocus fieldClassName="sm:col-span-3" />
          <div className="flex flex-col gap-1 sm:col-span-2">
            <span className="text-slate-600">{t("dir.department")}</span>
            <DepartmentPicker name="dept" subName="sub" initial={dept ? { deptId: dept.department.deptId, name: dept.department.name } : undefined} initialSub={q.sub === "1"} />
          </div>
          <SelectField label={t("dir.status")} name="active" defaultValue={asTri(q.active)} options={tri} />
          <SelectField label={t("dir.admin")} name="admin" defaultValue={asTri(q.admin)} options={tri} />
          <SelectField label={t("dir.manager")} name="manager" defaultValue={asTri(q.manager)} options={tri} />
          {/* A new search keeps the table's sort and column choice. */}
          <input type="hidden" name="sort" value={q.sort} />
          <input type="hidden" name="dir" value={q.dir} />
          {q.hide.length > 0 ? <input type="hidden" name="hide" value={q.hide.join(",")} /> : null}
          <div className="flex gap-2 sm:col-span-8">
            <button type="submit" className={buttonClass("primary", "sm")}>
              {t("dir.search")}
            </button>
          </div>
        </form>
        {can(actor.roles, "directory.lookup") ? (
          <div className="mt-4 border-t border-slate-100 pt-4 sm:max-w-lg">
            <LiveLookup labels={{ title: t("person.lookup"), hint: t("person.lookupHint"), go: t("person.lookupGo") }} />
          </div>
        ) : null}
      </Card>
      <Card
        className="mt-6"
        title={t("dir.found", { total: result.total })}
        actions={
          <ListActions columns={columnChoices(columns, q, href)} exports={canExport ? { csv: directoryHref(q, { page: 1 }, "/directory/export/csv"), xlsx: directoryHref(q, { page: 1 }, "/directory/export/xlsx") } : undefined} />
        }
      >
        <DataTable columns={columns} rows={rows} rowKey={(p) => p.userId} rowAttributes={(p) => ({ "data-userid": p.userId })} state={q} href={href} testId="directory-table" empty={t("dir.empty")} />
        <Pager page={q.page} pages={pages} total={result.total} href={(page) => href({ page })} />
      </Card>
    </>
  );
}
