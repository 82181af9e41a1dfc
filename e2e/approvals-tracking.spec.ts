import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { StreamControl } from "../emulator/control/stream-client";
import { WorkflowControl } from "../emulator/control/workflow-client";
import { readXlsx } from "../lib/directory/testing/read-xlsx";
import { demoEmulator, emulatorControl, grantRole, signedInPage } from "./support/console";

// The approvals index as people read it: an admin backfills it after seeing the cost, sets a
// time limit and sees overdue approvals counted against it; the list finds an approval by a
// form value and its page shows the form, the timeline and a link into DingTalk, and refreshes
// itself when an approval event arrives; HR exports the list with the form's fields as columns;
// a viewer sees nothing and an approver only their own.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
const demo = demoEmulator();
const workflow = new WorkflowControl(demo.emulatorUrl, demo.controlToken);
const stream = new StreamControl(demo.emulatorUrl, demo.controlToken);
const LEAVE = "PROC-7C1E5A2B-LEAVE";
const EXPENSE = "PROC-3D9F0B64-EXPENSE";
let adminPage: Page;

const total = async (page: Page) => Number(await page.getByTestId("approval-tracking").getAttribute("data-total"));

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  adminPage = await signedInPage(browser, admin.mobile, admin.name);
});

test("an admin backfills the index after confirming its estimated calls, and watches it finish", async () => {
  await adminPage.getByRole("link", { name: "审批", exact: true }).click();
  await expect(adminPage).toHaveURL(/\/approvals$/);
  await adminPage.getByRole("link", { name: "索引", exact: true }).click();
  const estimate = adminPage.getByTestId("backfill-estimate");
  await expect(estimate).toContainText("预计调用钉钉接口");
  expect(Number(await estimate.getAttribute("data-calls"))).toBeGreaterThan(0);
  await adminPage.getByRole("button", { name: /开始回填|继续回填/ }).click();
  const dialog = adminPage.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("预计调用钉钉接口");
  await dialog.getByRole("button", { name: "开始" }).click();
  const run = adminPage.locator("[data-testid=backfill-run][data-status=done]");
  await expect(run).toBeVisible({ timeout: 120_000 });
  const summary = await workflow.summary();
  expect(Number(await run.getAttribute("data-fetched"))).toBeGreaterThan(0);
  // Every instance the emulator holds (its 90 days of history and anything started since) is in the index.
  await adminPage.goto("/approvals");
  expect(await total(adminPage)).toBeGreaterThanOrEqual(summary.total);
  await expect(adminPage.getByTestId("bar-chart").first()).toBeVisible();
});

test("a time limit set on a template counts its running approvals past it as overdue", async () => {
  // The template of the oldest approval still running.
  await adminPage.goto("/approvals/list?status=RUNNING&sort=createTime&dir=asc");
  const code = (await adminPage.locator("[data-testid=approvals-table] tbody tr").first().getAttribute("data-code"))!;
  await adminPage.goto(`/approvals?status=RUNNING&tpl=${code}`);
  const running = await total(adminPage);
  expect(running).toBeGreaterThan(0);
  await adminPage.goto("/approvals/sync");
  const form = adminPage.getByTestId(`sla-${code}`);
  await form.getByRole("spinbutton").fill("1");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(adminPage.getByText("已保存")).toBeVisible();
  await adminPage.goto(`/approvals?tpl=${code}`);
  const overdue = Number(await adminPage.getByTestId("approval-tracking").getAttribute("data-overdue"));
  expect(overdue).toBeGreaterThan(0);
  expect(overdue).toBeLessThanOrEqual(running);
  // The overdue bar leads to the list of exactly those.
  await adminPage.goto(`/approvals/list?tpl=${code}&overdue=1`);
  await expect(adminPage.getByRole("heading", { name: `共 ${overdue} 条` })).toBeVisible();
  const rows = adminPage.locator("[data-testid=approvals-table] tbody tr");
  await expect(rows.first()).toContainText("超时");
  await expect(rows.filter({ hasNot: adminPage.getByText("超时", { exact: true }) })).toHaveCount(0);
});

