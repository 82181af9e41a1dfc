import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import type { OrgUserRow } from "../emulator/control/schemas";
import { emulatorControl, grantRole, signedInPage } from "./support/console";
import { pickPerson } from "./support/pickers";

// Acting on approvals in the console: a person starts a leave request through the form generated
// from its template (a date in the wrong format is refused on that field); the first approver
// agrees from My todo, the second from the approval's page; the list and the page show it
// completed with both steps, by themselves. Another request is commented on, transferred and
// refused, a third revoked; the export holds the first with its form values as columns; a viewer
// is refused.
// Each step signs several people in and waits for DingTalk and the index: longer than the default minute.
test.describe.configure({ mode: "serial", timeout: 150_000 });

const control = emulatorControl();
const LEAVE = "PROC-7C1E5A2B-LEAVE";

let adminPage: Page;
let originator: OrgUserRow;
let first: OrgUserRow;
let second: OrgUserRow;
let originatorPage: Page;
let firstPage: Page;
let secondPage: Page;
let completedId = "";

/** Someone with two managers above, all three able to sign in and none of them an admin. */
async function chainOfThree(): Promise<[OrgUserRow, OrgUserRow, OrgUserRow]> {
  const { users } = await control.users({ limit: 500 });
  const byId = new Map(users.map((u) => [u.userId, u]));
  const ok = (u: OrgUserRow | undefined): u is OrgUserRow => u !== undefined && u.active && !u.admin;
  // The tracking spec gives the 4th and 6th people roles of their own.
  const taken = new Set([users[3]?.userId, users[5]?.userId]);
  for (const u of users.slice(10)) {
    const m1 = u.managerUserId ? byId.get(u.managerUserId) : undefined;
    const m2 = m1?.managerUserId ? byId.get(m1.managerUserId) : undefined;
    if (ok(u) && ok(m1) && ok(m2) && ![u, m1, m2].some((x) => taken.has(x.userId))) return [u, m1, m2];
  }
  throw new Error("the emulator's org has nobody with two active managers");
}

/** Starts a leave request through the start page's form; answers the new approval's id. */
async function startLeave(page: Page, reason: string): Promise<string> {
  await page.goto("/approvals/start");
  await page.getByTestId("start-templates").getByRole("link", { name: /请假/ }).click();
  const form = page.getByTestId("start-form");
  await form.getByLabel("请假类型").selectOption("年假");
  await form.getByLabel("开始时间").fill("2026-03-02 09:00");
  await form.getByLabel("结束时间").fill("2026-03-03 18:00");
  await form.getByLabel("请假天数").fill("2");
  await form.getByLabel("请假事由").fill(reason);
  await form.getByRole("button", { name: "提交" }).click();
  await expect(page).toHaveURL(/\/approvals\/[A-Za-z0-9]+$/, { timeout: 30_000 });
  return decodeURIComponent(page.url().split("/").pop()!);
}

const detail = (page: Page) => page.getByTestId("approval-detail");
/** The toast an action left, told apart from the same words on the page (a task "已转交"). */
const toast = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  adminPage = await signedInPage(browser, admin.mobile, admin.name);
  [originator, first, second] = await chainOfThree();
  for (const person of [originator, first, second]) await grantRole(adminPage, person, "approver");
  originatorPage = await signedInPage(browser, originator.mobile, originator.name);
  firstPage = await signedInPage(browser, first.mobile, first.name);
  secondPage = await signedInPage(browser, second.mobile, second.name);
});

