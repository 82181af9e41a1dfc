"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
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

type InboxStatus = "pending" | "processing" | "replying" | "answered" | "ignored" | "failed";

interface Live {
  bridges: Bridge[];
  inbox: Record<InboxStatus, number>;
}

/** The bridges' state, refreshed every few seconds while the page is open. */
export function LiveState() {
  const t = useTranslations("bot");
  const common = useTranslations("common");
  const format = useFormatter();
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
  if (!data) return <p className="text-sm text-slate-500">{common("loading")}</p>;
  const alive = data.bridges.filter((b) => b.alive);
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="bridge-live">
      {alive.length === 0 ? <Notice tone="warn">{t("noBridge")}</Notice> : null}
      {alive.map((b) => (
        <div key={b.id} className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <span className="font-mono text-xs text-slate-500">
            {t("bridge")} {b.id}
          </span>
          {b.connected ? <Badge tone="green">{t("connected")}</Badge> : <Badge tone="red">{t("disconnected")}</Badge>}
          <span>
            {t("connections")}: {format.number(b.connections)}
          </span>
          <span>
            {t("perMinute")}: {format.number(b.perMinute)}
          </span>
          <span>
            {t("lag")}: {t("milliseconds", { ms: format.number(b.lagMs) })}
          </span>
          <span>
            {t("lastFrame")}: {b.lastFrameAt ? format.dateTime(new Date(b.lastFrameAt), "time") : "—"}
          </span>
        </div>
      ))}
      <div className="flex flex-wrap gap-2 text-xs text-slate-500">
        {Object.entries(data.inbox).map(([status, n]) => (
          <span key={status} data-testid={`inbox-${status}`} data-count={n}>
            {t(`inbox.${status as InboxStatus}`)}: {format.number(n)}
          </span>
        ))}
      </div>
    </div>
  );
}
