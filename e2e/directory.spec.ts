import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { readXlsx } from "../lib/directory/testing/read-xlsx";
import { personPinyin } from "../lib/directory/pinyin";
import { emulatorControl, grantRole, signedInPage } from "./support/console";

// The synced directory: an admin sees the first sync finish, finds a person by pinyin initials
// and reads their page; a viewer sees the mobile masked; HR exports the result.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
type Person = Awaited<ReturnType<typeof control.users>>["users"][number];
let admin: { mobile: string; name: string };
let target: Person;
let manager: Person;
let adminPage: Page;

const signedIn = signedInPage;
const grant = (person: { userId: string; mobile: string }, role: "viewer" | "hr") => grantRole(adminPage, person, role);

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  target = users.find((u) => u.managerUserId && users.some((m) => m.userId === u.managerUserId))!;
  manager = users.find((m) => m.userId === target.managerUserId)!;
  adminPage = await signedIn(browser, admin.mobile, admin.name);
});

test("the first sync runs when the console starts, and an admin's sync shows its progress", async () => {
  await adminPage.getByRole("link", { name: "通讯录同步" }).click();
  const done = adminPage.locator("[data-testid=sync-runs] tr[data-kind=full][data-status=done]");
  await expect(done.first()).toBeVisible({ timeout: 60_000 });
  const before = await done.count();
  await adminPage.getByRole("button", { name: "开始同步" }).click();
  await expect(adminPage.getByText("同步已开始")).toBeVisible();
  await expect(done).toHaveCount(before + 1, { timeout: 60_000 });
  // The newest run (listed first) saw exactly the people the emulator has now.
  const org = await control.org();
  await expect(adminPage.locator("[data-testid=sync-runs] tbody tr").first()).toHaveAttribute("data-status", "done");
  await expect(adminPage.locator("[data-testid=sync-runs] tbody tr").first().locator("td").nth(3)).toHaveText(String(org.userCount));
});

test("a person is found by pinyin initials and their page shows the department path and manager", async () => {
  const initials = personPinyin(target.name).initials;
  await adminPage.goto(`/directory?q=${encodeURIComponent(initials)}&dept=${target.deptIdList[0]}`);
  const row = adminPage.locator(`[data-testid=directory-table] tr[data-userid="${target.userId}"]`);
  await expect(row).toBeVisible();
  await row.getByRole("link").click();
  await expect(adminPage.getByTestId("person-name")).toHaveText(target.name);
  await expect(adminPage.getByTestId("person-departments").getByRole("link").first()).toBeVisible();
  await expect(adminPage.getByTestId("manager-chain")).toContainText(manager.name);
  await expect(adminPage.getByTestId("person-mobile")).toHaveText(target.mobile);
});

