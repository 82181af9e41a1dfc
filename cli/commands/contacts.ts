import { z } from "zod";
import { collect } from "@/lib/dingtalk";
import { listInactiveUsers, listLeavers } from "@/lib/dingtalk/directory-extras";
import { date, flag, optionalInt, optionalIntList, optionalInstant, periodOf, positiveInt, text } from "../arguments";
import { defineCommand } from "../command";

const language = z.enum(["zh_CN", "en_US"]).optional().describe("language of the reply's names");

/** People (通讯录): details, search, lookups by mobile and unionId, department members, counts. */
export const contactCommands = [
  defineCommand({
    name: "get-user",
    summary: "a person's details by userId",
    positionals: ["userId"],
    input: z.object({ userId: text("the person's userId"), language }),
    examples: ["dingtalk get-user manager4521"],
    run: (ctx, { userId, language }) => ctx.client().contacts.getUser(userId, { language }),
  }),
  defineCommand({
    name: "search-user",
    summary: "find people by name (or part of one): their userIds",
    positionals: ["keyword"],
    input: z.object({
      keyword: text("a name or part of a name"),
      offset: optionalInt("skip this many matches (default 0)", { min: 0, max: 100_000 }),
      size: optionalInt("matches per call, 1-100 (default 20)", { min: 1, max: 100 }),
      exact: flag("match the whole name only"),
      details: flag("also fetch each match's details"),
    }),
    examples: ["dingtalk search-user 张 --size 5 --details"],
    async run(ctx, input) {
      const client = ctx.client();
      const found = await client.contacts.searchUsers({ queryWord: input.keyword, offset: input.offset ?? 0, size: input.size ?? 20, fullMatchField: input.exact ? 1 : undefined });
      if (!input.details) return found;
      const users = [];
      for (const userId of found.userIds) users.push(await client.contacts.getUser(userId));
      return { ...found, users };
    },
  }),
  defineCommand({
    name: "get-user-by-mobile",
    summary: "the userId of the person with this mobile number",
    positionals: ["mobile"],
    input: z.object({ mobile: text("mobile number as registered in DingTalk") }),
    run: async (ctx, { mobile }) => ({ mobile, userId: await ctx.client().contacts.getUserIdByMobile(mobile) }),
  }),
  defineCommand({
    name: "unionid-to-userid",
    summary: "the userId in this org of the person with this unionId",
    positionals: ["unionId"],
    input: z.object({ unionId: text("the person's unionId") }),
    run: async (ctx, { unionId }) => ({ unionId, ...(await ctx.client().contacts.getUserIdByUnionId(unionId)) }),
  }),
  defineCommand({
    name: "list-department-users",
    summary: "everyone directly in a department, with details (all pages)",
    positionals: ["deptId"],
    input: z.object({ deptId: positiveInt("department id (the root is 1)") }),
    async run(ctx, { deptId }) {
      const users = await collect(ctx.client().contacts.iterateUsers(deptId));
      return { deptId, count: users.length, users };
    },
  }),
  defineCommand({
    name: "org-user-count",
    summary: "how many people the org has",
    input: z.object({ active: flag("count only people who have activated DingTalk") }),
    run: async (ctx, { active }) => ({ onlyActive: active, count: await ctx.client().contacts.countUsers({ onlyActive: active }) }),
  }),
  defineCommand({
    name: "list-inactive-users",
    summary: "people who did not sign in to DingTalk on a day (未登录), all pages",
    positionals: ["date"],
    input: z.object({
      date: date("the day, yyyy-MM-dd (Asia/Shanghai)"),
      depts: optionalIntList("only these departments (comma-separated ids)"),
    }),
    examples: ["dingtalk list-inactive-users 2026-11-20 --depts 2,3"],
    async run(ctx, input) {
      const userIds = await collect(listInactiveUsers(ctx.client(), { date: input.date, deptIds: input.depts }));
      return { date: input.date, count: userIds.length, userIds };
    },
  }),
  defineCommand({
    name: "list-leavers",
    summary: "people who left the org in a period (离职记录), all pages",
    input: z.object({
      from: optionalInstant("start: yyyy-MM-dd, an ISO date-time or ms (default 30 days ago)"),
      to: optionalInstant("end: yyyy-MM-dd, an ISO date-time or ms (default now)"),
    }),
    examples: ["dingtalk list-leavers --from 2026-10-01 --to 2026-11-01"],
    async run(ctx, input) {
      const period = periodOf(input.from, input.to);
      const from = new Date(period.from);
      const to = new Date(period.to);
      const records = await collect(listLeavers(ctx.client(), { from, to }));
      return { from: from.toISOString(), to: to.toISOString(), count: records.length, records };
    },
  }),
];
