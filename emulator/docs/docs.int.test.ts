import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DocsControl } from "../control/docs-client";
import { startTestEmulator, type TestEmulator } from "../testing";

let t: TestEmulator;
let docs: DocsControl;
let token: string;

beforeAll(async () => {
  t = await startTestEmulator({ users: 30, seed: 5 });
  docs = new DocsControl(t.emu.url, t.emu.controlToken);
  token = await t.apiToken();
});

afterAll(async () => {
  await t?.emu.close();
});

async function ownedWorkspace() {
  const w = (await docs.workspaces()).find((x) => x.name === "产品手册");
  const owner = w?.members.find((m) => m.role === "owner");
  if (!w || !owner) throw new Error("seed is missing 产品手册");
  return { w, owner: owner.unionId };
}

describe("knowledge-base wire format", () => {
  it("answers blocks in DingTalk's shape, heading levels as heading-N", async () => {
    const { w, owner } = await ownedWorkspace();
    const nodes = await t.api("GET", `/v2.0/wiki/nodes?parentNodeId=${w.rootNodeId}&operatorId=${owner}`, undefined, token);
    expect(nodes.status).toBe(200);
    const first = (nodes.body.nodes as { nodeId: string; name: string; url: string }[])[0];
    expect(first.url).toBe(`https://alidocs.dingtalk.com/i/nodes/${first.nodeId}`);
    const reply = await t.api("GET", `/v1.0/doc/suites/documents/${first.nodeId}/blocks?operatorId=${owner}`, undefined, token);
    expect(reply.status).toBe(200);
    expect(reply.body.success).toBe(true);
    const data = (reply.body.result as { data: Record<string, unknown>[] }).data;
    expect(data[0]).toMatchObject({ blockType: "heading", index: 0, heading: { level: "heading-1", text: first.name } });
    expect(typeof data[0].id).toBe("string");
  });

  it("takes overwriteContent as {content, dataType} with operatorId in the query or the body, and refuses the seed's {docContent, contentType}", async () => {
    const { w, owner } = await ownedWorkspace();
    const created = await t.api("POST", `/v1.0/doc/workspaces/${w.workspaceId}/docs`, { operatorId: owner, docType: "DOC", name: "格式" }, token);
    expect(created.status).toBe(200);
    const docKey = created.body.docKey as string;

    const wrong = await t.api("POST", `/v1.0/doc/suites/documents/${docKey}/overwriteContent?operatorId=${owner}`, { docContent: "# x", contentType: "markdown" }, token);
    expect([wrong.status, wrong.body.code]).toEqual([400, "Missingcontent"]);
    const html = await t.api("POST", `/v1.0/doc/suites/documents/${docKey}/overwriteContent?operatorId=${owner}`, { content: "<h1>x</h1>", dataType: "html" }, token);
    expect([html.status, html.body.code]).toEqual([400, "paramError"]);

    const viaBody = await t.api("POST", `/v1.0/doc/suites/documents/${docKey}/overwriteContent`, { operatorId: owner, content: "# 标题\n\n正文", dataType: "markdown" }, token);
    expect(viaBody.status).toBe(200);
    expect(viaBody.body).toEqual({ success: true });
    const stored = await docs.node(docKey);
    expect(stored.blocks.map((b) => b.blockType)).toEqual(["heading", "paragraph"]);
  });

  it("takes members as {memberId, memberType: USER, roleType} and refuses the seed's {id, roleType}", async () => {
    const { w, owner } = await ownedWorkspace();
    const other = (await docs.workspaces()).flatMap((x) => x.members).find((m) => m.unionId !== owner);
    if (!other) throw new Error("no second person");
    const doc = (await docs.node(w.rootNodeId)).childIds[0];
    const path = `/v1.0/doc/workspaces/${w.workspaceId}/docs/${doc}/members`;
    const wrong = await t.api("POST", path, { operatorId: owner, members: [{ id: other.unionId, roleType: "editor" }] }, token);
    expect(wrong.status).toBe(400);
    const right = await t.api("POST", path, { operatorId: owner, members: [{ memberId: other.unionId, memberType: "USER", roleType: "editor" }] }, token);
    expect([right.status, right.body]).toEqual([200, {}]);
    expect((await docs.node(doc)).members).toContainEqual({ unionId: other.unionId, role: "editor" });
  });

  it("lets a test change a document as a person in DingTalk would, which the block API then answers", async () => {
    const { w, owner } = await ownedWorkspace();
    const doc = (await docs.node(w.rootNodeId)).childIds[0];
    await docs.setContent(doc, "# 改过了\n\n```\ncode\n```\n", owner);
    const blocks = await t.api("GET", `/v1.0/doc/suites/documents/${doc}/blocks?operatorId=${owner}`, undefined, token);
    expect((blocks.body.result as { data: { blockType: string }[] }).data.map((b) => b.blockType)).toEqual(["heading", "unknown"]);
    const node = await t.api("GET", `/v2.0/wiki/nodes/${doc}?operatorId=${owner}`, undefined, token);
    expect((node.body.node as { modifierId: string }).modifierId).toBe(owner);
  });

  it("seeds the same knowledge base again after a reset", async () => {
    const before = await docs.workspaces();
    await t.control.reset();
    const after = await docs.workspaces();
    expect(after).toEqual(before);
    expect(after.map((w) => w.name)).toEqual(["公司制度", "研发文档", "产品手册"]);
  });
});
