import { expect, test, type Page } from "@playwright/test";
import { StreamControl } from "../emulator/control/stream-client";
import { demoEmulator, emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";

// The shared list parts and pickers where the console uses them: the person picker in the
// settings' grant form, the department picker and the data table on the directory page.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
let page: Page;
let zhangSan: { userId: string };

/** Runs a full sync from the sync page and waits until it has finished. */
async function syncDirectory() {
  await page.goto("/directory/sync");
  const done = page.locator("[data-testid=sync-runs] tr[data-kind=full][data-status=done]");
  await expect(done.first()).toBeVisible({ timeout: 60_000 });
  const before = await done.count();
  await page.getByRole("button", { name: "开始同步" }).click();
  await expect(done).toHaveCount(before + 1, { timeout: 60_000 });
}

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  // The seeded org has no 张三 (its given names are drawn from a list without 三): one joins.
  const demo = demoEmulator();
  zhangSan = await new StreamControl(demo.emulatorUrl, demo.controlToken).addUser({ name: "张三", mobile: "19900000033", deptIdList: [1], title: "测试工程师" });
  page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
  await syncDirectory();
});

test("the person picker finds 张三 by initials and by pinyin, and is used with the keyboard", async () => {
  await page.goto("/settings");
  const form = page.getByTestId("grant-role-form");
  const box = form.getByTestId("person-picker").getByRole("combobox");
  const option = form.locator(`[role=option][data-userid="${zhangSan.userId}"]`);

  await box.fill("zs");
  await expect(option).toHaveText(/张三/);
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");

  await box.fill("zhangsan");
  await expect(option).toBeVisible();
  // Arrows move the active option (aria-activedescendant), Enter picks it as a chip.
  await box.press("ArrowDown");
  // Read in one step: the list re-renders as results arrive, giving its options new ids.
  await expect
    .poll(() => box.evaluate((el) => document.getElementById(el.getAttribute("aria-activedescendant") ?? "")?.getAttribute("aria-selected") ?? null))
    .toBe("true");
  await box.fill("zhangsan");
  await expect(option).toBeVisible();
  await option.click();
  const chip = form.getByTestId("picked-person");
  await expect(chip).toHaveText(/张三/);
  await expect(chip).toHaveAttribute("data-userid", zhangSan.userId);
  // Backspace in the empty box removes the last chip.
  await box.press("Backspace");
  await expect(chip).toHaveCount(0);

  // Picked by keyboard alone, then granted: the form posts the userId as `person`.
  await box.fill("zs");
  await expect(option).toBeVisible();
  for (let i = 0; i < 20 && (await option.getAttribute("aria-selected")) !== "true"; i++) await box.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(chip).toHaveAttribute("data-userid", zhangSan.userId);
  await expect(form.locator("input[type=hidden][name=person]")).toHaveValue(zhangSan.userId);
  await form.locator("select[name=role]").selectOption("viewer");
  await form.getByRole("button", { name: "授予角色" }).click();
  await expect(page.locator(`[data-testid=role-table] tr[data-userid="${zhangSan.userId}"][data-role=viewer]`)).toBeVisible();
});

test("the directory table sorts by a header click, pages, and hides a column, all kept in the URL", async () => {
  await page.goto("/directory");
  const table = page.getByTestId("directory-table");
  await expect(table).toBeVisible();

  await table.locator("th[data-column=jobNumber]").getByRole("link").click();
  await expect(page).toHaveURL(/sort=jobNumber/);
  await expect(table.locator("th[data-column=jobNumber]")).toHaveAttribute("aria-sort", "ascending");
  const ascending = await table.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

  await table.locator("th[data-column=jobNumber]").getByRole("link").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(table.locator("th[data-column=jobNumber]")).toHaveAttribute("aria-sort", "descending");
  const descending = await table.locator("tbody tr td:nth-child(5)").allTextContents();
  expect(descending[0] >= descending[descending.length - 1]).toBe(true);
  expect(descending[0]).not.toBe(ascending[0]);

  // 200 people, 50 a page: the next page keeps the sort.
  const firstOfPage1 = await table.locator("tbody tr").first().getAttribute("data-userid");
  await page.getByTestId("pager").getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=jobNumber/);
  await expect(page.getByTestId("pager-status")).toContainText("第 2 /");
  await expect(table.locator("tbody tr").first()).not.toHaveAttribute("data-userid", firstOfPage1!);

  // The column menu hides 手机号; the choice is in the URL and survives a new search.
  await expect(table.locator("th[data-column=mobile]")).toHaveCount(1);
  await page.getByTestId("column-chooser").click();
  await page.getByRole("menuitemcheckbox", { name: "手机号" }).click();
  await expect(page).toHaveURL(/hide=mobile/);
  await expect(table.locator("th[data-column=mobile]")).toHaveCount(0);
  await expect(table.getByTestId("person-mobile")).toHaveCount(0);
  await page.getByTestId("directory-search").locator("input[name=q]").fill("zs");
  await page.getByTestId("directory-search").getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/q=zs/);
  await expect(page).toHaveURL(/hide=mobile/);
  await expect(table.locator(`tr[data-userid="${zhangSan.userId}"]`)).toBeVisible();
  await expect(table.locator("th[data-column=mobile]")).toHaveCount(0);
});

