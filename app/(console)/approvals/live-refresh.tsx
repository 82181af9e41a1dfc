"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Keeps a server-rendered approvals page current: asks the index's version (a database read,
 * never DingTalk) every few seconds and re-renders the page when it has moved.
 */
export function LiveRefresh({ version, instanceId, everyMs = 3_000 }: { version: string; instanceId?: string; everyMs?: number }) {
  const router = useRouter();
  const seen = useRef(version);
  useEffect(() => {
    seen.current = version;
  }, [version]);
  useEffect(() => {
    const url = `/approvals/version${instanceId ? `?id=${encodeURIComponent(instanceId)}` : ""}`;
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.hidden) return;
      try {
        const r = await fetch(url, { cache: "no-store" });
        if (!r.ok || stopped) return;
        const { version: now } = (await r.json()) as { version: string };
        if (now !== seen.current) {
          seen.current = now;
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next tick asks again.
      }
    }, everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, instanceId, everyMs]);
  return <span hidden data-testid="live-version" data-version={version} />;
}