test("the list finds an approval by a form value; its page shows the form, the timeline and a link into DingTalk", async () => {
  await adminPage.goto(`/approvals/list?tpl=${LEAVE}`);
  const first = adminPage.locator("[data-testid=approvals-table] tbody tr").first();
  const id = (await first.getAttribute("data-id"))!;
  await first.getByRole("link").first().click();
  await expect(adminPage).toHaveURL(new RegExp(`/approvals/${id}$`));
  const reason = adminPage.locator("[data-testid=form-values] [data-field=请假事由] dd");
  const text = (await reason.innerText()).trim();
  expect(text.length).toBeGreaterThan(1);
  await expect(adminPage.locator("[data-testid=form-values] [data-field=请假类型]")).toBeVisible();
  await expect(adminPage.locator("[data-testid=timeline] li[data-type=START_PROCESS_INSTANCE]")).toHaveCount(1);
  await expect(adminPage.getByTestId("open-in-dingtalk")).toHaveAttribute("href", new RegExp(`procInstId=${id}`));

  await adminPage.goto("/approvals/list");
  await adminPage.getByTestId("approval-filters").getByLabel("搜索").fill(text);
  await adminPage.getByTestId("approval-filters").getByRole("button", { name: "筛选" }).click();
  await expect(adminPage).toHaveURL(/q=/);
  await expect(adminPage.locator(`[data-testid=approvals-table] tr[data-id="${id}"]`)).toBeVisible();

  // An expense's detail rows show as a table of their own.
  await adminPage.goto(`/approvals/list?tpl=${EXPENSE}`);
  await adminPage.locator("[data-testid=approvals-table] tbody tr").first().getByRole("link").first().click();
  await expect(adminPage.getByTestId("form-table").locator("th").first()).toHaveText("费用说明");
  await expect(adminPage.locator("[data-testid=form-values] [data-field=报销金额]")).toContainText("¥");
});

test("an open approval's page re-renders by itself when an approval event reaches the index", async () => {
  await adminPage.goto("/approvals/list?status=RUNNING");
  const row = adminPage.locator("[data-testid=approvals-table] tbody tr").first();
  const id = (await row.getAttribute("data-id"))!;
  const code = (await row.getAttribute("data-code"))!;
  await adminPage.goto(`/approvals/${id}`);
  const live = adminPage.getByTestId("live-version");
  const before = await live.getAttribute("data-version");
  await adminPage.evaluate(() => ((window as unknown as { stayed: number }).stayed = 1));
  // DingTalk announces a change; the bridge fetches the detail into the index; the page notices.
  await stream.emitEvent("bpms_task_change", { processInstanceId: id, processCode: code, type: "comment" });
  await expect(live).not.toHaveAttribute("data-version", before!, { timeout: 30_000 });
  expect(await adminPage.evaluate(() => (window as unknown as { stayed?: number }).stayed)).toBe(1);
});

test("HR exports the list with each template's form fields as columns, as CSV and XLSX", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const hr = users[3];
  await grantRole(adminPage, hr, "hr");
  const page = await signedInPage(browser, hr.mobile, hr.name);
  await page.goto(`/approvals/list?tpl=${LEAVE}&sort=createTime&dir=desc`);
  const id = (await page.locator("[data-testid=approvals-table] tbody tr").first().getAttribute("data-id"))!;
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const text = readFileSync((await csv.path())!, "utf8");
  const [header, firstRow] = text.replace(/^\uFEFF/, "").split("\r\n");
  expect(header.split(",").slice(0, 2)).toEqual(["审批实例 ID", "标题"]);
  expect(header).toContain("请假类型");
  expect(header).toContain("请假事由");
  expect(firstRow.startsWith(id)).toBe(true);
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-xlsx").click()]);
  const rows = readXlsx(readFileSync((await xlsx.path())!));
  expect(rows[0]).toEqual(expect.arrayContaining(["审批实例 ID", "请假类型", "开始时间", "结束时间"]));
  expect(rows[1][0]).toBe(id);
  expect(rows[1][rows[0].indexOf("请假类型")]).not.toBe("");
});

test("a viewer sees no approval; an approver sees only what they started, must act on or are copied on", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const viewer = users[5];
  await grantRole(adminPage, viewer, "viewer");
  const seen = await signedInPage(browser, viewer.mobile, viewer.name);
  await expect(seen.getByRole("link", { name: "审批", exact: true })).toHaveCount(0);
  await seen.goto("/approvals");
  await expect(seen.getByTestId("forbidden")).toBeVisible();
  const exported = await seen.request.get("/approvals/export/csv");
  expect(exported.status()).toBe(403);

  await adminPage.goto("/approvals");
  const all = await total(adminPage);
  // Someone who started an approval and holds no other role.
  await adminPage.goto("/approvals/list");
  const hrefs = await adminPage.locator("[data-testid=approvals-table] tbody tr td:nth-child(3) a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const ids = hrefs.map((h) => decodeURIComponent(h.split("/").pop() ?? ""));
  const approver = users.find((u) => ids.includes(u.userId) && u.userId !== viewer.userId && u.userId !== users[3].userId)!;
  await grantRole(adminPage, approver, "approver");
  const own = await signedInPage(browser, approver.mobile, approver.name);
  await own.goto("/approvals");
  const mine = await total(own);
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThan(all);
  await own.goto("/approvals/list");
  await expect(own.getByRole("heading", { name: `共 ${mine} 条` })).toBeVisible();
  await expect(own.getByRole("link", { name: "索引", exact: true })).toHaveCount(0);
  await expect((await own.request.get("/approvals/export/csv")).status()).toBe(403);
});