test("the department picker opens the tree level by level and filters the directory", async () => {
  await page.goto("/directory");
  const picker = page.getByTestId("department-picker");
  await picker.getByTestId("department-picker-trigger").click();
  const tree = page.getByTestId("department-picker-tree");
  // The root is open; its children are listed; one with children opens with the arrow key.
  const root = tree.locator("[role=treeitem][aria-level='1']").first();
  await expect(root).toHaveAttribute("aria-expanded", "true");
  const closed = tree.locator("[role=treeitem][aria-level='2'][aria-expanded=false]").first();
  await expect(closed).toBeVisible();
  const childId = await closed.getAttribute("data-dept");
  // Pinned by id: once open, it no longer matches the "closed" locator.
  const child = tree.locator(`[role=treeitem][data-dept="${childId}"]`);
  const childName = (await child.locator(":scope > div > span").nth(1).textContent())!.trim();
  await child.focus();
  await page.keyboard.press("ArrowRight");
  await expect(child).toHaveAttribute("aria-expanded", "true");
  await expect(child.locator("[role=treeitem][aria-level='3']").first()).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(picker.getByTestId("department-picker-trigger")).toHaveText(new RegExp(childName));
  await page.getByTestId("directory-search").getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(new RegExp(`dept=${childId}`));
  await expect(picker.getByTestId("department-picker-trigger")).toHaveText(new RegExp(childName));
  const rows = page.locator("[data-testid=directory-table] tbody tr");
  await expect(rows.first()).toBeVisible();
  // 含子部门 is on: everyone listed is in that department or below it (never 张三, who is at the root only).
  await expect(page.locator(`[data-testid=directory-table] tr[data-userid="${zhangSan.userId}"]`)).toHaveCount(0);
});

test("the attendance report's department picker takes several departments, each removable, all in the report's address", async () => {
  await page.goto("/attendance");
  const builder = page.getByTestId("report-builder");
  const picker = builder.getByTestId("department-picker");
  await picker.getByTestId("department-picker-trigger").click();
  const tree = page.getByTestId("department-picker-tree");
  await expect(tree).toHaveAttribute("aria-multiselectable", "true");
  const level2 = tree.locator("[role=treeitem][aria-level='2']");
  await expect(level2.nth(2)).toBeVisible();
  const ids = await Promise.all([0, 1, 2].map((k) => level2.nth(k).getAttribute("data-dept")));
  const names = await Promise.all([0, 1, 2].map(async (k) => (await level2.nth(k).locator(":scope > div > span").nth(1).textContent())!.trim()));
  // Each click adds one and the tree stays open; a second click on the same one takes it out again.
  for (const k of [0, 1, 2]) await level2.nth(k).locator(":scope > div > span").nth(1).click();
  await expect(level2.nth(1)).toHaveAttribute("aria-selected", "true");
  await level2.nth(1).locator(":scope > div > span").nth(1).click();
  await expect(level2.nth(1)).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("Escape");
  const chosen = picker.getByTestId("department-picker-chosen");
  await expect(chosen.locator("li")).toHaveText([new RegExp(names[0]), new RegExp(names[2])]);
  await expect(picker.getByTestId("department-picker-trigger")).toHaveText(/已选 2 个部门/);
  // The chip's × removes it too; the third comes back through the tree.
  await chosen.getByRole("button", { name: `移除 ${names[2]}` }).click();
  await expect(chosen.locator("li")).toHaveText([new RegExp(names[0])]);
  await picker.getByTestId("department-picker-trigger").click();
  await level2.nth(2).locator(":scope > div > span").nth(1).click();
  await page.keyboard.press("Escape");
  await builder.locator("[data-preset=lastMonth]").click();
  await page.getByTestId("build-report").click();
  await expect(page).toHaveURL(new RegExp(`depts=${ids[0]}%2C${ids[2]}(&|$)`));
  // The page comes back with both chosen.
  await expect(page.getByTestId("report-builder").getByTestId("department-picker-chosen").locator("li")).toHaveText([new RegExp(names[0]), new RegExp(names[2])]);
});
