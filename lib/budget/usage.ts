import { CSV_BOM, csvLine } from "@/lib/csv";
import type { Db } from "@/lib/db/client";
import { BACKGROUND_AREAS } from "./areas";
import type { BudgetConfig } from "./config";
import { daysOfMonth, monthStart, nextMonthStart, shanghaiMonth } from "./month";

export interface MonthUsage {
  month: string;
  quota: number | null;
  /** Metered calls this month, every app and process that reports to this database. */
  used: number;
  /** Of which background work (schedule, org events). */
  background: number;
  /** What background work may spend this month; null when unlimited. */
  backgroundBudget: number | null;
  /** Calls DingTalk does not meter: token calls, and calls it refused without running them. */
  unmetered: number;
  byDay: { day: string; calls: number }[];
  byArea: { area: string; calls: number }[];
  byApi: { api: string; calls: number }[];
  /** Metered calls at the month's end if the month goes on as it has. */
  projected: number;
}

/** This month's metered calls (Asia/Shanghai), by day, area and API, with the projection to the month's end. */
export async function monthUsage(db: Db, config: BudgetConfig, now: Date = new Date()): Promise<MonthUsage> {
  const days = daysOfMonth(now);
  const rows = await db.dingTalkCallCount.groupBy({
    by: ["day", "api", "area", "metered"],
    where: { day: { gte: days[0], lte: days[days.length - 1] } },
    _sum: { calls: true },
  });
  const byDay = new Map(days.map((d) => [d, 0]));
  const byArea = new Map<string, number>();
  const byApi = new Map<string, number>();
  let used = 0;
  let background = 0;
  let unmetered = 0;
  for (const r of rows) {
    const calls = r._sum.calls ?? 0;
    if (!r.metered) {
      unmetered += calls;
      continue;
    }
    used += calls;
    if (BACKGROUND_AREAS.includes(r.area)) background += calls;
    byDay.set(r.day, (byDay.get(r.day) ?? 0) + calls);
    byArea.set(r.area, (byArea.get(r.area) ?? 0) + calls);
    byApi.set(r.api, (byApi.get(r.api) ?? 0) + calls);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const start = monthStart(now).getTime();
  const monthMs = nextMonthStart(now).getTime() - start;
  // At least a day elapsed, so that the first hours of a month do not project wildly.
  const elapsed = Math.min(monthMs, Math.max(86_400_000, now.getTime() - start));
  return {
    month: shanghaiMonth(now),
    quota: config.monthlyQuota,
    used,
    background,
    backgroundBudget: config.monthlyQuota === null ? null : Math.floor(config.monthlyQuota * config.backgroundShare),
    unmetered,
    byDay: [...byDay].map(([day, calls]) => ({ day, calls })),
    byArea: sorted(byArea).map(([area, calls]) => ({ area, calls })),
    byApi: sorted(byApi).map(([api, calls]) => ({ api, calls })),
    projected: Math.round((used * monthMs) / elapsed),
  };
}

export const USAGE_CSV_COLUMNS = ["day", "appKey", "api", "area", "metered", "calls"] as const;

/** The month's counts as CSV (BOM and header first): one line per day, app, API and area. */
export async function usageCsv(db: Db, now: Date = new Date()): Promise<string> {
  const days = daysOfMonth(now);
  const rows = await db.dingTalkCallCount.findMany({
    where: { day: { gte: days[0], lte: days[days.length - 1] } },
    orderBy: [{ day: "asc" }, { api: "asc" }, { area: "asc" }, { appKey: "asc" }],
  });
  return CSV_BOM + csvLine(USAGE_CSV_COLUMNS) + rows.map((r) => csvLine([r.day, r.appKey, r.api, r.area, r.metered ? 1 : 0, r.calls])).join("");
}
