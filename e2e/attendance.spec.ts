import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { presetRange } from "../components/pickers/date-presets";
import { readXlsx } from "../lib/directory/testing/read-xlsx";
import { emulatorControl, grantRole, signedInPage } from "./support/console";

// Attendance reports: HR builds last month's report for a department (estimate, progress, then
// the summary, heatmap and a person's month), exports it and finds the file equal to the table;
// the same report again comes from the database; a manager sees only the departments they lead;
// a viewer is refused.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
type Person = Awaited<ReturnType<typeof control.users>>["users"][number];
const SUMMARY = ["plannedDays", "attendedDays", "restDays", "lateCount", "lateMinutes", "seriousLateCount", "seriousLateMinutes", "absentLateCount", "earlyCount", "earlyMinutes", "missedOnDuty", "missedOffDuty", "absentDays", "outsideCount"];
const lastMonth = presetRange("lastMonth", new Date());
let adminPage: Page;
let hrPage: Page;
let manager: Person;
let hr: Person;
let deptId: number;
let reportUrl: string;
/** The HR report's rows: userId → the summary columns as shown. */
const table = new Map<string, string[]>();

const attendanceCalls = async () => Object.entries((await control.stats()).calls).filter(([k]) => k.includes("/attendance/")).reduce((n, [, v]) => n + v, 0);

async function tableRows(page: Page): Promise<Map<string, string[]>> {
  const rows = new Map<string, string[]>();
  for (const row of await page.locator("[data-testid=attendance-summary] tbody tr").all()) {
    const userId = (await row.getAttribute("data-userid"))!;
    rows.set(userId, await Promise.all(SUMMARY.map((k) => row.getByTestId(`cell-${k}`).innerText())));
  }
  return rows;
}

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  adminPage = await signedInPage(browser, admin.mobile, admin.name);
  const { users } = await control.users({ active: true, limit: 500 });
  const byId = new Map(users.map((u) => [u.userId, u]));
  // A department's head is the manager of its other members and a member of it; an admin of the org would see everyone.
  const member = users.find((u) => {
    const head = u.managerUserId ? byId.get(u.managerUserId) : undefined;
    return head && !head.admin && head.deptIdList.includes(u.deptIdList[0]) && !u.admin;
  })!;
  manager = byId.get(member.managerUserId!)!;
  deptId = member.deptIdList[0];
  hr = users.find((u) => !u.admin && u.userId !== manager.userId && u.userId !== member.userId && !u.deptIdList.includes(deptId))!;
  await grantRole(adminPage, hr, "hr");
  hrPage = await signedInPage(browser, hr.mobile, hr.name);
});

