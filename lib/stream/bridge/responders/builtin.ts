import type { DingTalkClient } from "../../../dingtalk";
import { describeDingTalkError, isDingTalkError } from "../../../dingtalk";
import { maskMobile } from "../../../privacy";
import { extractiveSummary } from "./extractive-summary";
import { markdownReply, textReply, type Reply, type Responder, type ResponderInput } from "./types";

export const HELP_TEXT = [
  "我是组织助手，可以帮你：",
  "/whois 姓名 — 查找同事（姓名、职位、部门）",
  "/todo — 查看等我处理的审批",
  "/dept 部门名 — 查找部门",
  "/reset — 清空我们的对话记录",
  "/help — 显示本帮助",
].join("\n");

const MAX_RESULTS = 5;

/** A slash command and its argument, or null for free text. */
export function parseCommand(text: string): { command: string; argument: string } | null {
  const match = /^[/／](\w+)\s*([\s\S]*)$/.exec(text.trim());
  return match ? { command: match[1].toLowerCase(), argument: match[2].trim() } : null;
}

type OrgClient = Pick<DingTalkClient, "contacts" | "departments" | "workflow">;

/**
 * The responder used without a model: commands over the org itself (people, departments,
 * approvals waiting), and for free text an acknowledgement that points at the commands.
 */
export function createBuiltinResponder(client: OrgClient): Responder {
  const deptNames = new Map<number, string>();
  const deptName = async (deptId: number): Promise<string> => {
    const cached = deptNames.get(deptId);
    if (cached) return cached;
    const name = (await client.departments.getDepartment(deptId)).name;
    deptNames.set(deptId, name);
    return name;
  };

  async function whois(query: string): Promise<Reply> {
    if (!query) return textReply("请告诉我要找谁，例如：/whois 张三");
    const found = await client.contacts.searchUsers({ queryWord: query, offset: 0, size: MAX_RESULTS });
    if (found.userIds.length === 0) return textReply(`没有找到“${query}”。`);
    const lines: string[] = [];
    for (const userId of found.userIds) {
      const user = await client.contacts.getUser(userId);
      const depts = await Promise.all(user.deptIdList.slice(0, 3).map(deptName));
      lines.push(
        `- **${user.name}**（${user.userId}）${user.title ? ` ${user.title}` : ""}${depts.length ? ` · ${depts.join("、")}` : ""}${user.mobile ? ` · ${maskMobile(user.mobile)}` : ""}`,
      );
    }
    const more = found.totalCount > found.userIds.length ? `\n\n共 ${found.totalCount} 人，仅显示前 ${found.userIds.length} 个。` : "";
    return markdownReply(`查找：${query}`, `#### 查找“${query}”\n${lines.join("\n")}${more}`);
  }

  async function dept(query: string): Promise<Reply> {
    if (!query) return textReply("请告诉我部门名称，例如：/dept 研发部");
    const found = await client.departments.searchDepartments({ queryWord: query, offset: 0, size: MAX_RESULTS });
    if (found.deptIds.length === 0) return textReply(`没有找到部门“${query}”。`);
    const lines: string[] = [];
    for (const deptId of found.deptIds) {
      const d = await client.departments.getDepartment(deptId);
      deptNames.set(d.deptId, d.name);
      const parent = d.parentId ? await deptName(d.parentId).catch(() => String(d.parentId)) : null;
      const members = d.memberCount !== undefined ? ` · ${d.memberCount} 人` : "";
      lines.push(`- **${d.name}**（ID ${d.deptId}）${parent ? ` · 上级：${parent}` : ""}${members}`);
    }
    return markdownReply(`部门：${query}`, `#### 部门“${query}”\n${lines.join("\n")}`);
  }

  async function todo(userId: string): Promise<Reply> {
    const count = await client.workflow.todoCount(userId);
    return textReply(count === 0 ? "目前没有等你处理的审批。" : `你有 ${count} 个审批等待处理，可在钉钉“审批 → 待我处理”或控制台的审批页查看。`);
  }

  async function respond(input: ResponderInput): Promise<Reply> {
    const command = parseCommand(input.text);
    try {
      if (!command) {
        const remembered = input.context.history.filter((t) => t.role === "user").length;
        const memory = remembered > 0 ? `（我们已聊过 ${remembered} 条）` : "";
        return textReply(`收到「${input.text}」${memory}。\n${HELP_TEXT}`);
      }
      switch (command.command) {
        case "help":
          return textReply(HELP_TEXT);
        case "whois":
          return await whois(command.argument);
        case "dept":
          return await dept(command.argument);
        case "todo":
          return await todo(input.sender.userId);
        default:
          return textReply(`不认识的命令 /${command.command}。\n${HELP_TEXT}`);
      }
    } catch (error) {
      // A DingTalk refusal (no permission, not found) is an answer the person can act on.
      if (isDingTalkError(error) && !error.retryable) return textReply(`查询失败：${describeDingTalkError(error, "zh-CN")}`);
      throw error;
    }
  }

  return { name: "builtin", respond, summarise: extractiveSummary };
}
