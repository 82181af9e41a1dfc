import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";
import { pickPerson } from "./support/pickers";

// One story, in order: the first admin signs in, looks around, gives a colleague the viewer
// role, and the colleague finds what a viewer may and may not do.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
let admin: { userId: string; name: string; mobile: string };
let viewer: { userId: string; name: string; mobile: string; deptIdList: number[] };
let bystander: { userId: string; name: string; mobile: string };
let adminPage: Page;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  await control.clearFaults();
  const org = await control.org();
  admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  // From the end of the list: the specs before this one give roles to people near its start.
  const people = await control.users({ admin: false, active: true, limit: 500 });
  [viewer, bystander] = people.users.slice(-2);
  adminPage = await newPage(browser);
});

test("an org admin signs in through the DingTalk login page and sees the org's figures", async () => {
  const page = adminPage;
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("演示组织")).toBeVisible();
  await signInWithMobile(page, admin.mobile);
  await expect(page).toHaveURL(/\/$/);
  await expectSignedInAs(page, admin.name);
  const org = await control.org();
  await expect(page.getByTestId("figure-people")).toHaveText(org.userCount.toLocaleString("zh-CN"));
  await expect(page.getByTestId("figure-active")).toHaveText(org.activeUserCount.toLocaleString("zh-CN"));
  await expect(page.getByTestId("figure-departments")).toHaveText(org.departmentCount.toLocaleString("zh-CN"));
  await expect(page.getByTestId("demo-banner")).toBeVisible();
});

test("the admin browses from the root department into a sub-department and its people", async () => {
  const page = adminPage;
  await page.getByRole("link", { name: "部门" }).click();
  const subs = page.getByTestId("sub-departments").getByRole("link");
  await expect(subs.first()).toBeVisible();
  const subName = (await subs.first().textContent())!.trim();
  await subs.first().click();
  await expect(page.getByTestId("dept-path")).toContainText(subName);
  await expect(page.getByTestId("dept-path").getByRole("link").first()).toBeVisible();
  // Admins see whole mobiles.
  await page.goto(`/departments?dept=${viewer.deptIdList[0]}`);
  await expect(page.locator(`tr[data-userid="${viewer.userId}"]`).getByTestId("member-mobile")).toHaveText(viewer.mobile);
});

test("a malformed grant gets a message on the field", async () => {
  const page = adminPage;
  await page.getByRole("link", { name: "设置" }).click();
  const form = page.getByTestId("grant-role-form");
  await form.getByRole("button", { name: "授予角色" }).click();
  await expect(page.getByTestId("person-error")).toContainText("必填");
  // The person field picks from the directory: nobody matches made-up text, so nothing is chosen.
  await form.getByTestId("person-picker").getByRole("combobox").fill("no-such-person-anywhere");
  await expect(form.getByRole("listbox")).toContainText("没有匹配的成员");
});

test("the admin grants the viewer role and the grant is audited", async () => {
  const page = adminPage;
  const form = page.getByTestId("grant-role-form");
  await pickPerson(form, viewer.mobile, viewer.userId);
  await form.locator("select[name=role]").selectOption("viewer");
  await form.getByRole("button", { name: "授予角色" }).click();
  await expect(page.locator(`[data-testid=role-table] tr[data-userid="${viewer.userId}"][data-role=viewer]`)).toBeVisible();

  await page.getByRole("link", { name: "审计日志" }).click();
  const row = page.locator("[data-testid=audit-table] tr[data-action='role.grant']").first();
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("data-outcome", "ok");
  await expect(row).toContainText(viewer.userId);
  await expect(row).toContainText(admin.name);

  // The filtered log exports as CSV that Excel opens with the Chinese intact.
  // Other specs grant roles too: the viewer's grant alone.
  await page.goto(`/audit?action=role.grant&target=${encodeURIComponent(viewer.userId)}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split(/\r?\n/);
  // Every line is a grant to the viewer (earlier specs may have granted the same person other roles).
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.slice(1).every((l) => l.includes("role.grant") && l.includes(viewer.userId))).toBe(true);
  expect(lines[1]).toContain(viewer.userId);
  expect(lines[1]).toContain(admin.name);
});

test("a viewer sees the overview, masked mobiles, and is refused on /settings", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithMobile(page, viewer.mobile);
  await expectSignedInAs(page, viewer.name);
  await expect(page.getByRole("link", { name: "设置" })).toHaveCount(0);
  const response = await page.goto("/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await page.goto(`/departments?dept=${viewer.deptIdList[0]}`);
  const ownMobile = page.locator(`tr[data-userid="${viewer.userId}"]`).getByTestId("member-mobile");
  await expect(ownMobile).toHaveText(`${viewer.mobile.slice(0, 3)}****${viewer.mobile.slice(-4)}`);

  // The admin ends the viewer's sessions; the viewer's next request is signed out.
  await adminPage.goto("/settings");
  await adminPage.locator(`[data-testid=session-table] tr[data-userid="${viewer.userId}"]`).getByRole("button").click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "结束其全部会话" }).click();
  await expect(adminPage.locator(`[data-testid=session-table] tr[data-userid="${viewer.userId}"]`)).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?error=SessionEnded/);
  await page.context().close();
});

test("someone outside the org, and a member without a role, get a page saying so", async ({ browser }) => {
  const outsider = await newPage(browser);
  await signInWithMobile(outsider, "19999999999");
  await expect(outsider.getByTestId("denied-reason")).toHaveAttribute("data-reason", "not-in-org");
  await outsider.context().close();

  const member = await newPage(browser);
  await signInWithMobile(member, bystander.mobile);
  await expect(member.getByTestId("denied-reason")).toHaveAttribute("data-reason", "no-role");
  await member.context().close();
});

test("a forged or replayed OAuth state is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/api/auth/callback/dingtalk?authCode=forged&state=forged");
  await expect(page.getByTestId("login-error")).toBeVisible();
  await expect(page).toHaveURL(/error=OAuthCallback/);

  // Replay: the very callback URL of a real sign-in, used a second time.
  let callback = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/dingtalk")) callback ||= r.url();
  });
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
  expect(callback).toContain("state=");
  await page.goto(callback);
  await expect(page).toHaveURL(/error=OAuthCallback/);
  await page.context().close();
});

test("when DingTalk cannot be reached the page says so and the audit log still works", async () => {
  const page = adminPage;
  // 未登录 is asked of DingTalk on every visit; the department pages read the synced directory.
  await control.addFault({ path: "/topapi/inactive/user/v2/get", drop: true });
  try {
    await page.goto("/directory/inactive");
    await expect(page.getByTestId("dingtalk-error")).toBeVisible();
    await expect(page.getByTestId("dingtalk-error")).not.toContainText(/\bat .*\.(ts|js):\d+/);
    await page.goto("/departments?dept=1");
    await expect(page.getByTestId("members").or(page.getByTestId("sub-departments")).first()).toBeVisible();
    await expect(page.getByTestId("dingtalk-error")).toHaveCount(0);
    await page.goto("/audit");
    await expect(page.getByTestId("audit-table")).toBeVisible();
  } finally {
    await control.clearFaults();
  }
});

test("the language switch turns the console into English and back", async () => {
  const page = adminPage;
  await page.goto("/");
  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("heading", { name: "Org overview" })).toBeVisible();
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "组织概览" })).toBeVisible();
});

test("signing out ends the session", async () => {
  const page = adminPage;
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
