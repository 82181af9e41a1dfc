import { expect, test } from "@playwright/test";
import { StreamControl } from "../emulator/control/stream-client";
import { demoEmulator, emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";

// 未登录 and 离职记录, asked of DingTalk (here the emulator) by an admin.
test("an admin lists who did not sign in yesterday and who left the org", async ({ page }) => {
  const control = emulatorControl();
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);

  await page.goto("/directory");
  await page.getByRole("link", { name: "未登录成员" }).click();
  await expect(page.getByTestId("inactive-count")).toContainText("共");
  const rows = page.locator("[data-testid=inactive-table] tbody tr");
  await expect(rows.first()).toBeVisible();
  const counted = Number((await page.getByTestId("inactive-count").textContent())!.match(/共 (\d+) 人/)![1]);
  await expect(rows).toHaveCount(counted);
  await page.goto("/directory/inactive?date=2026-02-30");
  await expect(page.getByRole("alert").filter({ hasText: "日期要写成" })).toBeVisible();

  // Someone leaves now; the default window (the last 30 days) shows them.
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const leaver = users[users.length - 2];
  const demo = demoEmulator();
  await new StreamControl(demo.emulatorUrl, demo.controlToken).removeUser(leaver.userId);
  await page.goto("/directory/leavers");
  await expect(page.locator(`[data-testid=leavers-table] tr[data-userid="${leaver.userId}"]`)).toContainText(leaver.name);
  await page.goto("/directory/leavers?from=2026-11-20&to=2025-01-01");
  await expect(page.getByRole("alert").filter({ hasText: "结束日期不能早于开始日期" })).toBeVisible();
});
