import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { DocsControl, type ControlDocWorkspace } from "@/emulator/control/docs-client";
import { listAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/current";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import type { DingTalkClient } from "@/lib/dingtalk";
import { collect } from "@/lib/dingtalk/pagination";
import { clearDirectory, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { documentContent } from "@/lib/docs/content";
import { listVersions } from "@/lib/docs/versions";
import type { Locale } from "@/lib/i18n/locale";
import { replaceActionSeams } from "@/lib/server/action";
import { addMemberAction, createNodeAction, deleteNodeAction, restoreVersionAction, saveDocumentAction } from "./actions";

// The knowledge-base actions against the emulator over HTTP, acting as the signed-in person
// (their unionId from the directory), with versions and audit entries in a real database.

const console_ = globalThis as unknown as { consoleDingTalk?: DingTalkClient };

interface Person {
  userId: string;
  unionId: string;
  name: string;
}

describeEachDatabase("knowledge-base actions", ({ db }) => {
  let org: EmulatorOrg;
  let docsControl: DocsControl;
  let actor: Actor | null = null;
  let locale: Locale = "en";
  let restore: () => void = () => undefined;
  let policies: ControlDocWorkspace;
  let people: Map<string, Person>;

  beforeAll(async () => {
    org = await startEmulatorOrg({ users: 60, seed: 3 });
    docsControl = new DocsControl(org.emu.url, org.emu.controlToken);
    console_.consoleDingTalk = org.client;
    restore = replaceActionSeams({
      lookupActor: async () => (actor ? { status: "signed-in", actor } : { status: "signed-out" }),
      locale: async () => locale,
      db: () => db(),
      revalidate: () => undefined,
      redirect: (p) => {
        throw new Error(`redirect to ${p}`);
      },
    });
  });

  afterAll(async () => {
    restore();
    console_.consoleDingTalk = undefined;
    await org?.close();
  });

  beforeEach(async () => {
    await org.control.reset();
    await clearDirectory(db());
    await db().docVersion.deleteMany();
    await db().auditEntry.deleteMany();
    locale = "en";
    const { users } = await org.control.users({ limit: 60, active: true });
    people = new Map(users.map((u) => [u.userId, { userId: u.userId, unionId: u.unionId, name: u.name }]));
    // The directory as a sync would leave it: what maps a signed-in person to their unionId.
    await writeDirectory(db(), [...people.values()]);
    policies = (await docsControl.workspaces()).find((w) => w.name === "公司制度")!;
  });

  afterEach(() => {
    actor = null;
  });

  const member = (role: "owner" | "editor" | "viewer"): Person => {
    const m = policies.members.find((x) => x.role === role)!;
    return people.get(m.userId)!;
  };
  const outsider = async (): Promise<Person> => {
    const inAny = new Set((await docsControl.workspaces()).flatMap((w) => w.members.map((m) => m.userId)));
    return [...people.values()].find((p) => !inAny.has(p.userId))!;
  };
  const signIn = (p: Person) => {
    actor = { userId: p.userId, name: p.name, roles: ["viewer"], sessionId: `s-${p.userId}` };
  };
  const handbook = async (as: Person) => {
    const node = (await collect(org.client.docs.iterateNodes(policies.rootNodeId, { operatorId: as.unionId }))).find((n) => n.name === "员工手册")!;
    const content = documentContent(await org.client.docs.getBlocks(node.nodeId, { operatorId: as.unionId }));
    return { node, content };
  };
  /** What DingTalk holds, read as the workspace's owner. */
  const current = async (nodeId: string) => documentContent(await org.client.docs.getBlocks(nodeId, { operatorId: member("owner").unionId }));
  const stored = async (nodeId: string) => (await current(nodeId)).markdown;
  const audit = async (action: string) =>
    (await listAudit(db(), { action, sort: { field: "at", dir: "asc" }, page: 1, pageSize: 20 })).rows.map((r) => ({ outcome: r.outcome, errorCode: r.errorCode, targetId: r.targetId, input: JSON.parse(r.input) as Record<string, unknown> }));

  it("saves an edit as the editor: the content before is kept as a version, DingTalk holds the new text, the audit names the document", async () => {
    const editor = member("editor");
    signIn(editor);
    const { node, content } = await handbook(editor);
    const edited = content.markdown.replace("午休 12:00–13:00", "午休 12:00–13:30");
    expect(edited).not.toBe(content.markdown);

    const result = await saveDocumentAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, baseHash: content.hash, markdown: edited });
    expect(result).toMatchObject({ ok: true, message: "Saved “员工手册”" });
    expect(await stored(node.nodeId)).toBe(edited);
    const versions = await listVersions(db(), node.nodeId);
    expect(versions.map((v) => [v.reason, v.markdown, v.contentHash, v.createdBy, v.name])).toEqual([["save", content.markdown, content.hash, editor.userId, "员工手册"]]);
    expect((await docsControl.node(node.nodeId)).blocks.length).toBeGreaterThan(3);
    expect(await audit("docs.save")).toEqual([
      { outcome: "ok", errorCode: null, targetId: node.nodeId, input: { name: "员工手册", nodeId: node.nodeId, workspaceId: policies.workspaceId, characters: edited.length } },
    ]);
  });

  it("does not overwrite a document changed in DingTalk since the editor opened: DOC_CHANGED, no version", async () => {
    const editor = member("editor");
    const owner = member("owner");
    signIn(editor);
    const { node, content } = await handbook(editor);
    // Meanwhile the owner changes it in DingTalk.
    const theirs = `${content.markdown}\n新增一段：着装要求。\n`;
    await org.client.docs.overwriteMarkdown(node.nodeId, theirs, { operatorId: owner.unionId });

    const result = await saveDocumentAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, baseHash: content.hash, markdown: "# 员工手册\n\n我的版本\n" });
    expect(result).toEqual({ ok: false, error: { code: "DOC_CHANGED", message: expect.stringContaining("changed in DingTalk after you opened the editor") } });
    expect(await stored(node.nodeId)).toContain("着装要求");
    expect(await listVersions(db(), node.nodeId)).toEqual([]);
    expect((await audit("docs.save")).map((e) => [e.outcome, e.errorCode])).toEqual([["error", "DOC_CHANGED"]]);
  });

  it("gives a person outside the knowledge base DingTalk's refusal in words, and writes nothing", async () => {
    const editor = member("editor");
    const { node, content } = await handbook(editor);
    const stranger = await outsider();
    signIn(stranger);
    for (const [lang, words] of [
      ["en", "you do not have the needed permission on this knowledge base"],
      ["zh-CN", "没有所需的权限"],
    ] as const) {
      locale = lang;
      const result = await saveDocumentAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, baseHash: content.hash, markdown: "# 被改了\n" });
      expect(result).toEqual({ ok: false, error: { code: "DOCS_NO_ACCESS", message: expect.stringContaining(words) } });
    }
    expect(await stored(node.nodeId)).toBe(content.markdown);
    expect(await db().docVersion.count()).toBe(0);
    const entries = await audit("docs.save");
    expect(entries.map((e) => [e.outcome, e.errorCode])).toEqual([["error", "DOCS_NO_ACCESS"], ["error", "DOCS_NO_ACCESS"]]);
  });

  it("lets a viewer read but not write: DingTalk refuses the overwrite and the version kept for it is taken back", async () => {
    const viewer = member("viewer");
    signIn(viewer);
    const { node, content } = await handbook(viewer);
    const result = await saveDocumentAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, baseHash: content.hash, markdown: "# 员工手册\n\n改\n" });
    expect(result).toMatchObject({ ok: false, error: { code: "DOCS_NO_ACCESS" } });
    expect(await stored(node.nodeId)).toBe(content.markdown);
    expect(await db().docVersion.count()).toBe(0);
    expect((await audit("docs.save")).map((e) => e.outcome)).toEqual(["error"]);
  });

  it("restores a version, keeping what the document held as a new version", async () => {
    const editor = member("editor");
    signIn(editor);
    const { node, content } = await handbook(editor);
    const edited = `${content.markdown}\n补充条款。\n`;
    expect(await saveDocumentAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, baseHash: content.hash, markdown: edited })).toMatchObject({ ok: true });
    const [kept] = await listVersions(db(), node.nodeId);
    const now = await current(node.nodeId);

    const result = await restoreVersionAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, versionId: kept.id, baseHash: now.hash });
    expect(result).toMatchObject({ ok: true, message: "Restored “员工手册”" });
    expect(await stored(node.nodeId)).toBe(content.markdown);
    const versions = await listVersions(db(), node.nodeId);
    expect(versions.map((v) => [v.reason, v.markdown, v.restoredFrom])).toEqual([
      ["restore", now.markdown, kept.id],
      ["save", content.markdown, null],
    ]);
    expect(await restoreVersionAction(null, { workspaceId: policies.workspaceId, nodeId: node.nodeId, name: node.name, versionId: "00000000-0000-4000-8000-000000000000", baseHash: now.hash })).toMatchObject({
      ok: false,
      error: { code: "DOCS_VERSION_NOT_FOUND" },
    });
  });

  it("creates a document in a folder, then deletes it keeping its last content; adds a member", async () => {
    const editor = member("editor");
    signIn(editor);
    const created = await createNodeAction(null, { workspaceId: policies.workspaceId, parentNodeId: policies.rootNodeId, name: "新人须知", docType: "DOC" }).catch((e: Error) => e.message);
    expect(created).toMatch(new RegExp(`^redirect to /docs/${policies.workspaceId}/[A-Za-z0-9]+$`));
    const nodeId = String(created).split("/").at(-1)!;
    expect((await docsControl.node(nodeId)).name).toBe("新人须知");
    await org.client.docs.overwriteMarkdown(nodeId, "# 新人须知\n\n第一天报到。\n", { operatorId: editor.unionId });

    const target = [...people.values()].find((p) => !policies.members.some((m) => m.userId === p.userId))!;
    const add = { workspaceId: policies.workspaceId, nodeId, name: "新人须知", person: target.userId, role: "editor" as const };
    // Sharing takes the owner's role in DingTalk: the editor who created it is refused, the owner is not.
    expect(await addMemberAction(null, add)).toMatchObject({ ok: false, error: { code: "DOCS_NO_ACCESS" } });
    signIn(member("owner"));
    expect(await addMemberAction(null, add)).toEqual({ ok: true, data: expect.anything(), message: `${target.name} is now a member of “新人须知” (Can edit)` });
    expect((await docsControl.node(nodeId)).members).toEqual([{ unionId: target.unionId, role: "editor" }]);
    signIn(editor);

    await expect(deleteNodeAction(null, { workspaceId: policies.workspaceId, nodeId, name: "新人须知" })).rejects.toThrow(`redirect to /docs/${policies.workspaceId}`);
    await expect(docsControl.node(nodeId)).rejects.toThrow();
    expect((await listVersions(db(), nodeId)).map((v) => [v.reason, v.markdown])).toEqual([["delete", "# 新人须知\n\n第一天报到。\n"]]);
    expect((await audit("docs.*")).map((e) => [e.outcome, e.targetId === nodeId || e.targetId === policies.rootNodeId, e.input.name])).toEqual([
      ["ok", true, "新人须知"],
      ["error", true, "新人须知"],
      ["ok", true, "新人须知"],
      ["ok", true, "新人须知"],
    ]);
  });

  it("refuses a person the synced directory does not know, before asking DingTalk", async () => {
    signIn({ userId: "nobody", unionId: "", name: "无名" });
    const result = await createNodeAction(null, { workspaceId: policies.workspaceId, parentNodeId: policies.rootNodeId, name: "x", docType: "DOC" });
    expect(result).toMatchObject({ ok: false, error: { code: "DOCS_NOT_IN_DIRECTORY" } });
  });
});

async function writeDirectory(db: Db, people: readonly Person[]): Promise<void> {
  const syncedAt = new Date();
  await db.directoryUser.createMany({
    data: people.map((p) => ({
      userId: p.userId, unionId: p.unionId, name: p.name, pinyin: "", initials: "", searchText: p.name.toLowerCase(),
      active: true, admin: false, boss: false, isManager: false, syncedAt,
    })),
  });
}

