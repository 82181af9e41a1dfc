"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { CONTROL_CLASS, Field } from "@/components/forms/field";
import { PersonLink } from "@/components/person-link";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table-head";
import { toastResult } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/server/action";
import { agreeManyAction } from "./actions";

export interface TodoRow {
  processInstanceId: string;
  title: string;
  templateName: string;
  originatorUserId: string;
  originatorName: string;
  /** Already in words: when it started and how long the step has waited. */
  created: string;
  waited: string;
}

/** The person's pending approvals with a checkbox each, and one remark to agree to the chosen ones. */
export function TodoForm({ rows }: { rows: TodoRow[] }) {
  const t = useTranslations("approvals.todo");
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const all = rows.length > 0 && chosen.size === rows.length;
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = (form: FormData) =>
    start(async () => {
      const r = await agreeManyAction(null, form);
      setResult(r);
      toastResult(r);
      if (r.ok) {
        setChosen(new Set());
        router.refresh();
      }
    });

  const errors = result && !result.ok ? (result.error.fieldErrors ?? {}) : {};
  return (
    <form action={submit} className="flex flex-col gap-4" data-testid="todo-form" noValidate>
      <table className="w-full text-sm" data-testid="todo-table">
        <TableHead
          columns={[
            <input key="all" type="checkbox" aria-label={t("selectAll")} checked={all} onChange={(e) => setChosen(e.target.checked ? new Set(rows.map((r) => r.processInstanceId)) : new Set())} />,
            t("approval"),
            t("template"),
            t("originator"),
            t("waiting"),
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.processInstanceId} className="border-t border-slate-100" data-id={r.processInstanceId}>
              <td className="w-8 py-2">
                <input
                  type="checkbox"
                  name="processInstanceId"
                  value={r.processInstanceId}
                  aria-label={t("select", { title: r.title })}
                  checked={chosen.has(r.processInstanceId)}
                  onChange={(e) => toggle(r.processInstanceId, e.target.checked)}
                />
              </td>
              <td className="py-2 pr-3">
                <Link href={`/approvals/${encodeURIComponent(r.processInstanceId)}`} className="font-medium text-brand-700 hover:underline">
                  {r.title}
                </Link>
                <div className="text-xs text-slate-500 tabular-nums">{r.created}</div>
              </td>
              <td className="py-2 pr-3">{r.templateName}</td>
              <td className="py-2 pr-3">
                <PersonLink userId={r.originatorUserId} name={r.originatorName} />
              </td>
              <td className="py-2 tabular-nums">{r.waited}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.processInstanceId ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.processInstanceId.join(" ")}
        </p>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("remark")} errors={errors.remark} className="flex-1">
          {(control) => <input name="remark" maxLength={500} className={CONTROL_CLASS} {...control} />}
        </Field>
        <Button type="submit" disabled={pending || chosen.size === 0} aria-busy={pending}>
          {pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
          {t("agreeSelected", { count: chosen.size })}
        </Button>
      </div>
    </form>
  );
}
