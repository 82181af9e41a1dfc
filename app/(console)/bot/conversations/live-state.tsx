"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";

interface Bridge {
  id: string;
  alive: boolean;
  connected: boolean;
  connections: number;
  lastFrameAt: string | null;
  perMinute: number;
  lagMs: number;
}

interface Live {
  bridges: Bridge[];
  inbox: Record<string, number>;
}

export interface LiveLabels {
  noBridge: string;
  bridge: string;
  connected: string;
  disconnected: string;
  connections: string;
  lastFrame: string;
  lag: string;
  perMinute: string;
  loading: string;
}

/** The bridges' state, refreshed every few seconds while the page is open. */
export function LiveState({ labels }: { labels: LiveLabels }) {
  const { data, error } = useQuery({
    queryKey: ["bridge-live"],
    queryFn: async (): Promise<Live> => {
      const r = await fetch("/bot/conversations/live", { cache: "no-store" });
      if (!r.ok) throw new Error(`${r.status}`);
      return (await r.json()) as Live;
    },
    refetchInterval: 5_000,
  });
  if (error) return <Notice tone="error">{String(error.message)}</Notice>;
  if (!data) return <p className="text-sm text-slate-500">{labels.loading}</p>;
  const alive = data.bridges.filter((b) => b.alive);
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="bridge-live">
      {alive.length === 0 ? <Notice tone="warn">{labels.noBridge}</Notice> : null}
      {alive.map((b) => (
        <div key={b.id} className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <span className="font-mono text-xs text-slate-500">
            {labels.bridge} {b.id}
          </span>
          {b.connected ? <Badge tone="green">{labels.connected}</Badge> : <Badge tone="red">{labels.disconnected}</Badge>}
          <span>
            {labels.connections}: {b.connections}
          </span>
          <span>
            {labels.perMinute}: {b.perMinute}
          </span>
          <span>
            {labels.lag}: {b.lagMs} ms
          </span>
          <span>
            {labels.lastFrame}: {b.lastFrameAt ? new Date(b.lastFrameAt).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—"}
          </span>
        </div>
      ))}
      <div className="flex flex-wrap gap-2 text-xs text-slate-500">
        {Object.entries(data.inbox).map(([status, n]) => (
          <span key={status} data-testid={`inbox-${status}`}>
            {status}: {n}
          </span>
        ))}
      </div>
    </div>
  );
}
