"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import type { BackfillProgress } from "@/lib/approvals/progress";
import type { JobEstimate } from "@/lib/budget/estimate";
import type { ActionResult } from "@/lib/server/action";
import { startBackfillAction } from "./actions";

const TONE = { running: "blue", done: "green", failed: "red", interrupted: "amber" } as const;

export type BackfillEstimateView = JobEstimate & { lowerBound: boolean; pages: number; details: number };

/** The backfill's cost (always confirmed before it starts) and the latest run, polled every second while it runs. */
export function BackfillPanel({ initial, estimate }: { initial: BackfillProgress | null; estimate: BackfillEstimateView }) {
  const t = useTranslations("approvals.sync");
  const format = useFormatter();
  const client = useQueryClient();
  const [message, setMessage] = useState<{ tone: "ok" | "warn" | "error"; text: string } | null>(null);
  const { data: run } = useQuery({
    queryKey: ["approvals-backfill"],
    queryFn: async (): Promise<BackfillProgress | null> => {
      const r = await fetch("/approvals/sync/progress", { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return ((await r.json()) as { progress: BackfillProgress | null }).progress;
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "running" && !q.state.data.stale ? 1_000 : 10_000),
  });
  const started = async (result: ActionResult<{ started: boolean; resumed?: boolean }>) => {
    if (!result.ok) setMessage({ tone: "error", text: result.error.message });
    else if (!result.data.started) setMessage({ tone: "warn", text: t("busy") });
    else setMessage({ tone: "ok", text: result.data.resumed ? t("resumed") : t("started") });
    await client.invalidateQueries({ queryKey: ["approvals-backfill"] });
  };
  const share = estimate.share !== null ? format.number(estimate.share, { style: "percent", maximumFractionDigits: 1 }) : null;
  const cost = share === null ? t("estimateUnlimited", { calls: estimate.calls }) : t("estimate", { calls: estimate.calls, share, remaining: estimate.remaining ?? 0 });
  const resumable = run !== null && (run.status === "interrupted" || run.stale);
  const percent = run && run.idsFound > 0 ? Math.min(100, Math.round((run.instancesFetched / run.idsFound) * 100)) : 0;
  return (
    <div className="flex flex-col gap-4 text-sm">
      <p className="text-slate-600" data-testid="backfill-estimate" data-calls={estimate.calls} data-lower-bound={estimate.lowerBound ? "1" : "0"}>
        {cost} {estimate.lowerBound ? t("estimateLowerBound") : t("estimateParts", { pages: estimate.pages, details: estimate.details })}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <ConfirmDialog
          trigger={<Button type="button">{resumable ? t("resume") : t("start")}</Button>}
          title={t("confirmTitle")}
          description={estimate.remaining === 0 ? t("confirmSpent", { calls: estimate.calls }) : `${cost} ${t("confirmBody")}`}
          confirmLabel={t("confirm")}
          action={startBackfillAction}
          fields={{ estimatedCalls: String(estimate.calls) }}
          onDone={(result) => void started(result)}
        />
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      </div>
      {run === null ? (
        <p className="text-slate-500">{t("none")}</p>
      ) : (
        <div className="flex flex-col gap-2" data-testid="backfill-run" data-status={run.status} data-fetched={run.instancesFetched}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={TONE[run.status]}>{t(`status.${run.status}`)}</Badge>
            {run.stale ? <Badge tone="amber">{t("stale")}</Badge> : null}
            <span className="text-slate-500 tabular-nums">{format.dateTime(new Date(run.startedAt), "full")}</span>
          </div>
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("progress")}>
            <div className="h-full bg-brand-500" style={{ width: `${percent}%` }} />
          </div>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-5">
            <div>
              <dt className="text-xs text-slate-500">{t("windows")}</dt>
              <dd className="tabular-nums">
                {run.windowsDone} / {run.windowsTotal}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("fetched")}</dt>
              <dd className="tabular-nums">
                {run.instancesFetched} / {run.idsFound}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("calls")}</dt>
              <dd className="tabular-nums">
                {run.apiCalls} / {run.estimatedCalls}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("left")}</dt>
              <dd className="tabular-nums">{run.status === "running" && run.secondsLeft !== null ? t("seconds", { seconds: run.secondsLeft }) : "—"}</dd>
            </div>
          </dl>
          {run.error ? <p className="text-xs text-red-700">{run.error}</p> : null}
        </div>
      )}
    </div>
  );
}
