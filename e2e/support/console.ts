import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { EmulatorControl } from "../../emulator/control-client";
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