test("a leave request started from the generated form: a wrong date format is refused on that field", async () => {
  const page = originatorPage;
  await page.goto("/approvals");
  await page.getByRole("link", { name: "发起审批" }).click();
  await expect(page).toHaveURL(/\/approvals\/start$/);
  await page.getByTestId("start-templates").getByRole("link", { name: /请假/ }).click();
  const form = page.getByTestId("start-form");
  await form.getByLabel("请假类型").selectOption("年假");
  const start = form.getByLabel("开始时间");
  await start.fill("2026/03/02 9:00");
  await form.getByLabel("结束时间").fill("2026-03-03 18:00");
  await form.getByLabel("请假天数").fill("2");
  await form.getByLabel("请假事由").fill("回老家探亲");
  await form.getByRole("button", { name: "提交" }).click();
  await expect(start).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await start.getAttribute("aria-describedby"))!;
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("日期格式应为 yyyy-MM-dd HH:mm");
  await expect(form.getByLabel("结束时间")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/approvals\/start/);

  await start.fill("2026-03-02 09:00");
  await form.getByRole("button", { name: "提交" }).click();
  await expect(page).toHaveURL(/\/approvals\/[A-Za-z0-9]+$/, { timeout: 30_000 });
  completedId = decodeURIComponent(page.url().split("/").pop()!);
  await expect(detail(page)).toHaveAttribute("data-status", "RUNNING");
  await expect(page.locator("[data-testid=form-values] [data-field=开始时间]")).toContainText("2026-03-02 09:00");
  await expect(page.locator("[data-testid=current-approvers] li")).toHaveAttribute("data-userid", first.userId);
});

