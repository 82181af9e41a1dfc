"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/server/action";
import type { JobEstimate } from "@/lib/budget/estimate";
import { Notice } from "@/components/ui/notice";
import type { SyncProgress } from "@/lib/directory/sync/progress";
import { startSyncAction } from "./actions";
import { TableHead } from "@/components/ui/table-head";

const TONE = { running: "blue", done: "green", failed: "red", interrupted: "amber" } as const;

/** Start button and the runs, refreshed every second while one runs. */
export function SyncPanel({ initial, estimate }: { initial: SyncProgress[]; estimate: JobEstimate | null }) {
  const t = useTranslations("sync");
  const format = useFormatter();
  const duration = (seconds: number | null) => {
    if (seconds === null) return "—";
    const s = Math.round(seconds);
    return s >= 60 ? t("minutesSeconds", { minutes: Math.floor(s / 60), seconds: s % 60 }) : t("seconds", { seconds: s });
  };
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "warn" | "error"; text: string } | null>(null);
  const { data } = useQuery({
    queryKey: ["directory-sync"],
    queryFn: async (): Promise<SyncProgress[]> => {
      const r = await fetch("/directory/sync/progress", { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return ((await r.json()) as { runs: SyncProgress[] }).runs;
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "running" && !r.stale) ? 1_000 : 10_000),
  });
  const runs = data ?? [];
  const started = async (result: ActionResult<{ started: boolean }>) => {
    if (!result.ok) setMessage({ tone: "error", text: result.error.message });
    else setMessage(result.data.started ? { tone: "ok", text: t("started") } : { tone: "warn", text: t("busy") });
    await client.invalidateQueries({ queryKey: ["directory-sync"] });
  };
  const share = estimate?.share != null ? format.number(estimate.share, { style: "percent", maximumFractionDigits: 1 }) : "";
  const fields = { estimatedCalls: String(estimate?.calls ?? "") };
  const startButton = estimate?.confirm ? (
    <ConfirmDialog
      trigger={<Button type="button">{t("start")}</Button>}
      title={t("confirmTitle")}
      description={estimate.remaining === 0 ? t("confirmSpent", { calls: estimate.calls }) : t("confirmBody", { calls: estimate.calls, share })}
      confirmLabel={t("confirm")}
      action={startSyncAction}
      fields={fields}
      onDone={(result) => void started(result)}
    />
  ) : (
    <Button type="button" disabled={pending} onClick={() => start(async () => started(await startSyncAction(null, fields)))}>
      {t("start")}
    </Button>
  );
  return (
    <div className="flex flex-col gap-4 text-sm">
      <div className="flex items-center gap-3">
        {startButton}
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      </div>
      <p className="text-xs text-slate-500" data-testid="sync-estimate" data-calls={estimate?.calls ?? ""} data-confirm={estimate?.confirm ? "1" : "0"}>
        {estimate === null
          ? t("estimateUnknown")
          : estimate.share === null
            ? t("estimateUnlimited", { calls: estimate.calls })
            : t("estimate", { calls: estimate.calls, share, remaining: estimate.remaining ?? 0 })}
      </p>
      {runs.length === 0 ? (
        <p className="text-slate-500">{t("none")}</p>
      ) : (
        <table className="w-full" data-testid="sync-runs">
          <TableHead columns={[t("startedAt"), t("status.label"), { label: t("departments"), align: "right" }, { label: t("people"), align: "right" }, { label: t("rate"), align: "right" }, { label: t("left"), align: "right" }, { label: t("calls"), align: "right" }]} />
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} className="border-t border-slate-100" data-status={r.status} data-kind={r.kind}>
                <td className="py-2 pr-3 tabular-nums">{format.dateTime(new Date(r.startedAt), "full")}</td>
                <td className="py-2 pr-3">
                  <Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge> <span className="text-xs text-slate-400">{r.kind}</span>
                  {r.error ? <span className="block text-xs text-red-700">{r.error}</span> : null}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {r.departmentsDone} / {r.departmentsTotal}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.peopleSeen}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{t("perSecond", { rate: format.number(r.peoplePerSecond) })}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.status === "running" ? duration(r.secondsLeft) : "—"}</td>
                <td className="py-2 text-right tabular-nums">{r.apiCalls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
