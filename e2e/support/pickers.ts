import { expect, type Locator } from "@playwright/test";

/**
 * Picks a person in the person picker inside `scope`: types `text` (a name, pinyin or mobile)
 * and chooses the option of `userId`. Types again while the synced directory does not list
 * them yet (right after the console starts, the first sync may still be running).
 */
export async function pickPerson(scope: Locator, text: string, userId: string): Promise<void> {
  const box = scope.getByTestId("person-picker").getByRole("combobox");
  const option = scope.locator(`[role=option][data-userid="${userId}"]`);
  await expect(async () => {
    await box.fill("");
    await box.fill(text);
    await expect(option).toBeVisible({ timeout: 6_000 });
  }).toPass({ timeout: 60_000 });
  await option.click();
  await expect(scope.locator(`[data-testid=picked-person][data-userid="${userId}"]`)).toBeVisible();
}
