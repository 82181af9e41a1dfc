import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { EmulatorControl } from "@/emulator/control-client";
import { DocsControl, type ControlDocWorkspace } from "@/emulator/control/docs-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import { blocksToMarkdown, type DocNode } from "./docs";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";

let emu: RunningEmulator;
let control: EmulatorControl;
let docsControl: DocsControl;
let client: DingTalkClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 60, seed: 3 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  docsControl = new DocsControl(emu.url, emu.controlToken);
  client = createDingTalkClient({
    appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  });
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
});

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

async function workspace(name: string): Promise<ControlDocWorkspace> {
  const found = (await docsControl.workspaces()).find((w) => w.name === name);
  if (!found) throw new Error(`no seeded workspace ${name}`);
  return found;
}

const memberWith = (w: ControlDocWorkspace, role: "owner" | "editor" | "viewer") => {
  const m = w.members.find((x) => x.role === role);
  if (!m) throw new Error(`${w.name} has no ${role}`);
  return m.unionId;
};

/** An active person who belongs to none of the workspaces. */
async function outsider(): Promise<{ userId: string; unionId: string }> {
  const members = new Set((await docsControl.workspaces()).flatMap((w) => w.members.map((m) => m.unionId)));
  const person = (await control.users({ limit: 60, active: true })).users.find((u) => !members.has(u.unionId));
  if (!person) throw new Error("every person belongs to a workspace");
  return person;
}

async function childNamed(parentNodeId: string, name: string, operatorId: string): Promise<DocNode> {
  const node = (await collect(client.docs.iterateNodes(parentNodeId, { operatorId }))).find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name}`);
  return node;
}

describe("browsing", () => {
  it("goes from the operator's workspaces to folders to a document's blocks", async () => {
    const policies = await workspace("公司制度");
    const owner = memberWith(policies, "owner");
    const all = await docsControl.workspaces();
    const expected = all.filter((w) => w.members.some((m) => m.unionId === owner)).map((w) => w.name);

    const listed = await collect(client.docs.iterateWorkspaces({ operatorId: owner }));
    expect(listed.map((w) => w.name).sort()).toEqual([...expected].sort());
    const mine = listed.find((w) => w.name === "公司制度");
    expect(mine).toMatchObject({ workspaceId: policies.workspaceId, rootNodeId: policies.rootNodeId, permissionRole: "OWNER", type: "TEAM" });
    expect((await client.docs.getWorkspace(policies.workspaceId, { operatorId: owner })).name).toBe("公司制度");

    const top = await collect(client.docs.iterateNodes(policies.rootNodeId, { operatorId: owner }));
    expect(top.map((n) => [n.name, n.type])).toEqual([["员工手册", "FILE"], ["人事制度", "FOLDER"], ["财务制度", "FOLDER"]]);
    expect(top[1]).toMatchObject({ hasChildren: true, workspaceId: policies.workspaceId });

    const attendance = await childNamed(top[1].nodeId, "考勤管理制度", owner);
    expect(attendance).toMatchObject({ type: "FILE", category: "ALIDOC", extension: "adoc", hasChildren: false });
    const blocks = await client.docs.getBlocks(attendance.nodeId, { operatorId: owner });
    expect(blocks[0]).toMatchObject({ blockType: "heading", level: 1, text: "考勤管理制度", index: 0 });
    expect(blocks.map((b) => b.index)).toEqual(blocks.map((_, k) => k));
    const table = blocks.find((b) => b.blockType === "table");
    expect(table && table.blockType === "table" ? table.rows[0] : null).toEqual(["情形", "认定标准", "处理方式"]);
    expect(blocks.filter((b) => b.blockType === "orderedList")).toHaveLength(3);

    const markdown = await client.docs.readMarkdown(attendance.nodeId, { operatorId: owner });
    expect(markdown).toContain("| 情形 | 认定标准 | 处理方式 |");
    expect(markdown).toContain("1. 员工每日上下班须在钉钉打卡\n2. 外出办公");
  });

  it("filters blocks by index range and type", async () => {
    const policies = await workspace("公司制度");
    const owner = memberWith(policies, "owner");
    const handbook = await childNamed(policies.rootNodeId, "员工手册", owner);
    const all = await client.docs.getBlocks(handbook.nodeId, { operatorId: owner });
    const middle = await client.docs.getBlocks(handbook.nodeId, { operatorId: owner, startIndex: 1, endIndex: 3 });
    expect(middle.map((b) => b.index)).toEqual([1, 2, 3]);
    expect(middle).toEqual(all.slice(1, 4));
    const headings = await client.docs.getBlocks(handbook.nodeId, { operatorId: owner, blockType: "heading" });
    expect(headings.length).toBeGreaterThan(1);
    expect(headings.every((b) => b.blockType === "heading")).toBe(true);
    expect(headings).toEqual(all.filter((b) => b.blockType === "heading"));
  });

  it("finds a node by its link, and refuses a link that is not a document's", async () => {
    const product = await workspace("产品手册");
    const owner = memberWith(product, "owner");
    const intro = await childNamed(product.rootNodeId, "快速入门", owner);
    const found = await client.docs.getNodeByUrl(`${intro.url}?utm_source=dingtalk#section`, { operatorId: owner });
    expect(found).toEqual(intro);
    expect(await client.docs.getNode(intro.nodeId, { operatorId: owner })).toEqual(intro);

    const bad = await failureOf(client.docs.getNodeByUrl("https://example.com/i/nodes/abc", { operatorId: owner }));
    expect([bad.httpStatus, bad.code]).toEqual([400, "paramError"]);
    const gone = await failureOf(client.docs.getNodeByUrl("https://alidocs.dingtalk.com/i/nodes/NoSuchNode123", { operatorId: owner }));
    expect(gone.httpStatus).toBe(404);
  });
});

