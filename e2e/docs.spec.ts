import { expect, test, type Page } from "@playwright/test";
import { DocsControl, type ControlDocWorkspace } from "../emulator/control/docs-client";
import { demoEmulator, emulatorControl, grantRole, signedInPage } from "./support/console";
import { pickPerson } from "./support/pickers";

// Knowledge-base documents as the org's admin, who owns the 公司制度 knowledge base in DingTalk:
// browse to a document and read it, edit it (the diff shows the changed line) and find the new
// text in the emulator, restore the version kept, open a document by its link, create a
// document, share it and delete it.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
const docsControl = new DocsControl(demoEmulator().emulatorUrl, demoEmulator().controlToken);
let page: Page;
let policies: ControlDocWorkspace;

/** The node id of the document or folder called `name` under `parentId` in the emulator. */
async function childId(parentId: string, name: string): Promise<string> {
  for (const id of (await docsControl.node(parentId)).childIds) if ((await docsControl.node(id)).name === name) return id;
  throw new Error(`no ${name}`);
}
const storedText = async (nodeId: string) => JSON.stringify((await docsControl.node(nodeId)).blocks);

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  policies = (await docsControl.workspaces()).find((w) => w.name === "公司制度")!;
  page = await signedInPage(browser, admin.mobile, admin.name);
  // The console acts as the person by their unionId from the synced directory: wait for the first sync.
  await expect(async () => {
    await page.goto("/docs");
    await expect(page.getByTestId("workspaces").getByRole("link", { name: /公司制度/ })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
});

test("browses to a document through the folder tree and reads its blocks", async () => {
  await page.getByTestId("workspaces").getByRole("link", { name: /公司制度/ }).click();
  await expect(page.getByRole("heading", { name: "公司制度", level: 1 })).toBeVisible();
  const tree = page.getByTestId("docs-tree");
  await tree.getByRole("button", { name: "展开 人事制度" }).click();
  await tree.getByRole("link", { name: "考勤管理制度" }).click();
  const body = page.getByTestId("document-body");
  await expect(body.getByRole("heading", { name: "考勤管理制度" })).toBeVisible();
  await expect(body.getByRole("heading", { name: "二、迟到与早退" })).toBeVisible();
  await expect(body.locator("ol li").first()).toHaveText("员工每日上下班须在钉钉打卡");
  await expect(body.getByRole("cell", { name: "严重迟到" })).toBeVisible();
  await expect(body.locator("blockquote")).toContainText("次日可弹性于 10:00 前到岗");
  // The tree keeps the folder open and marks the document.
  await expect(tree.getByRole("link", { name: "考勤管理制度" })).toHaveAttribute("aria-current", "page");
});

test("edits the document: the diff shows the changed line, and after confirming the emulator holds the new text", async () => {
  const nodeId = await childId(await childId(policies.rootNodeId, "人事制度"), "考勤管理制度");
  await page.getByRole("link", { name: "编辑" }).click();
  const input = page.getByTestId("markdown-input");
  await expect(input).toHaveValue(/每月三次以内不扣款/);
  await input.fill((await input.inputValue()).replace("每月三次以内不扣款", "每月两次以内不扣款"));
  await expect(page.getByTestId("markdown-preview").getByRole("cell", { name: "每月两次以内不扣款" })).toBeVisible();

  await page.getByRole("button", { name: "保存…" }).click();
  const dialog = page.getByTestId("diff-confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("[data-kind=removed]")).toHaveCount(1);
  await expect(dialog.locator("[data-kind=removed]")).toContainText("每月三次以内不扣款");
  await expect(dialog.locator("[data-kind=added]")).toHaveCount(1);
  await expect(dialog.locator("[data-kind=added]")).toContainText("每月两次以内不扣款");
  expect(await storedText(nodeId)).toContain("每月三次以内不扣款");
  await dialog.getByRole("button", { name: "确认保存" }).click();

  await expect(page.getByTestId("document-body").getByRole("cell", { name: "每月两次以内不扣款" })).toBeVisible();
  expect(await storedText(nodeId)).toContain("每月两次以内不扣款");
  expect(await storedText(nodeId)).not.toContain("每月三次以内不扣款");
});

test("the version list restores the content before the edit", async () => {
  const nodeId = await childId(await childId(policies.rootNodeId, "人事制度"), "考勤管理制度");
  const versions = page.getByTestId("versions");
  await expect(versions.locator("li")).toHaveCount(1);
  await expect(versions.locator("li").first()).toContainText("保存前");
  await versions.getByRole("button", { name: "恢复" }).click();
  const dialog = page.getByTestId("diff-confirm-dialog");
  await expect(dialog.locator("[data-kind=added]")).toContainText("每月三次以内不扣款");
  await dialog.getByRole("button", { name: "恢复" }).click();
  await expect(page.getByTestId("document-body").getByRole("cell", { name: "每月三次以内不扣款" })).toBeVisible();
  expect(await storedText(nodeId)).toContain("每月三次以内不扣款");
  // The edited content was kept too, as the version before the restore.
  await expect(versions.locator("li")).toHaveCount(2);
  await expect(versions.locator("li").first()).toContainText("恢复前");
});

test("does not overwrite a document someone changed in DingTalk while the editor was open, and shows both", async () => {
  const nodeId = await childId(await childId(policies.rootNodeId, "人事制度"), "考勤管理制度");
  const colleague = policies.members.find((m) => m.role === "editor")!;
  await page.getByRole("link", { name: "编辑" }).click();
  const input = page.getByTestId("markdown-input");
  await input.fill(`${await input.inputValue()}\n我的补充：周末值班另行安排。\n`);
  // Meanwhile a colleague rewrites it in DingTalk.
  await docsControl.setContent(nodeId, "# 考勤管理制度\n\n同事的新版本。\n", colleague.unionId);

  await page.getByRole("button", { name: "保存…" }).click();
  const changed = page.getByTestId("document-changed");
  await expect(changed).toContainText("文档已在钉钉中被修改");
  await expect(changed.getByTestId("theirs")).toContainText("同事的新版本。");
  await expect(changed.getByTestId("mine")).toContainText("我的补充：周末值班另行安排。");
  expect(await storedText(nodeId)).toContain("同事的新版本。");
  expect(await storedText(nodeId)).not.toContain("我的补充");

  // Taking their content as the base, the save goes through and its diff is against their text.
  await changed.getByRole("button", { name: "以当前内容为准，继续编辑我的内容" }).click();
  await page.getByRole("button", { name: "保存…" }).click();
  const dialog = page.getByTestId("diff-confirm-dialog");
  await expect(dialog.locator("[data-kind=removed]")).toContainText("同事的新版本。");
  await dialog.getByRole("button", { name: "确认保存" }).click();
  await expect(page.getByTestId("document-body")).toContainText("我的补充：周末值班另行安排。");
  expect(await storedText(nodeId)).toContain("我的补充");
});

test("opens a document by its DingTalk link", async () => {
  const nodeId = await childId(await childId(policies.rootNodeId, "财务制度"), "差旅标准");
  await page.goto("/docs");
  const form = page.getByTestId("open-by-link");
  await form.getByLabel("钉钉文档链接").fill(`https://alidocs.dingtalk.com/i/nodes/${nodeId}`);
  await form.getByRole("button", { name: "打开" }).click();
  await expect(page).toHaveURL(new RegExp(`/docs/${policies.workspaceId}/${nodeId}$`));
  await expect(page.getByTestId("document-body").getByRole("heading", { name: "差旅标准" })).toBeVisible();

  await page.goto("/docs");
  await form.getByLabel("钉钉文档链接").fill("https://example.com/i/nodes/abc");
  await form.getByRole("button", { name: "打开" }).click();
  await expect(page.getByText("这不是钉钉文档链接")).toBeVisible();
});

test("a person outside the knowledge base gets DingTalk's refusal in words", async ({ browser }) => {
  const members = new Set((await docsControl.workspaces()).flatMap((w) => w.members.map((m) => m.unionId)));
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const stranger = users.find((u) => !members.has(u.unionId))!;
  await grantRole(page, stranger, "viewer");
  const theirs = await signedInPage(browser, stranger.mobile, stranger.name);
  await theirs.goto("/docs");
  await expect(theirs.getByText("你还不是任何知识库的成员。")).toBeVisible();
  const handbook = await childId(policies.rootNodeId, "员工手册");
  const form = theirs.getByTestId("open-by-link");
  await form.getByLabel("钉钉文档链接").fill(`https://alidocs.dingtalk.com/i/nodes/${handbook}`);
  await form.getByRole("button", { name: "打开" }).click();
  await expect(theirs.getByText("钉钉拒绝了：你在这个知识库或文档中没有所需的权限")).toBeVisible();
  await theirs.goto(`/docs/${policies.workspaceId}/${handbook}`);
  await expect(theirs.getByText("钉钉拒绝了：你在这个知识库或文档中没有所需的权限")).toBeVisible();
  await expect(theirs.getByRole("link", { name: "编辑" })).toHaveCount(0);
});

test("marks content it cannot show, warns before an edit would replace it, and sends sheets to DingTalk", async () => {
  const finance = await childId(policies.rootNodeId, "财务制度");
  await page.goto(`/docs/${policies.workspaceId}/${await childId(finance, "报销系统对接说明")}`);
  const body = page.getByTestId("document-body");
  await expect(body.getByRole("heading", { name: "报销系统对接说明" })).toBeVisible();
  await expect(body.getByTestId("unknown-block")).toContainText("控制台无法显示的内容");
  await expect(body.locator("blockquote")).toContainText("对接问题请联系财务部");
  await page.getByRole("link", { name: "编辑" }).click();
  await expect(page.getByTestId("document-editor").getByRole("status").first()).toContainText("有 1 段控制台无法显示的内容");

  await page.goto(`/docs/${policies.workspaceId}/${await childId(finance, "报销台账")}`);
  await expect(page.getByText("表格不能在控制台中查看或编辑，请在钉钉中打开。")).toBeVisible();
  await expect(page.getByRole("link", { name: "在钉钉中打开" })).toHaveAttribute("href", /^https:\/\/alidocs\.dingtalk\.com\/i\/nodes\//);
  await expect(page.getByRole("link", { name: "编辑" })).toHaveCount(0);
});

test("creates a document, adds a member, and deletes it after a dialog naming it", async () => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const outsider = users.find((u) => !policies.members.some((m) => m.userId === u.userId))!;
  await page.goto(`/docs/${policies.workspaceId}`);
  const create = page.getByTestId("create-node-form");
  await create.getByLabel("名称").fill("新人须知");
  await create.getByLabel("类型").selectOption("DOC");
  await create.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(new RegExp(`/docs/${policies.workspaceId}/[A-Za-z0-9]+$`));
  const nodeId = page.url().split("/").at(-1)!;
  expect((await docsControl.node(nodeId)).name).toBe("新人须知");
  await expect(page.getByTestId("docs-tree").getByRole("link", { name: "新人须知" })).toBeVisible();

  const share = page.getByTestId("add-member-form");
  await pickPerson(share, outsider.mobile, outsider.userId);
  await share.getByLabel("权限").selectOption("editor");
  await share.getByRole("button", { name: "添加" }).click();
  await expect(share.getByRole("status")).toContainText(`已将${outsider.name}设为“新人须知”的成员（可编辑）`);
  expect((await docsControl.node(nodeId)).members).toEqual([{ unionId: outsider.unionId, role: "editor" }]);

  await page.getByRole("button", { name: "删除" }).click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm.getByRole("heading")).toHaveText("删除“新人须知”？");
  await expect(confirm).toContainText("控制台会保留它最后的内容作为版本");
  await confirm.getByRole("button", { name: "删除" }).click();
  await expect(page).toHaveURL(new RegExp(`/docs/${policies.workspaceId}$`));
  await expect(docsControl.node(nodeId)).rejects.toThrow();
  await expect(page.getByTestId("folder-contents").getByRole("link", { name: "新人须知" })).toHaveCount(0);
});
