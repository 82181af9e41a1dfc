import { z } from "zod";
import { collect } from "@/lib/dingtalk";
import { optionalText, text } from "../arguments";
import type { CommandContext } from "../command";
import { defineCommand } from "../command";
import { CliFailure } from "../failure";

const operator = optionalText("unionId of the person to act as (default: DINGTALK_OPERATOR_ID)");

/** Documents act as a person; the unionId comes from --operator or the environment. */
function operatorOf(ctx: CommandContext, given: string | undefined): { operatorId: string } {
  const operatorId = given ?? ctx.settings.operatorId;
  if (!operatorId) throw new CliFailure("INVALID_ARGUMENTS", "documents are read as a person: pass --operator <unionId> or set DINGTALK_OPERATOR_ID (a unionId, not a userId)");
  return { operatorId };
}

/** Knowledge bases (知识库) and documents. */
export const docsCommands = [
  defineCommand({
    name: "list-workspaces",
    summary: "the knowledge bases a person can see (all pages)",
    input: z.object({ operator }),
    async run(ctx, input) {
      const workspaces = await collect(ctx.client().docs.iterateWorkspaces(operatorOf(ctx, input.operator)));
      return { count: workspaces.length, workspaces };
    },
  }),
  defineCommand({
    name: "list-nodes",
    summary: "the folders and documents in a folder, or at the top of a knowledge base",
    positionals: ["parentNodeId"],
    input: z
      .object({
        parentNodeId: optionalText("the folder's nodeId"),
        workspace: optionalText("a workspaceId instead: list the top of that knowledge base"),
        operator,
      })
      .refine((v) => (v.parentNodeId === undefined) !== (v.workspace === undefined), { message: "give either <parentNodeId> or --workspace, not both" }),
    examples: ["dingtalk list-nodes --workspace <workspaceId> --operator <unionId>"],
    async run(ctx, input) {
      const docs = ctx.client().docs;
      const op = operatorOf(ctx, input.operator);
      const parentNodeId = input.parentNodeId ?? (await docs.getWorkspace(input.workspace as string, op)).rootNodeId;
      const nodes = await collect(docs.iterateNodes(parentNodeId, op));
      return { parentNodeId, count: nodes.length, nodes };
    },
  }),
  defineCommand({
    name: "read-doc",
    summary: "a document's body as markdown",
    positionals: ["doc"],
    input: z.object({ doc: text("the document's docKey or nodeId, or its link (https://alidocs.dingtalk.com/i/nodes/…)"), operator }),
    async run(ctx, input) {
      const docs = ctx.client().docs;
      const op = operatorOf(ctx, input.operator);
      const node = /^https?:\/\//i.test(input.doc) ? await docs.getNodeByUrl(input.doc, op) : undefined;
      const docKey = node?.nodeId ?? input.doc;
      return { docKey, name: node?.name, markdown: await docs.readMarkdown(docKey, op) };
    },
  }),
];
