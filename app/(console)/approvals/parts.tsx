import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Field, SelectField, TextField } from "@/components/forms/field";
import { DepartmentPicker } from "@/components/pickers/department-picker";
import { DateRangePicker } from "@/components/pickers/date-range-picker";
import { PersonPicker } from "@/components/pickers/person-picker";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { Actor } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { INSTANCE_RESULTS, INSTANCE_STATUSES } from "@/lib/approvals/queries";
import type { Db } from "@/lib/db/client";
import { departmentTrail } from "@/lib/directory/queries";
import { shanghaiDay } from "@/lib/time";
import { TemplatePicker } from "./template-picker";
import type { TrackingQuery } from "./query";

// What the approvals pages share: their tabs, the filter form (the same controls on the tracking
// page and the list), how a status and a wait are shown.

type Section = "tracking" | "list" | "todo" | "start" | "sync";

/** The approvals area's tabs; the ones a role may not use are left out. */
export async function ApprovalsNav({ actor, current, query }: { actor: Actor; current: Section; query?: string }) {
  const t = await getTranslations("approvals.nav");
  const tabs: { id: Section; href: string; show: boolean }[] = [
    { id: "tracking", href: `/approvals${query ?? ""}`, show: true },
    { id: "list", href: `/approvals/list${query ?? ""}`, show: true },
    { id: "todo", href: "/approvals/todo", show: can(actor.roles, "approvals.act") },
    { id: "start", href: "/approvals/start", show: can(actor.roles, "approvals.act") },
    { id: "sync", href: "/approvals/sync", show: can(actor.roles, "approvals.manage") },
  ];
  return (
    <nav className="-mt-4 mb-4 flex gap-1 border-b border-slate-200 text-sm" aria-label={t("label")}>
      {tabs
        .filter((x) => x.show)
        .map((x) => (
          <Link
            key={x.id}
            href={x.href}
            aria-current={x.id === current ? "page" : undefined}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
          >
            {t(x.id)}
          </Link>
        ))}
    </nav>
  );
}

const STATUS_TONE = { NEW: "gray", RUNNING: "blue", COMPLETED: "green", TERMINATED: "amber", CANCELED: "gray" } as const;

/** An instance's status, and its result once it has one. */
export async function StatusBadge({ status, result }: { status: string; result: string }) {
  const t = await getTranslations("approvals");
  const tone = status === "COMPLETED" && result === "refuse" ? "red" : (STATUS_TONE[status as keyof typeof STATUS_TONE] ?? "gray");
  const known = (INSTANCE_STATUSES as readonly string[]).includes(status);
  return (
    <span className="inline-flex gap-1" data-status={status} data-result={result}>
      <Badge tone={tone}>{known ? t(`status.${status as (typeof INSTANCE_STATUSES)[number]}`) : status}</Badge>
      {status === "COMPLETED" && (result === "agree" || result === "refuse") ? <Badge tone={tone}>{t(`result.${result}`)}</Badge> : null}
    </span>
  );
}

/** A wait in days and hours (or hours and minutes, or minutes), in words. */
export function durationText(t: Awaited<ReturnType<typeof getTranslations<"approvals">>>, seconds: number | null): string {
  if (seconds === null) return "—";
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return t("duration.daysHours", { days, hours: hours % 24 });
  if (hours > 0) return t("duration.hoursMinutes", { hours, minutes: minutes % 60 });
  return t("duration.minutes", { minutes });
}

/** The filter controls, submitted as a GET to `action` (the tracking page or the list). */
export async function ApprovalFilters({ db, q, action, templates, keep }: {
  db: Db;
  q: TrackingQuery;
  action: string;
  templates: { processCode: string; name: string }[];
  /** Hidden fields the page keeps across a new filter (the list's sort and columns). */
  keep?: Record<string, string | undefined>;
}) {
  const t = await getTranslations("approvals");
  const userIds = [q.by, q.approver].filter((u): u is string => !!u);
  const [dept, people] = await Promise.all([
    q.dept === undefined ? null : departmentTrail(db, q.dept),
    userIds.length === 0 ? [] : db.directoryUser.findMany({ where: { userId: { in: userIds } }, select: { userId: true, name: true } }),
  ]);
  const picked = (userId: string | undefined) => (userId ? [{ userId, name: people.find((p) => p.userId === userId)?.name ?? userId }] : []);
  const any = { value: "", label: t("filters.any") };
  return (
    <form method="get" action={action} className="grid gap-3 text-sm sm:grid-cols-6 sm:items-start" data-testid="approval-filters">
      <TextField label={t("filters.q")} name="q" type="search" defaultValue={q.q} placeholder={t("filters.qHint")} fieldClassName="sm:col-span-2" />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <span className="text-slate-600">{t("filters.templates")}</span>
        <TemplatePicker name="tpl" templates={templates} initial={q.tpl} />
      </div>
      <SelectField label={t("filters.status")} name="status" defaultValue={q.status ?? ""} options={[any, ...INSTANCE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
      <SelectField label={t("filters.result")} name="result" defaultValue={q.result ?? ""} options={[any, ...INSTANCE_RESULTS.map((r) => ({ value: r, label: t(`result.${r}`) }))]} />
      <Field label={t("filters.originator")} className="sm:col-span-2">
        {(control) => <PersonPicker name="by" initial={picked(q.by)} placeholder={t("filters.personHint")} {...control} />}
      </Field>
      <div className="flex flex-col gap-1 sm:col-span-2">
        <span className="text-slate-600">{t("filters.department")}</span>
        <DepartmentPicker name="dept" subName="sub" initial={dept ? { deptId: dept.department.deptId, name: dept.department.name } : undefined} initialSub={q.sub === "1"} />
      </div>
      <Field label={t("filters.approver")} className="sm:col-span-2">
        {(control) => <PersonPicker name="approver" initial={picked(q.approver)} placeholder={t("filters.personHint")} {...control} />}
      </Field>
      <div className="sm:col-span-4">
        <DateRangePicker fromName="from" toName="to" initial={{ from: q.from, to: q.to }} max={shanghaiDay(new Date())} labels={{ from: t("filters.from"), to: t("filters.to") }} />
      </div>
      <label className="flex items-center gap-2 self-end pb-2 sm:col-span-2">
        <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue === true} />
        {t("filters.overdue")}
      </label>
      {Object.entries(keep ?? {}).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="flex gap-2 sm:col-span-6">
        <button type="submit" className={buttonClass("primary", "sm")}>
          {t("filters.apply")}
        </button>
        <Link href={action} className={buttonClass("secondary", "sm")}>
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
