"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { SyncProgress } from "@/lib/directory/sync/progress";
import { startSyncAction } from "./actions";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";

export type SyncLabels = Record<
  "start" | "busy" | "started" | "status" | "departments" | "people" | "rate" | "left" | "calls" | "startedAt" | "none" | "running" | "done" | "failed" | "interrupted",
  string
>;

const TONE = { running: "blue", done: "green", failed: "red", interrupted: "amber" } as const;

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** Start button and the runs, refreshed every second while one runs. */
export function SyncPanel({ labels, initial, locale }: { labels: SyncLabels; initial: SyncProgress[]; locale: Locale }) {
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
  return (
    <div className="flex flex-col gap-4 text-sm">
      <div className="flex items-center gap-3">
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await startSyncAction();
              if (!result.ok) setMessage({ tone: "error", text: result.error.message });
              else setMessage(result.data.started ? { tone: "ok", text: labels.started } : { tone: "warn", text: labels.busy });
              await client.invalidateQueries({ queryKey: ["directory-sync"] });
            })
          }
        >
          {labels.start}
        </Button>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      </div>
      {runs.length === 0 ? (
        <p className="text-slate-500">{labels.none}</p>
      ) : (
        <table className="w-full" data-testid="sync-runs">
          <TableHead columns={[labels.startedAt, labels.status, { label: labels.departments, align: "right" }, { label: labels.people, align: "right" }, { label: labels.rate, align: "right" }, { label: labels.left, align: "right" }, { label: labels.calls, align: "right" }]} />
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} className="border-t border-slate-100" data-status={r.status} data-kind={r.kind}>
                <td className="py-2 pr-3 tabular-nums">{formatDateTime(r.startedAt, locale)}</td>
                <td className="py-2 pr-3">
                  <Badge tone={TONE[r.status]}>{labels[r.status]}</Badge> <span className="text-xs text-slate-400">{r.kind}</span>
                  {r.error ? <span className="block text-xs text-red-700">{r.error}</span> : null}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {r.departmentsDone} / {r.departmentsTotal}
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.peopleSeen}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{r.peoplePerSecond}/s</td>
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
