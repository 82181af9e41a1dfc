import { z } from "zod";
import { compactDay } from "../time";
import { checkDeptId, checkPageSize } from "./arguments";
import type { DingTalkClient } from "./client";
import { cursorPages, eachItem, nextTokenPages } from "./pagination";
import { oapiResult } from "./transport";
import { wireFlag, wireText } from "./wire";

// 未登录用户 (people who did not sign in on a day) and 离职记录 (leavers over a time range):
// two contact lists the directory pages show, on top of the client's `call`.

/** A person who left, as `empLeaveRecords` reports them. */
export interface LeaveRecord {
  userId: string;
  name: string;
  stateCode: string;
  mobile: string;
  /** ISO 8601. */
  leaveTime: string;
  leaveReason: string;
}

const inactivePage = oapiResult(
  z.object({
    has_more: wireFlag,
    next_cursor: z.coerce.number().nullish(),
    list: z.array(z.string()).nullish(),
  }),
);

const leavePage = z.object({
  nextToken: z.union([z.string(), z.number()]).nullish(),
  records: z
    .array(
      z.object({
        userId: z.string(),
        name: wireText,
        stateCode: wireText,
        mobile: wireText,
        leaveTime: wireText,
        leaveReason: wireText,
      }),
    )
    .nullish(),
});

const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;

/** "yyyyMMdd" of a day: a Date is read in Asia/Shanghai (UTC+8), text as "yyyy-MM-dd" or "yyyyMMdd". */
export function queryDate(date: Date | string): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError("date is not a valid date");
    return compactDay(date);
  }
  const m = DATE.exec(date.trim());
  if (!m) throw new RangeError(`date must look like 2026-11-21 or 20261121, got ${JSON.stringify(date)}`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/**
 * userIds of the people who did not sign in to DingTalk on `date` (or, with `signedIn: true`,
 * those who did), optionally only of some departments; pages of up to 100 fetched as needed.
 */
export function listInactiveUsers(
  client: DingTalkClient,
  options: { date: Date | string; deptIds?: number[]; signedIn?: boolean; pageSize?: number },
): AsyncGenerator<string, void, undefined> {
  const day = queryDate(options.date);
  const deptIds = options.deptIds?.map(checkDeptId);
  const size = checkPageSize(options.pageSize ?? 100);
  return eachItem(
    cursorPages(async (cursor) => {
      const r = await client.call({
        host: "oapi", method: "POST", path: "/topapi/inactive/user/v2/get",
        body: { is_active: options.signedIn ?? false, ...(deptIds && deptIds.length > 0 ? { dept_ids: deptIds } : {}), offset: cursor, size, query_date: day },
        schema: inactivePage, idempotent: true,
      });
      return { items: r.list ?? [], hasMore: r.has_more, nextCursor: r.next_cursor };
    }),
  );
}

/** Everyone who left between `from` and `to` (inclusive), oldest first, in pages of up to 50. */
export function listLeavers(client: DingTalkClient, options: { from: Date; to: Date; pageSize?: number }): AsyncGenerator<LeaveRecord, void, undefined> {
  if (Number.isNaN(options.from.getTime()) || Number.isNaN(options.to.getTime())) throw new RangeError("from and to must be valid dates");
  if (options.to < options.from) throw new RangeError("to must not be before from");
  const size = checkPageSize(options.pageSize ?? 50, 50);
  return eachItem(
    nextTokenPages(async (token, maxResults) => {
      const r = await client.call({
        host: "api", method: "GET", path: "/v1.0/contact/empLeaveRecords",
        query: { startTime: options.from.toISOString(), endTime: options.to.toISOString(), maxResults, nextToken: token },
        schema: leavePage, idempotent: true,
      });
      return { items: r.records ?? [], nextToken: r.nextToken };
    }, size),
  );
}