test("a viewer sees the mobile masked", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const viewer = users.find((u) => ![target.userId, manager.userId].includes(u.userId))!;
  await grant(viewer, "viewer");
  const page = await signedIn(browser, viewer.mobile, viewer.name);
  await page.goto(`/directory/${encodeURIComponent(target.userId)}`);
  const maskedMobile = `${target.mobile.slice(0, 3)}****${target.mobile.slice(-4)}`;
  await expect(page.getByTestId("person-mobile")).toHaveText(maskedMobile);
  await expect(page.getByTestId("person-email")).toHaveText(`${target.email[0]}***${target.email.slice(target.email.indexOf("@"))}`);
  await page.goto(`/directory?q=${encodeURIComponent(target.name)}`);
  const row = page.locator(`tr[data-userid="${target.userId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("person-mobile")).toHaveText(maskedMobile);
  await expect(page.getByTestId("export-csv")).toHaveCount(0);
  await page.context().close();
});

test("an HR user exports the search result and the file holds it", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const hr = users.filter((u) => ![target.userId, manager.userId].includes(u.userId))[1];
  await grant(hr, "hr");
  const page = await signedIn(browser, hr.mobile, hr.name);
  await page.goto(`/directory?q=${encodeURIComponent(target.mobile)}`);
  await expect(page.locator(`[data-testid=directory-table] tr[data-userid="${target.userId}"]`)).toBeVisible();
  for (const format of ["csv", "xlsx"] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`export-${format}`).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
    const bytes = readFileSync((await download.path())!);
    // The search (a mobile) matches one person: the file holds the header and exactly that row.
    if (format === "csv") {
      const lines = bytes.toString("utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(target.userId);
      expect(lines[1]).toContain(target.name);
      expect(lines[1]).toContain(target.mobile);
    } else {
      const rows = readXlsx(bytes);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toEqual(expect.arrayContaining([target.userId, target.name, target.mobile]));
    }
  }
  await page.goto("/audit");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await adminPage.goto("/audit?action=directory.export");
  await expect(adminPage.locator("[data-testid=audit-table] tr[data-action='directory.export']")).toHaveCount(2);
});

test("org statistics chart the headcount by department and the day's snapshot", async () => {
  await adminPage.goto("/directory");
  await adminPage.getByRole("link", { name: "组织统计" }).click();
  const bars = adminPage.getByTestId("bar-chart").locator("[data-bar]");
  await expect(bars.first()).toBeVisible();
  // One bar per department under the root, as the department browse lists them.
  const barCount = await bars.count();
  await adminPage.goto("/departments?dept=1");
  await expect(adminPage.getByTestId("sub-departments").getByRole("link")).toHaveCount(barCount);
  await adminPage.goto("/directory/stats");
  await expect(adminPage.getByTestId("line-chart").locator("[data-point]")).toHaveCount(1);
});

test("the department tree opens level by level with head counts, and departments can be searched", async () => {
  await adminPage.goto("/departments?dept=1");
  const tree = adminPage.getByTestId("department-tree");
  const topLevel = tree.locator(":scope > ul > li");
  await expect(topLevel.first()).toBeVisible();
  // The root is open; its children are listed with a head count each.
  const root = topLevel.first();
  const children = root.locator(":scope > div.pl-4 > ul > li");
  await expect(children.first()).toBeVisible();
  const counts = await children.getByTestId("tree-headcount").allTextContents();
  expect(counts.every((c) => /^\d+$/.test(c))).toBe(true);
  const closedId = await children.filter({ has: adminPage.locator(":scope > div > button[aria-expanded=false]") }).first().getAttribute("data-dept");
  const closed = tree.locator(`li[data-dept="${closedId}"]`);
  await closed.locator(":scope > div > button").click();
  await expect(closed.locator(":scope > div > button")).toHaveAttribute("aria-expanded", "true");
  await expect(closed.locator(":scope > div.pl-4 li").first()).toBeVisible();

  const name = (await children.first().getByRole("link").first().textContent())!.trim();
  const count = (await children.first().getByTestId("tree-headcount").first().textContent())!.trim();

  // The department's own page: its path from the root, its head count as the tree gives it, its
  // managers (or the words that it has none) and its members, each linking to the person.
  await children.first().getByRole("link").first().click();
  await expect(adminPage.getByTestId("dept-path")).toContainText(name);
  await expect(adminPage.getByTestId("dept-path").getByRole("link").first()).toBeVisible();
  await expect(adminPage.getByTestId("dept-headcount")).toHaveText(new RegExp(`\\b${count}$`));
  await expect(adminPage.getByTestId("dept-managers").or(adminPage.getByText("未设置部门主管"))).toBeVisible();
  const members = adminPage.locator("[data-testid=members] tbody tr");
  if ((await members.count()) > 0) {
    await expect(members.first().getByRole("link")).toHaveAttribute("href", /^\/directory\//);
    await expect(members.first().getByTestId("member-mobile")).not.toContainText("*");
  }

  await adminPage.goto(`/departments?dept=1&q=${encodeURIComponent(name)}`);
  await expect(adminPage.getByTestId("department-hits").getByRole("link", { name })).toBeVisible();
});
