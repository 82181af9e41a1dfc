import { expect, test } from "@playwright/test";
import { StreamControl } from "../emulator/control/stream-client";
import { demoEmulator, emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";

// A person writes to the demo org's bot from the emulator's page; an admin finds, reads, resets
// and deletes that conversation in the console (each confirmed in a dialog), and both are audited.
test("a conversation with the bot is answered, inspected, reset, deleted and audited", async ({ browser }) => {
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
  const before = Number(await answered.getAttribute("data-count"));
  const demo = demoEmulator();
  await new StreamControl(demo.emulatorUrl, demo.controlToken).writeToBot({ fromUserId: users[0].userId, text: "/help" });
  await expect(answered).toHaveAttribute("data-count", String(before + 1), { timeout: 20_000 });
  await expect(answered).toContainText("已回答");

  const sessionId = `dingtalk_private_${writer.userId}`;
  await page.locator(`tr[data-session="${sessionId}"] a`).click();
  const turns = page.getByTestId("session-turns");
  await expect(turns.locator("[data-role=user]")).toContainText("/help");
  await expect(turns.locator("[data-role=assistant]")).toContainText("/whois");

  // Reset and delete ask in the console's own confirm dialog; a native confirm() must never appear.
  const nativeDialogs: string[] = [];
  page.on("dialog", (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("button", { name: "清空对话" }).click();
  const resetDialog = page.getByRole("alertdialog");
  await expect(resetDialog).toContainText("清空这段对话？");
  await expect(resetDialog).toContainText("无法撤销");
  await resetDialog.getByRole("button", { name: "清空对话" }).click();
  await expect(resetDialog).toBeHidden();
  await expect(page.getByTestId("session-turns")).toHaveCount(0);
  await expect(page.getByTestId("session-count")).toContainText("0");

  // Cancelling deletes nothing; confirming deletes the conversation and returns to the list.
  await page.getByRole("button", { name: "删除对话" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "取消" }).click();
  await expect(page.getByRole("alertdialog")).toBeHidden();
  await expect(page.getByTestId("session-count")).toBeVisible();
  await page.getByRole("button", { name: "删除对话" }).click();
  const deleteDialog = page.getByRole("alertdialog");
  await expect(deleteDialog).toContainText("删除这个对话？");
  await deleteDialog.getByRole("button", { name: "删除对话" }).click();
  await expect(page).toHaveURL(/\/bot\/conversations$/);
  await expect(page.locator(`tr[data-session="${sessionId}"]`)).toHaveCount(0);
  expect(nativeDialogs).toEqual([]);

  for (const action of ["botConversations.reset", "botConversations.delete"]) {
    await page.goto(`/audit?action=${action}`);
    const row = page.locator(`[data-testid=audit-table] tr[data-action='${action}']`).first();
    await expect(row).toHaveAttribute("data-outcome", "ok");
    await expect(row).toContainText(sessionId);
  }
});

// A group's context policy is set for a group picked from those the bot has talked in (no
// conversationId typed by hand), removed again after a confirm dialog, and both are audited.
test("a group's context policy is picked from the bot's groups, set, removed and audited", async ({ browser }) => {
  const control = emulatorControl();
  const { users } = await control.users({ active: true, admin: false, limit: 10 });
  const demo = demoEmulator();
  const stream = new StreamControl(demo.emulatorUrl, demo.controlToken);
  const title = `e2e 策略群 ${Date.now()}`;
  const { conversationId } = await stream.writeToBot({ fromUserId: users[0].userId, text: "/help", conversationType: "2", conversationId: `cidE2E${Date.now()}`, conversationTitle: title, atBot: true });
  await expect.poll(async () => (await stream.replies(conversationId)).length, { timeout: 20_000 }).toBeGreaterThan(0);

  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  const page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
  // The old address of this page still leads here.
  await page.goto("/sessions");
  await expect(page).toHaveURL(/\/bot\/conversations$/);

  const form = page.getByTestId("group-policy-form");
  await form.locator("select[name=conversationId]").selectOption({ label: title });
  await form.locator("select[name=mode]").selectOption("shared");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toContainText("已保存");
  const policy = page.locator(`[data-testid=group-policies] li[data-conversation="${conversationId}"]`);
  await expect(policy).toContainText(title);
  await expect(policy).toContainText("全群共享");

  await policy.getByRole("button", { name: "恢复默认" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "恢复默认" }).click();
  await expect(policy).toHaveCount(0);

  for (const action of ["botConversations.groupPolicy.set", "botConversations.groupPolicy.delete"]) {
    await page.goto(`/audit?action=${action}`);
    const row = page.locator(`[data-testid=audit-table] tr[data-action='${action}']`).first();
    await expect(row).toHaveAttribute("data-outcome", "ok");
    await expect(row).toContainText(conversationId);
  }
});
