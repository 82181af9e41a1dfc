"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import type { JobEstimate } from "@/lib/budget/estimate";
import type { ActionResult } from "@/lib/server/action";
import { startFetchAction } from "./actions";

export interface JobProgress {
  status: string;
  windowsDone: number;
  windowsTotal: number;
  estimate: number;
  apiCalls: number;
  error: string | null;
}

interface Props {
  /** What the report still needs fetched (or can refresh), with its calls; null when there is nothing. */
  estimate: JobEstimate | null;
  personDays: number;
  /** The report's scope and range, as the action's form. */
  fields: Record<string, string>;
  /** The job this page started, and its progress as the page was rendered. */
  job: { id: string; progress: JobProgress | null } | null;
  /** This report's address with a job ("__JOB__" stands for its id). */
  hrefs: { withJob: string };
}

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

/**
 * Before a fetch: its calls and share of the month, confirmed when large. During it: progress
 * from the job's row in the database (a fetch resumed after a restart shows the same row).
 */
export function FetchPanel({ estimate, personDays, fields, job, hrefs }: Props) {
  const t = useTranslations("attendance.fetch");
  const format = useFormatter();
  const router = useRouter();
  const { data: progress } = useQuery({
    queryKey: ["attendance-job", job?.id],
    queryFn: async (): Promise<JobProgress | null> => {
      const r = await fetch(`/attendance/progress?job=${encodeURIComponent(job!.id)}`, { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return ((await r.json()) as { job: JobProgress | null }).job;
    },
    enabled: job !== null,
    initialData: job?.progress ?? null,
    // An interrupted job is resumed by the schedule: watched, less often.
    refetchInterval: (q) => (q.state.data?.status === "running" ? 1_000 : q.state.data?.status === "interrupted" ? 5_000 : false),
  });
  const done = progress?.status === "done";
  // Once the job is done the page's views read what it fetched.
  useEffect(() => {
    if (done && job?.progress?.status !== "done") router.refresh();
  }, [done, job?.progress?.status, router]);
  const started = (result: ActionResult<{ jobId: string | null }>) => {
    if (result.ok && result.data.jobId) router.push(hrefs.withJob.replace("__JOB__", encodeURIComponent(result.data.jobId)));
    else if (result.ok) router.refresh();
  };
  const start = estimate ? <Start estimate={estimate} personDays={personDays} fields={fields} onStarted={started} /> : null;
  if (!job) return start;

  const p = progress;
  const share = p && p.windowsTotal > 0 ? p.windowsDone / p.windowsTotal : 0;
  const stopped = p && (p.status === "failed" || p.status === "interrupted");
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2 text-sm" data-testid="fetch-progress" data-status={p?.status ?? "unknown"}>
        <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
          <div className="h-full bg-brand-500 transition-all" style={{ width: `${share * 100}%` }} />
        </div>
        <p className="text-slate-600">
          {p ? t("progress", { done: p.windowsDone, total: p.windowsTotal, calls: p.apiCalls, estimate: p.estimate, percent: format.number(share, { style: "percent" }) }) : t("waiting")}
        </p>
        {stopped ? (
          <Notice tone="warn">
            {t(p.status === "failed" ? "failed" : "interrupted")} {p.error}
          </Notice>
        ) : null}
        {done ? <p className="text-emerald-700">{t("done")}</p> : null}
      </div>
      {/* Once a job has stopped, what is left (days not settled yet, leave that changed) is offered again. */}
      {p?.status !== "running" ? start : null}
    </div>
  );
}

function Start({ estimate, personDays, fields, onStarted }: { estimate: JobEstimate; personDays: number; fields: Record<string, string>; onStarted: (r: ActionResult<{ jobId: string | null }>) => void }) {
  const t = useTranslations("attendance.fetch");
  const format = useFormatter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const share = estimate.share !== null ? format.number(estimate.share, { style: "percent", maximumFractionDigits: 1 }) : null;
  const description =
    estimate.remaining === 0 ? t("confirmSpent", { calls: estimate.calls }) : share ? t("confirmBody", { calls: estimate.calls, share }) : t("estimateUnlimited", { calls: estimate.calls });
  const fieldsWithEstimate = { ...fields, estimatedCalls: String(estimate.calls) };
  const done = (result: ActionResult<{ jobId: string | null }>) => {
    setError(result.ok ? null : result.error.message);
    onStarted(result);
  };
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="fetch-estimate" data-calls={estimate.calls} data-confirm={estimate.confirm ? "1" : "0"}>
      <p className="text-slate-700">
        {share === null ? t("estimateUnlimited", { calls: estimate.calls }) : t("estimate", { personDays, calls: estimate.calls, share, remaining: estimate.remaining ?? 0 })}
      </p>
      <div className="flex items-center gap-3">
        {estimate.confirm ? (
          <ConfirmDialog
            trigger={
              <Button type="button" data-testid="start-fetch">
                {t("start")}
              </Button>
            }
            title={t("confirmTitle")}
            description={description}
            confirmLabel={t("confirm")}
            action={startFetchAction}
            fields={fieldsWithEstimate}
            onDone={done}
          />
        ) : (
          <Button type="button" disabled={pending} data-testid="start-fetch" onClick={() => start(async () => done(await startFetchAction(null, formOf(fieldsWithEstimate))))}>
            {t("start")}
          </Button>
        )}
        {error ? <Notice tone="error">{error}</Notice> : null}
      </div>
    </div>
  );
}
