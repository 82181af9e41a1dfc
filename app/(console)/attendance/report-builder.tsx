"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { DateRangePicker } from "@/components/pickers/date-range-picker";
import { DepartmentPicker, type PickedDepartment } from "@/components/pickers/department-picker";
import { PersonPicker } from "@/components/pickers/person-picker";
import type { PickedPerson } from "@/components/pickers/person-search";
import { buttonClass } from "@/components/ui/button";
import type { AttendanceGroupChoice } from "@/lib/attendance/groups";

export interface BuilderInitial {
  depts: PickedDepartment[];
  sub: boolean;
  people: PickedPerson[];
  group: string;
  from?: string;
  to?: string;
}

/**
 * The report's scope and range. The pickers post plain fields (one per department and person, and
 * "with sub-departments"); the report's URL lists them comma-separated.
 */
export function ReportBuilder({ initial, groups, max }: { initial: BuilderInitial; groups: AttendanceGroupChoice[]; max: string }) {
  const t = useTranslations("attendance.build");
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const depts = form.getAll("dept").map(String).filter(Boolean);
    if (depts.length > 0) q.set("depts", depts.join(","));
    if (text("sub") === "0") q.set("sub", "0");
    const users = form.getAll("user").map(String).filter(Boolean);
    if (users.length > 0) q.set("users", users.join(","));
    if (text("group")) q.set("group", text("group"));
    if (text("from")) q.set("from", text("from"));
    if (text("to")) q.set("to", text("to"));
    router.push(`/attendance?${q}`);
  };
  return (
    <form onSubmit={submit} className="grid gap-4 text-sm sm:grid-cols-2" data-testid="report-builder">
      <Field label={t("departments")}>{(control) => <DepartmentPicker name="dept" subName="sub" multiple initial={initial.depts} initialSub={initial.sub} {...control} />}</Field>
      <Field label={t("people")}>{(control) => <PersonPicker name="user" multiple initial={initial.people} placeholder={t("peopleHint")} {...control} />}</Field>
      <Field label={t("range")}>
        {(control) => <DateRangePicker fromName="from" toName="to" initial={{ from: initial.from, to: initial.to }} max={max} presets={["thisMonth", "lastMonth"]} {...control} />}
      </Field>
      <SelectField
        label={t("group")}
        name="group"
        defaultValue={initial.group}
        options={[{ value: "", label: t("anyGroup") }, ...groups.map((g) => ({ value: g.groupId, label: g.name ?? t("groupId", { id: g.groupId }) }))]}
      />
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass("primary", "sm")} data-testid="build-report">
          {t("submit")}
        </button>
      </div>
    </form>
  );
}
