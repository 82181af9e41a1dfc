import { z } from "zod";
import { optionalInt, optionalText, positiveInt, text } from "../arguments";
import { defineCommand } from "../command";

const deptId = positiveInt("department id (the root is 1)");

/** Departments (部门): details, children, ancestors, search. */
export const departmentCommands = [
  defineCommand({
    name: "get-department",
    summary: "a department's details",
    positionals: ["deptId"],
    input: z.object({ deptId, language: z.enum(["zh_CN", "en_US"]).optional().describe("language of the reply's names") }),
    run: (ctx, { deptId, language }) => ctx.client().departments.getDepartment(deptId, { language }),
  }),
  defineCommand({
    name: "list-sub-departments",
    summary: "the departments directly under a department",
    positionals: ["deptId"],
    input: z.object({ deptId }),
    async run(ctx, { deptId }) {
      const departments = await ctx.client().departments.listSubDepartments(deptId);
      return { deptId, count: departments.length, departments };
    },
  }),
  defineCommand({
    name: "list-parent-departments",
    summary: "a department's chain up to the root, or every chain of a person's departments",
    positionals: ["deptId"],
    input: z
      .object({
        deptId: positiveInt("department id: its chain, itself first, the root last").optional(),
        user: optionalText("a userId instead: the chain of each department the person is in"),
      })
      .refine((v) => (v.deptId === undefined) !== (v.user === undefined), { message: "give either <deptId> or --user, not both" }),
    examples: ["dingtalk list-parent-departments 42", "dingtalk list-parent-departments --user manager4521"],
    async run(ctx, { deptId, user }) {
      const departments = ctx.client().departments;
      if (user !== undefined) return { userId: user, parentIdLists: await departments.listParentsByUser(user) };
      return { deptId, parentIds: await departments.listParentIdsByDept(deptId as number) };
    },
  }),
  defineCommand({
    name: "search-department",
    summary: "find departments by name: their ids",
    positionals: ["keyword"],
    input: z.object({
      keyword: text("a department name or part of one"),
      offset: optionalInt("skip this many matches (default 0)", { min: 0, max: 100_000 }),
      size: optionalInt("matches per call, 1-100 (default 20)", { min: 1, max: 100 }),
    }),
    run: (ctx, input) => ctx.client().departments.searchDepartments({ queryWord: input.keyword, offset: input.offset ?? 0, size: input.size ?? 20 }),
  }),
];
