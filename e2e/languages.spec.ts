import { expect, test, type Locator, type Page } from "@playwright/test";
import { emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";
import { pickPerson } from "./support/pickers";

// The console speaks one language at a time: switched to English, its navigation, a form's
// error, a confirm dialog and a toast hold no Chinese; switched back, they hold no English.
// People's names are data, not the console's words, so they are taken out before checking.

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

async function words(locator: Locator, ...data: string[]): Promise<string> {
  await expect(locator).toBeVisible();
  let text = (await locator.innerText()).trim();
  for (const d of data) text = text.split(d).join("");
  expect(text.length).toBeGreaterThan(0);
  return text;
}

async function switchTo(page: Page, locale: "en" | "zh-CN", overview: string): Promise<void> {
  await page.getByTestId("language-switch").selectOption(locale);
  await expect(page.locator("aside nav")).toContainText(overview);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** Grants `role` to `person` on the settings page and removes it again through the confirm dialog; returns the dialog and the toast. */
async function grantAndRemove(page: Page, person: { userId: string; name: string; mobile: string }, labels: { grant: string; remove: string }) {
  const form = page.getByTestId("grant-role-form");
  await pickPerson(form, person.mobile, person.userId);
  await form.locator("select[name=role]").selectOption("hr");
  await form.getByRole("button", { name: labels.grant }).click();
  const row = page.locator(`[data-testid=role-table] tr[data-userid="${person.userId}"][data-role=hr]`);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: labels.remove }).click();
  const dialog = page.getByRole("alertdialog");
  const dialogText = await words(dialog, person.name, person.userId);
  await dialog.getByRole("button", { name: labels.remove }).click();
  await expect(row).toHaveCount(0);
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: person.name }).first();
  const toastText = await words(toast, person.name, person.userId);
  return { dialogText, toastText };
}

test("switched to English the console shows no Chinese, and switched back no English", async ({ browser }) => {
  const control = emulatorControl();
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  const { users } = await control.users({ active: true, admin: false, limit: 8 });
  const person = users[5];

  const page = await (await browser.newContext()).newPage();
  const nativeDialogs: string[] = [];
  page.on("dialog", (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);

  // English.
  await switchTo(page, "en", "Overview");
  expect(await words(page.locator("aside nav"))).not.toMatch(HAN);
  await page.locator("aside nav").getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveTitle(/^Settings · DingTalk Admin Console$/);
  await page.getByTestId("grant-role-form").getByRole("button", { name: "Grant role" }).click();
  expect(await words(page.getByTestId("person-error"))).not.toMatch(HAN);
  const english = await grantAndRemove(page, person, { grant: "Grant role", remove: "Remove" });
  expect(english.dialogText).not.toMatch(HAN);
  expect(english.toastText).not.toMatch(HAN);
  expect(english.toastText).toMatch(LATIN_WORD);

  // And back to Chinese: the same places hold no English words.
  await switchTo(page, "zh-CN", "概览");
  expect(await words(page.locator("aside nav"))).not.toMatch(LATIN_WORD);
  // A fresh form: the English round left its last grant's state in this one.
  await page.reload();
  await expect(page).toHaveTitle(/^设置 · 钉钉管理控制台$/);
  await page.getByTestId("grant-role-form").getByRole("button", { name: "授予角色" }).click();
  expect(await words(page.getByTestId("person-error"))).not.toMatch(LATIN_WORD);
  const chinese = await grantAndRemove(page, person, { grant: "授予角色", remove: "移除" });
  expect(chinese.dialogText).not.toMatch(LATIN_WORD);
  expect(chinese.toastText).not.toMatch(LATIN_WORD);
  expect(chinese.toastText).toMatch(HAN);

  expect(nativeDialogs).toEqual([]);
  await page.context().close();
});
