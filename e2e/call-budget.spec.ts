import { expect, test, type Page } from "@playwright/test";
import { emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";

// DingTalk's monthly call quota in the console: a full sync shows its estimate before it runs, the
// usage page counts the calls, and when DingTalk refuses for the quota a banner says so on every
// page while what is read from the database keeps working.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
let page: Page;

test.beforeAll(async ({ browser }) => {
  await control.clearFaults();
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
});

test.afterAll(async () => {
  // Whatever happened, DingTalk accepts calls again for the specs that follow.
  const quota = await control.quota();
  if (quota.quota !== null) await control.setQuota({ used: 0 });
});

test("a full sync shows its estimated calls and share of the month before it runs", async () => {
  await page.goto("/directory/sync");
  await expect(page.locator("[data-testid=sync-runs] tr[data-kind=full][data-status=done]").first()).toBeVisible({ timeout: 60_000 });
  await page.reload();
  const estimate = page.getByTestId("sync-estimate");
  // The org as synced: its root, a listsub and a page of people per department.
  const { departmentCount } = await control.org();
  const calls = Number(await estimate.getAttribute("data-calls"));
  expect(calls).toBeGreaterThanOrEqual(1 + 2 * departmentCount);
  expect(calls).toBeLessThan(1 + 4 * departmentCount);
  await expect(estimate).toContainText(`预计调用约 ${calls} 次`);
  await expect(estimate).toContainText("占本月额度的");
  // Well under 5% of 10,000: it starts without asking.
  await expect(estimate).toHaveAttribute("data-confirm", "0");
  const done = page.locator("[data-testid=sync-runs] tr[data-kind=full][data-status=done]");
  const before = await done.count();
  await page.getByRole("button", { name: "开始同步" }).click();
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);
  await expect(page.getByText("同步已开始")).toBeVisible();
  await expect(done).toHaveCount(before + 1, { timeout: 60_000 });

  // The audit entry of that sync, written once its work has settled, says what it cost.
  await page.goto("/audit?action=directory.sync");
  await expect.poll(async () => {
    await page.reload();
    return Number((await page.getByTestId("audit-calls").first().innerText()).replace(/,/g, ""));
  }).toBeGreaterThanOrEqual(1 + 2 * departmentCount);
});

test("the usage page shows this month's calls against the quota, by day, by purpose and by API, and exports them", async () => {
  await page.goto("/settings");
  await page.getByTestId("usage-link").click();
  await expect(page).toHaveURL(/\/settings\/usage$/);
  await expect(page.getByTestId("usage-quota")).toHaveText("10,000");
  const used = Number((await page.getByTestId("usage-used").innerText()).replace(/,/g, ""));
  // Two full syncs at least (the first one and the admin's) and the sign-ins.
  const { departmentCount } = await control.org();
  expect(used).toBeGreaterThanOrEqual(2 * (1 + 2 * departmentCount));
  await expect(page.getByTestId("line-chart")).toBeVisible();
  await expect(page.locator('[data-testid=usage-by-area] [data-bar^="通讯录全量同步（管理员）"]')).toBeVisible();
  await expect(page.locator('[data-testid=usage-top-apis] tr[data-api="POST /topapi/v2/department/listsub"]')).toBeVisible();

  const response = await page.request.get("/settings/usage/export");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = (await response.text()).replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("day,appKey,api,area,metered,calls");
  const adminSync = lines.filter((l) => l.includes(",POST /topapi/v2/department/listsub,directory.sync,1,"));
  expect(adminSync.length).toBeGreaterThan(0);
  const total = lines.slice(1).filter((l) => l.split(",")[4] === "1").reduce((n, l) => n + Number(l.split(",")[5]), 0);
  expect(total).toBeGreaterThanOrEqual(used);
});

test("when DingTalk refuses for the quota, a banner shows on every page and what is read from the database still works", async () => {
  const quota = await control.quota();
  expect(quota.quota).toBe(10_000);
  await control.setQuota({ used: 10_000 });
  // 未登录 is asked of DingTalk on every visit: refused now.
  await page.goto("/directory/inactive");
  await expect(page.getByTestId("dingtalk-error")).toBeVisible();
  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId("quota-banner").count();
  }).toBe(1);
  await expect(page.getByTestId("quota-banner")).toContainText("本月钉钉接口调用额度已用完");

  // Database-backed pages: the banner, and their content.
  await page.goto("/departments?dept=1");
  await expect(page.getByTestId("quota-banner")).toBeVisible();
  await expect(page.getByTestId("members").or(page.getByTestId("sub-departments")).first()).toBeVisible();
  await expect(page.getByTestId("dingtalk-error")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByTestId("quota-banner")).toBeVisible();
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await page.goto("/directory");
  await expect(page.getByTestId("quota-banner")).toBeVisible();
  await expect(page.getByTestId("directory-table")).toBeVisible();

  // A full sync now would be refused: the page says so and asks first; cancelling starts nothing.
  await page.goto("/directory/sync");
  const estimate = page.getByTestId("sync-estimate");
  await expect(estimate).toHaveAttribute("data-confirm", "1");
  await expect(estimate).toContainText("本月还剩 0 次");
  const runs = await page.locator("[data-testid=sync-runs] tbody tr").count();
  await page.getByRole("button", { name: "开始同步" }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText("额度已经用完");
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator("[data-testid=sync-runs] tbody tr")).toHaveCount(runs);
  const refused = await control.quota();

  // DingTalk accepts calls again: the first accepted call lifts the banner.
  await control.setQuota({ used: 0 });
  await page.goto("/directory/inactive");
  await expect(page.getByTestId("dingtalk-error")).toHaveCount(0);
  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId("quota-banner").count();
  }).toBe(0);
  expect(refused.used).toBe(10_000);
});