test("HR builds last month's report for a department: the estimate, the fetch's progress, then the summary with its totals", async () => {
  await hrPage.getByRole("link", { name: "考勤", exact: true }).click();
  await expect(hrPage).toHaveURL(/\/attendance$/);
  await expect(hrPage.getByTestId("report-builder")).toBeVisible();
  // The department comes preset from the address (the picker's tree is the list parts' spec's business); 上月 fills last month.
  await hrPage.goto(`/attendance?depts=${deptId}`);
  await expect(hrPage.getByTestId("department-picker-trigger")).not.toHaveText(/全部|所有|不限/);
  await hrPage.getByTestId("report-builder").locator("[data-preset=lastMonth]").click();
  await expect(hrPage.getByTestId("report-builder").locator("input[name=from]")).toHaveValue(lastMonth.from);
  await expect(hrPage.getByTestId("report-builder").locator("input[name=to]")).toHaveValue(lastMonth.to);
  await hrPage.getByTestId("build-report").click();
  await expect(hrPage).toHaveURL(new RegExp(`depts=${deptId}.*from=${lastMonth.from}&to=${lastMonth.to}`));
  reportUrl = hrPage.url();

  const estimate = hrPage.getByTestId("fetch-estimate");
  await expect(estimate).toBeVisible();
  expect(Number(await estimate.getAttribute("data-calls"))).toBeGreaterThan(0);
  await expect(estimate).toContainText("预计调用钉钉接口");
  await control.resetStats();
  await hrPage.getByTestId("start-fetch").click();
  if ((await estimate.getAttribute("data-confirm")) === "1") await hrPage.getByRole("button", { name: "开始获取" }).click();
  await expect(hrPage).toHaveURL(/job=/);
  const progress = hrPage.getByTestId("fetch-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  expect(await attendanceCalls()).toBeGreaterThan(0);

  const summary = hrPage.getByTestId("attendance-summary");
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(hrPage.getByTestId("report-freshness")).toBeVisible();
  for (const [userId, cells] of await tableRows(hrPage)) table.set(userId, cells);
  expect(table.size).toBeGreaterThan(0);
  expect(table.has(manager.userId)).toBe(true);
  const footer = hrPage.getByTestId("attendance-summary-footer");
  for (const [i, key] of SUMMARY.entries()) {
    const sum = [...table.values()].reduce((n, cells) => n + Number(cells[i]), 0);
    await expect(footer.getByTestId(`cell-${key}`)).toHaveText(String(sum));
  }

  // "Late more than N times": every row kept is, and the totals follow the rows kept.
  const filter = hrPage.getByTestId("summary-filter");
  await filter.locator("select[name=f]").selectOption("lateCount");
  await filter.locator("input[name=gt]").fill("1");
  await filter.getByRole("button").click();
  await expect(hrPage).toHaveURL(/f=lateCount/);
  const kept = await tableRows(hrPage);
  const expected = [...table].filter(([, cells]) => Number(cells[3]) > 1).map(([id]) => id).sort();
  expect([...kept.keys()].sort()).toEqual(expected);
  if (expected.length > 0) {
    await expect(hrPage.getByTestId("attendance-summary-footer").getByTestId("cell-lateCount")).toHaveText(String(expected.reduce((n, id) => n + Number(table.get(id)![3]), 0)));
  }
});

test("HR sees the heatmap of people and of departments, the bars, and a person's month with punches", async () => {
  await hrPage.goto(reportUrl.replace(/&?job=[^&]*/, ""));
  const heatmap = hrPage.getByTestId("heatmap");
  await expect(heatmap.locator("[data-row]")).toHaveCount(table.size);
  const days = Number(lastMonth.to.slice(8));
  await expect(heatmap.locator("[data-row]").first().locator("rect")).toHaveCount(days);
  await expect(heatmap.locator("rect[data-value=normal]").first()).toBeVisible();
  await hrPage.getByRole("link", { name: "按部门" }).click();
  await expect(hrPage).toHaveURL(/heat=departments/);
  await expect(hrPage.getByTestId("heatmap").locator("[data-row]").first()).toBeVisible();
  await expect(hrPage.getByTestId("bar-chart").locator("[data-bar]").first()).toBeVisible();

  await hrPage.locator(`[data-testid=attendance-summary] tr[data-userid="${manager.userId}"]`).getByTestId("cell-name").getByRole("link").click();
  await expect(hrPage).toHaveURL(new RegExp(`/attendance/person/${manager.userId}`));
  const calendar = hrPage.getByTestId("person-calendar");
  await expect(calendar.locator("td[data-day]")).toHaveCount(days);
  // Workdays hold the punches read from DingTalk's raw records.
  await expect(calendar.getByTestId("punches").locator("li").first()).toBeVisible();
  await expect(hrPage.getByTestId("person-freshness")).toContainText("原始打卡记录");
});

test("HR exports the report as XLSX and the file's rows equal the table", async () => {
  await hrPage.goto(reportUrl.replace(/&?job=[^&]*/, ""));
  const [download] = await Promise.all([hrPage.waitForEvent("download"), hrPage.getByTestId("export-xlsx").click()]);
  expect(download.suggestedFilename()).toBe(`attendance-${lastMonth.from}-${lastMonth.to}.xlsx`);
  const rows = readXlsx(readFileSync((await download.path())!));
  const header = rows[0];
  expect(header.slice(0, 4)).toEqual(["姓名", "工号", "部门", "UserId"]);
  expect(header).toContain("迟到次数");
  const people = rows.slice(1, -1);
  expect(rows.at(-1)![0]).toBe("合计");
  expect(people).toHaveLength(table.size);
  for (const row of people) expect(row.slice(4, 4 + SUMMARY.length), row[3]).toEqual(table.get(row[3]));
});

test("the same report built again comes from the database, without a DingTalk call", async () => {
  await control.resetStats();
  await hrPage.goto("/attendance");
  await hrPage.goto(reportUrl.replace(/&?job=[^&]*/, ""));
  await expect(hrPage.getByTestId("attendance-summary")).toBeVisible();
  await expect(hrPage.getByTestId("fetch-estimate")).toHaveCount(0);
  await expect(hrPage.getByTestId("report-freshness")).toHaveAttribute("data-source", "database");
  expect(await tableRows(hrPage)).toEqual(table);
  expect(await attendanceCalls()).toBe(0);
  // The first build brought the attendance groups' names along: the group choice offers them by name.
  const groups = hrPage.getByTestId("report-builder").locator("select[name=group] option:not([value=''])");
  await expect(groups.first()).toBeAttached();
  for (const label of await groups.allTextContents()) expect(label).not.toMatch(/^考勤组 \d+$/);
});

test("a manager sees only the departments they lead; a viewer is refused", async ({ browser }) => {
  await grantRole(adminPage, manager, "approver");
  const page = await signedInPage(browser, manager.mobile, manager.name);
  await page.getByRole("link", { name: "考勤", exact: true }).click();
  await expect(page.getByRole("heading", { name: "考勤报表" })).toBeVisible();
  // The whole org asked for: narrowed to their departments, and the rows are the department's.
  const root = reportUrl.replace(/depts=\d+/, "depts=1").replace(/&?job=[^&]*/, "");
  await page.goto(root);
  await expect(page.getByText(/不在你负责的部门/)).toBeVisible();
  await expect(page.getByTestId("attendance-summary")).toBeVisible();
  expect([...(await tableRows(page)).keys()].sort()).toEqual([...table.keys()].sort());
  await page.goto(`/attendance/person/${encodeURIComponent([...table.keys()][0])}?from=${lastMonth.from}&to=${lastMonth.to}`);
  await expect(page.getByTestId("person-calendar")).toBeVisible();
  await page.context().close();

  const { users } = await control.users({ active: true, admin: false, limit: 500 });
  // Someone with no role yet (other specs grant roles too): not in the role table, not one of the department.
  await adminPage.goto("/settings");
  const held = new Set(await adminPage.locator("[data-testid=role-table] tr[data-userid]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-userid"))));
  const viewer = users.find((u) => ![manager.userId, hr.userId].includes(u.userId) && !held.has(u.userId) && !table.has(u.userId))!;
  await grantRole(adminPage, viewer, "viewer");
  const seen = await signedInPage(browser, viewer.mobile, viewer.name);
  await expect(seen.getByRole("link", { name: "考勤", exact: true })).toHaveCount(0);
  await seen.goto(reportUrl);
  await expect(seen.getByTestId("forbidden")).toBeVisible();
  const response = await seen.request.get(reportUrl.replace("/attendance?", "/attendance/export/xlsx?"));
  expect(response.status()).toBe(403);
  await seen.context().close();
});