test("the first approver agrees from My todo, beside DingTalk's count; the second from the approval's page; the list and the page show it completed by themselves", async () => {
  await firstPage.goto("/approvals/todo");
  const count = firstPage.getByTestId("dingtalk-todo-count");
  await expect(count).toContainText("钉钉显示待办");
  expect(Number(await count.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  const row = firstPage.locator(`[data-testid=todo-table] tr[data-id="${completedId}"]`);
  await row.getByRole("checkbox").check();
  await firstPage.getByLabel("审批意见（选填）").fill("同意，注意交接");
  await firstPage.getByRole("button", { name: "同意所选（1）" }).click();
  await expect(toast(firstPage, "已同意 1 条审批")).toBeVisible();
  await expect(row).toHaveCount(0);

  // The originator watches the list and the page while the second approver acts elsewhere.
  await originatorPage.goto("/approvals/list");
  const listed = originatorPage.locator(`[data-testid=approvals-table] tr[data-id="${completedId}"]`);
  await expect(listed.locator("[data-status=RUNNING]")).toBeVisible();
  const watching = await originatorPage.context().newPage();
  await watching.goto(`/approvals/${completedId}`);
  await expect(detail(watching)).toHaveAttribute("data-status", "RUNNING");

  await secondPage.goto(`/approvals/${completedId}`);
  await secondPage.getByTestId("instance-actions").getByRole("button", { name: "同意" }).click();
  const dialog = secondPage.getByTestId("agree-dialog");
  await dialog.getByLabel("审批意见（选填）").fill("准假");
  await dialog.getByRole("button", { name: "同意" }).click();
  await expect(toast(secondPage, "已同意")).toBeVisible();
  await expect(detail(secondPage)).toHaveAttribute("data-status", "COMPLETED");

  await expect(listed.locator("[data-status=COMPLETED][data-result=agree]")).toBeVisible({ timeout: 30_000 });
  await expect(detail(watching)).toHaveAttribute("data-status", "COMPLETED", { timeout: 30_000 });
  const steps = watching.locator("[data-testid=timeline] li[data-type=EXECUTE_TASK_NORMAL]");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText(first.name);
  await expect(steps.nth(0)).toContainText("同意，注意交接");
  await expect(steps.nth(1)).toContainText(second.name);
  await expect(steps.nth(1)).toContainText("准假");
  await watching.close();
});

test("another request is commented on, transferred and refused", async () => {
  const id = await startLeave(originatorPage, "家中有事");
  await originatorPage.getByTestId("instance-actions").getByRole("button", { name: "评论" }).click();
  const comment = originatorPage.getByTestId("comment-dialog");
  await comment.getByLabel("评论内容").fill("麻烦尽快处理");
  await comment.getByRole("button", { name: "发表" }).click();
  await expect(toast(originatorPage, "已评论")).toBeVisible();
  await expect(originatorPage.locator("[data-testid=timeline] li[data-type=ADD_REMARK]")).toContainText("麻烦尽快处理");

  await firstPage.goto(`/approvals/${id}`);
  await firstPage.getByTestId("instance-actions").getByRole("button", { name: "转交" }).click();
  const transfer = firstPage.getByTestId("transfer-dialog");
  // Nobody chosen: refused on the person field.
  await transfer.getByRole("button", { name: "转交" }).click();
  await expect(transfer.getByTestId("transfer-to-error")).toBeVisible();
  // An approver's picker matches names, not mobiles (those are for roles that may read contacts).
  await pickPerson(transfer, second.name, second.userId);
  await transfer.getByRole("button", { name: "转交" }).click();
  await expect(toast(firstPage, "已转交")).toBeVisible();
  await expect(firstPage.getByTestId("instance-actions").getByRole("button", { name: "转交" })).toHaveCount(0);
  await expect(firstPage.locator("[data-testid=timeline] li[data-type=REDIRECT_TASK]")).toHaveCount(1);

  await secondPage.goto(`/approvals/${id}`);
  await secondPage.getByTestId("instance-actions").getByRole("button", { name: "拒绝" }).click();
  const refuse = secondPage.getByTestId("refuse-dialog");
  await expect(refuse).toHaveAttribute("role", "alertdialog");
  await expect(refuse).toContainText("拒绝后审批即结束");
  await refuse.getByLabel("审批意见（选填）").fill("时间冲突");
  await refuse.getByRole("button", { name: "拒绝" }).click();
  await expect(detail(secondPage)).toHaveAttribute("data-result", "refuse");
});

test("a third request is revoked by its originator after a confirmation, not by its approver", async () => {
  const third = await startLeave(originatorPage, "办理个人事务");
  // Not the approver's to revoke: the button is not offered.
  await firstPage.goto(`/approvals/${third}`);
  await expect(firstPage.getByTestId("instance-actions").getByRole("button", { name: "同意" })).toBeVisible();
  await expect(firstPage.getByTestId("instance-actions").getByRole("button", { name: "撤销" })).toHaveCount(0);
  await originatorPage.getByTestId("instance-actions").getByRole("button", { name: "撤销" }).click();
  const revoke = originatorPage.getByTestId("terminate-dialog");
  await expect(revoke).toContainText("不能恢复");
  await revoke.getByLabel("原因（选填）").fill("行程取消");
  await revoke.getByRole("button", { name: "撤销" }).click();
  await expect(detail(originatorPage)).toHaveAttribute("data-status", "TERMINATED");
  await expect(originatorPage.locator("[data-testid=timeline] li[data-type=TERMINATE_PROCESS_INSTANCE]")).toContainText("行程取消");
});

test("the export holds the completed request with its form values as columns", async () => {
  await adminPage.goto(`/approvals/list?tpl=${LEAVE}&sort=createTime&dir=desc`);
  const [csv] = await Promise.all([adminPage.waitForEvent("download"), adminPage.getByTestId("export-csv").click()]);
  const lines = readFileSync((await csv.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
  const header = lines[0].split(",");
  const row = lines.find((l) => l.startsWith(completedId))?.split(",");
  expect(row, "the completed request is in the export").toBeDefined();
  for (const [column, value] of [["请假类型", "年假"], ["开始时间", "2026-03-02 09:00"], ["请假天数", "2"], ["请假事由", "回老家探亲"]]) {
    expect(header).toContain(column);
    expect(row![header.indexOf(column)]).toBe(value);
  }
});

test("a viewer is refused the start page and My todo", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const viewer = users.find((u, i) => i > 10 && ![originator, first, second].some((x) => x.userId === u.userId))!;
  await grantRole(adminPage, viewer, "viewer");
  const page = await signedInPage(browser, viewer.mobile, viewer.name);
  for (const path of ["/approvals/start", "/approvals/todo", `/approvals/${completedId}`]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
});
