import { expect, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { EmulatorControl } from "../../emulator/control-client";
import { pickPerson } from "./pickers";
import { E2E } from "./settings";

/** The emulator the start command launched, as it recorded itself for tests. */
export function demoEmulator(): { emulatorUrl: string; controlToken: string } {
  return JSON.parse(readFileSync(path.join(E2E.artifacts, "demo.json"), "utf8")) as { emulatorUrl: string; controlToken: string };
}

export function emulatorControl(): EmulatorControl {
  const demo = demoEmulator();
  return new EmulatorControl(demo.emulatorUrl, demo.controlToken);
}

/** Signs in through the emulator's DingTalk login page by typing a mobile. */
export async function signInWithMobile(page: Page, mobile: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: "使用钉钉登录" }).click();
  await page.locator("#mobile").fill(mobile);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId("current-person")).toContainText(name);
}

/** A signed-in page of its own (a fresh browser context) for the person with this mobile. */
export async function signedInPage(browser: Browser, mobile: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, mobile);
  await expectSignedInAs(page, name);
  return page;
}

/** Grants a role through the settings page, as the admin whose page this is. */
export async function grantRole(adminPage: Page, { userId, mobile }: { userId: string; mobile: string }, role: "viewer" | "hr" | "approver" | "admin"): Promise<void> {
  await adminPage.goto("/settings");
  const form = adminPage.getByTestId("grant-role-form");
  await pickPerson(form, mobile, userId);
  await form.locator("select[name=role]").selectOption(role);
  await form.getByRole("button", { name: "授予角色" }).click();
  await expect(adminPage.locator(`[data-testid=role-table] tr[data-userid="${userId}"][data-role=${role}]`)).toBeVisible();
}
