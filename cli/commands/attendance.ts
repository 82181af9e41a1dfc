import { z } from "zod";
import { collect, planAttendanceQueries, type AttendanceRecord, type AttendanceResult } from "@/lib/dingtalk";
import { date, flag, idList } from "../arguments";
import { defineCommand } from "../command";

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item) ?? "unknown";
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Attendance (考勤): check results or raw punches, any number of people and days. */
export const attendanceCommands = [
  defineCommand({
    name: "attendance",
    summary: "check results (打卡结果) of people over dates; split into DingTalk's 7-day / 50-person calls",
    positionals: ["userIds"],
    input: z.object({
      userIds: idList("userIds, comma-separated"),
      from: date("first work date, yyyy-MM-dd"),
      to: date("last work date, yyyy-MM-dd (included)"),
      records: flag("the raw punches (原始打卡) instead of the check results"),
    }),
    examples: ["dingtalk attendance user0001,user0002 --from 2026-03-02 --to 2026-03-13"],
    async run(ctx, input) {
      const attendance = ctx.client().attendance;
      const windows = planAttendanceQueries(input.userIds, input.from, input.to);
      const base = { from: input.from, to: input.to, userCount: new Set(input.userIds).size, windows: windows.length };
      if (input.records) {
        const records: AttendanceRecord[] = [];
        for (const window of windows) records.push(...(await attendance.listRecords(window)));
        return { ...base, count: records.length, records };
      }
      const results: AttendanceResult[] = [];
      for (const window of windows) results.push(...(await collect(attendance.iterateResults(window))));
      return { ...base, count: results.length, summary: countBy(results, (r) => r.timeResult), results };
    },
  }),
];
