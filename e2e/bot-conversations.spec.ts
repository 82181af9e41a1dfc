import { expect, test } from "@playwright/test";
import { StreamControl } from "../emulator/control/stream-client";
import { demoEmulator, emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";

// A person writes to the demo org's bot from the emulator's page; an admin finds, reads and
// resets that conversation in the console, and the reset is in the audit log.
test("a conversation with the bot is answered, inspected, reset and audited", async ({ browser }) => {
  const control = emulatorControl();
  const { users } = await control.users({ active: true, admin: false, limit: 10 });
  const writer = users[users.length - 1];

  const chat = await (await browser.newContext()).newPage();
  await chat.goto(`${demoEmulator().emulatorUrl}/__bot`);
  await chat.locator("#person").selectOption(writer.userId);
  await chat.locator("#text").fill("/help");
  await chat.getByRole("button", { name: /发送/ }).click();
  await expect(chat.locator("#log .bot").first()).toContainText("/whois", { timeout: 20_000 });

  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  const page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
  await page.getByRole("link", { name: "机器人对话" }).click();
  await expect(page.getByTestId("bridge-live")).toContainText("已连接");

  // The live state refreshes itself: another message answered shows up without a reload.
  const answered = page.getByTestId("inbox-answered");
  const before = Number((await answered.textContent())!.match(/\d+/)![0]);
  const demo = demoEmulator();
  await new StreamControl(demo.emulatorUrl, demo.controlToken).writeToBot({ fromUserId: users[0].userId, text: "/help" });
  await expect(answered).toHaveText(`answered: ${before + 1}`, { timeout: 20_000 });

  const sessionId = `dingtalk_private_${writer.userId}`;
  await page.locator(`tr[data-session="${sessionId}"] a`).click();
  const turns = page.getByTestId("session-turns");
  await expect(turns.locator("[data-role=user]")).toContainText("/help");
  await expect(turns.locator("[data-role=assistant]")).toContainText("/whois");

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "清空对话" }).click();
  await expect(page.getByTestId("session-turns")).toHaveCount(0);
  await expect(page.getByTestId("session-count")).toContainText("0");

  await page.goto("/audit?action=botConversations.reset");
  const row = page.locator("[data-testid=audit-table] tr[data-action='botConversations.reset']").first();
  await expect(row).toHaveAttribute("data-outcome", "ok");
  await expect(row).toContainText(sessionId);
});