describe("writing", () => {
  const markdown = [
    "# 新人入职指南",
    "",
    "欢迎加入研发中心，请按下面的步骤完成入职。",
    "",
    "## 第一周",
    "",
    "1. 领取电脑并安装开发环境",
    "2. 阅读 **代码评审规范**",
    "",
    "- 导师：张伟",
    "- 值班群：研发值班",
    "",
    "> 有问题随时在钉钉群里提问。",
    "",
    "| 事项 | 负责人 | 期限 |",
    "| --- | --- | --- |",
    "| 开通账号 | 运维 | 第一天 |",
    "| 代码权限 | 组长 | 第三天 |",
    "",
  ].join("\n");

  it("creates a document in a folder, overwrites it from markdown, reads it back and deletes it", async () => {
    const rd = await workspace("研发文档");
    const editor = memberWith(rd, "editor");
    const folder = await childNamed(rd.rootNodeId, "开发规范", editor);

    const created = await client.docs.createDoc({ workspaceId: rd.workspaceId, parentNodeId: folder.nodeId, docType: "DOC", name: "新人入职指南", operatorId: editor });
    expect(created).toMatchObject({ workspaceId: rd.workspaceId, dentryUuid: created.nodeId });
    expect(created.docKey).not.toBe(created.nodeId);
    const listed = await childNamed(folder.nodeId, "新人入职指南", editor);
    expect(listed).toMatchObject({ nodeId: created.nodeId, url: created.url, creatorId: editor });
    expect(await client.docs.getBlocks(created.docKey, { operatorId: editor })).toEqual([]);

    await client.docs.overwriteMarkdown(created.docKey, markdown, { operatorId: editor });
    const blocks = await client.docs.getBlocks(created.docKey, { operatorId: editor });
    expect(blocks.map((b) => b.blockType)).toEqual([
      "heading", "paragraph", "heading", "orderedList", "orderedList", "unorderedList", "unorderedList", "blockquote", "table",
    ]);
    expect(blocks[2]).toMatchObject({ blockType: "heading", level: 2, text: "第一周" });
    expect(blocks[4]).toMatchObject({ text: "阅读 **代码评审规范**" });
    expect(blocks[7]).toMatchObject({ blockType: "blockquote", text: "有问题随时在钉钉群里提问。" });
    expect(blocks[8]).toMatchObject({ rows: [["事项", "负责人", "期限"], ["开通账号", "运维", "第一天"], ["代码权限", "组长", "第三天"]] });
    // Reading by node id gives the same document as by docKey.
    expect(await client.docs.getBlocks(created.nodeId, { operatorId: editor })).toEqual(blocks);

    // The body read back as markdown is what was written, and writing it again changes nothing.
    const readBack = blocksToMarkdown(blocks);
    expect(readBack).toBe(markdown);
    await client.docs.overwriteMarkdown(created.docKey, readBack, { operatorId: editor });
    const again = await client.docs.getBlocks(created.docKey, { operatorId: editor });
    const strip = (list: typeof blocks) => list.map(({ id: _id, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(blocks));

    await client.docs.deleteDoc({ workspaceId: rd.workspaceId, nodeId: created.nodeId, operatorId: editor });
    const gone = await failureOf(client.docs.getNode(created.nodeId, { operatorId: editor }));
    expect([gone.httpStatus, gone.code]).toEqual([404, "notFound"]);
    expect((await collect(client.docs.iterateNodes(folder.nodeId, { operatorId: editor }))).map((n) => n.nodeId)).not.toContain(created.nodeId);
  });

  it("creates folders and deletes a folder with what is inside it", async () => {
    const rd = await workspace("研发文档");
    const owner = memberWith(rd, "owner");
    const folder = await client.docs.createDoc({ workspaceId: rd.workspaceId, docType: "FOLDER", name: "临时目录", operatorId: owner });
    const inner = await client.docs.createDoc({ workspaceId: rd.workspaceId, parentNodeId: folder.nodeId, docType: "WORKBOOK", name: "排期表", operatorId: owner });
    expect(await client.docs.getNode(folder.nodeId, { operatorId: owner })).toMatchObject({ type: "FOLDER", hasChildren: true });
    expect(await client.docs.getNode(inner.nodeId, { operatorId: owner })).toMatchObject({ type: "FILE", extension: "axls" });
    await client.docs.deleteDoc({ workspaceId: rd.workspaceId, nodeId: folder.nodeId, operatorId: owner });
    expect((await failureOf(client.docs.getNode(inner.nodeId, { operatorId: owner }))).httpStatus).toBe(404);
  });

  it("does not repeat a create whose outcome is unknown", async () => {
    const rd = await workspace("研发文档");
    const owner = memberWith(rd, "owner");
    const path = `/v1.0/doc/workspaces/${rd.workspaceId}/docs`;
    await control.addFault({ path, method: "POST", error: { status: 500, code: "systemError" }, times: 1 });
    const failure = await failureOf(client.docs.createDoc({ workspaceId: rd.workspaceId, docType: "DOC", name: "只试一次", operatorId: owner }));
    expect(failure.outcome).toBe("unknown");
    expect((await control.stats()).calls[`POST ${path}`]).toBe(1);
  });
});

describe("members and roles", () => {
  it("lets a person do what their role on the document allows, and no more", async () => {
    const rd = await workspace("研发文档");
    const owner = memberWith(rd, "owner");
    const guest = (await outsider()).unionId;
    const folder = await childNamed(rd.rootNodeId, "架构设计", owner);
    const doc = await childNamed(folder.nodeId, "系统架构概览", owner);

    const denied = await failureOf(client.docs.getBlocks(doc.nodeId, { operatorId: guest }));
    expect([denied.httpStatus, denied.code]).toEqual([403, "Forbidden.AccessDenied"]);
    expect(await collect(client.docs.iterateWorkspaces({ operatorId: guest }))).toEqual([]);

    await client.docs.addMembers({ workspaceId: rd.workspaceId, nodeId: doc.nodeId, operatorId: owner, members: [{ memberId: guest, roleType: "viewer" }] });
    expect((await client.docs.getBlocks(doc.nodeId, { operatorId: guest })).length).toBeGreaterThan(0);
    expect((await client.docs.getNode(doc.nodeId, { operatorId: guest })).permissionRole).toBe("READER");
    const readOnly = await failureOf(client.docs.overwriteMarkdown(doc.nodeId, "# 改写", { operatorId: guest }));
    expect([readOnly.httpStatus, readOnly.code]).toEqual([403, "Forbidden.AccessDenied"]);
    // A role on one document opens neither its folder nor the workspace.
    expect((await failureOf(client.docs.listNodes(folder.nodeId, { operatorId: guest }))).httpStatus).toBe(403);
    // Only an owner hands out roles.
    const notOwner = await failureOf(client.docs.addMembers({ workspaceId: rd.workspaceId, nodeId: doc.nodeId, operatorId: guest, members: [{ memberId: guest, roleType: "owner" }] }));
    expect(notOwner.httpStatus).toBe(403);

    await client.docs.addMembers({ workspaceId: rd.workspaceId, nodeId: doc.nodeId, operatorId: owner, members: [{ memberId: guest, roleType: "editor" }] });
    await client.docs.overwriteMarkdown(doc.nodeId, "# 改写后的架构", { operatorId: guest });
    expect(await client.docs.readMarkdown(doc.nodeId, { operatorId: owner })).toBe("# 改写后的架构\n");
    expect((await docsControl.node(doc.nodeId)).members).toEqual([{ unionId: guest, role: "editor" }]);
  });

  it("refuses writes to a workspace's viewers until they are made editors of it", async () => {
    const product = await workspace("产品手册");
    const owner = memberWith(product, "owner");
    const viewer = memberWith(product, "viewer");
    const intro = await childNamed(product.rootNodeId, "产品介绍", viewer);
    expect((await failureOf(client.docs.overwriteMarkdown(intro.nodeId, "# 新版", { operatorId: viewer }))).httpStatus).toBe(403);
    expect((await failureOf(client.docs.createDoc({ workspaceId: product.workspaceId, docType: "DOC", name: "草稿", operatorId: viewer }))).httpStatus).toBe(403);

    const result = await client.docs.addMembers({
      workspaceId: product.workspaceId, operatorId: owner,
      members: [{ memberId: viewer, roleType: "editor" }, { memberId: "NotInThisOrg0001", roleType: "viewer" }],
    });
    expect(result.notInOrg).toEqual(["NotInThisOrg0001"]);
    await client.docs.overwriteMarkdown(intro.nodeId, "# 新版", { operatorId: viewer });
    const listed = (await client.docs.listWorkspaces({ operatorId: viewer })).items.find((w) => w.workspaceId === product.workspaceId);
    expect(listed?.permissionRole).toBe("EDITOR");
  });
});

describe("operatorId", () => {
  it("is required: DingTalk answers 400 MissingoperatorId, and the client refuses an empty one before asking", async () => {
    const missing = await failureOf(client.call({ host: "api", method: "GET", path: "/v2.0/wiki/workspaces", query: { maxResults: 10 }, schema: z.unknown(), idempotent: true }));
    expect([missing.httpStatus, missing.code]).toEqual([400, "MissingoperatorId"]);
    await expect(client.docs.listWorkspaces({ operatorId: " " })).rejects.toThrow(/operatorId/);
  });

  it("must be a unionId: a userId is refused with 400 paramError", async () => {
    const policies = await workspace("公司制度");
    const owner = policies.members.find((m) => m.role === "owner");
    if (!owner) throw new Error("no owner");
    const failure = await failureOf(client.docs.listWorkspaces({ operatorId: owner.userId }));
    expect([failure.httpStatus, failure.code]).toEqual([400, "paramError"]);
    expect(failure.message).toMatch(/unionId/);
    const member = await failureOf(client.docs.addMembers({ workspaceId: policies.workspaceId, operatorId: owner.unionId, members: [{ memberId: owner.userId, roleType: "viewer" }] }));
    expect([member.httpStatus, member.code]).toEqual([400, "paramError"]);
  });
});

describe("paging", () => {
  it("walks nodes and workspaces with nextToken", async () => {
    const rd = await workspace("研发文档");
    const owner = memberWith(rd, "owner");
    const folder = await client.docs.createDoc({ workspaceId: rd.workspaceId, docType: "FOLDER", name: "分页", operatorId: owner });
    const names = ["一", "二", "三", "四", "五"];
    for (const name of names) await client.docs.createDoc({ workspaceId: rd.workspaceId, parentNodeId: folder.nodeId, docType: "DOC", name, operatorId: owner });

    const first = await client.docs.listNodes(folder.nodeId, { operatorId: owner, maxResults: 2 });
    expect(first.items.map((n) => n.name)).toEqual(["一", "二"]);
    expect(first.nextToken).toBeTruthy();
    const second = await client.docs.listNodes(folder.nodeId, { operatorId: owner, maxResults: 2, nextToken: first.nextToken });
    expect(second.items.map((n) => n.name)).toEqual(["三", "四"]);
    const third = await client.docs.listNodes(folder.nodeId, { operatorId: owner, maxResults: 2, nextToken: second.nextToken });
    expect(third.items.map((n) => n.name)).toEqual(["五"]);
    expect(third.nextToken).toBeUndefined();
    expect((await collect(client.docs.iterateNodes(folder.nodeId, { operatorId: owner, pageSize: 2 }))).map((n) => n.name)).toEqual(names);

    const stale = await failureOf(client.docs.listNodes(folder.nodeId, { operatorId: owner, nextToken: "not-a-token" }));
    expect([stale.httpStatus, stale.code]).toEqual([400, "paramError"]);
    await expect(client.docs.listNodes(folder.nodeId, { operatorId: owner, maxResults: 51 })).rejects.toThrow(RangeError);

    // One person in all three workspaces sees them one page at a time.
    const everyone = await docsControl.workspaces();
    for (const w of everyone) {
      if (w.members.some((m) => m.unionId === owner)) continue;
      await client.docs.addMembers({ workspaceId: w.workspaceId, operatorId: memberWith(w, "owner"), members: [{ memberId: owner, roleType: "viewer" }] });
    }
    const page1 = await client.docs.listWorkspaces({ operatorId: owner, maxResults: 1 });
    expect(page1.items).toHaveLength(1);
    expect(page1.nextToken).toBeTruthy();
    const walked = await collect(client.docs.iterateWorkspaces({ operatorId: owner, pageSize: 1 }));
    expect(walked.map((w) => w.name)).toEqual(everyone.map((w) => w.name));
  });
});
