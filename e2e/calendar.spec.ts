import { expect, test, type Browser, type Page } from "@playwright/test";
import { CalendarControl } from "../emulator/control/calendar-client";
import { demoEmulator, emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";
import { pickPerson } from "./support/pickers";

// One story: an admin schedules a weekly meeting with two colleagues, sees it in the week view and
// drags it to the afternoon (the emulator holds the new time), finds a time free for all three,
// deletes the meeting after being asked; a viewer is refused someone else's calendar.
test.describe.configure({ mode: "serial" });
// Tall enough that the week view's afternoon is on screen for the drag.
test.use({ viewport: { width: 1400, height: 1500 } });

const control = emulatorControl();
const demo = demoEmulator();
const calendar = new CalendarControl(demo.emulatorUrl, demo.controlToken);
type Person = { userId: string; unionId: string; name: string; mobile: string };
let admin: Person;
let guests: Person[];
let viewer: Person;
let page: Page;
const title = `季度周会 ${Date.now().toString(36)}`;
// Today in Shanghai, the week the calendar opens on.
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function meetingInEmulator() {
  return (await calendar.events(admin.unionId)).find((e) => e.summary === title);
}

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const first = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  const { users } = await control.users({ active: true, limit: 40 });
  admin = users.find((u) => u.userId === first.userId) as Person;
  const others = users.filter((u) => !u.admin) as Person[];
  guests = others.slice(10, 12);
  viewer = others[13];
  page = await newPage(browser);
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
});

test("a weekly meeting with two attendees is created, shown in the week view and moved by dragging", async () => {
  await page.getByRole("link", { name: "日程" }).click();
  await expect(page.getByTestId("calendar-view")).toBeVisible();
  await page.getByTestId("new-event").click();
  const dialog = page.getByTestId("event-dialog");
  // The form's own checks first: an empty title and an end before the start, on their fields.
  await dialog.locator("input[name=start]").fill(`${today}T10:00`);
  await dialog.locator("input[name=end]").fill(`${today}T09:00`);
  await dialog.getByTestId("save-event").click();
  await expect(dialog.getByTestId("title-error")).toContainText("请填写标题");
  await expect(dialog.getByTestId("end-error")).toContainText("结束必须晚于开始");

  await dialog.locator("input[name=title]").fill(title);
  await dialog.locator("input[name=end]").fill(`${today}T11:00`);
  await dialog.locator("select[name=repeat]").selectOption("weekly");
  for (const guest of guests) await pickPerson(dialog.getByTestId("attendees-field"), guest.name, guest.userId);
  await dialog.getByTestId("save-event").click();
  await expect(dialog).toBeHidden();

  const held = await meetingInEmulator();
  expect(held?.recurrence?.pattern).toMatchObject({ type: "weekly" });
  expect(held?.attendees.map((a) => a.id).sort()).toEqual(guests.map((g) => g.unionId).sort());
  expect(held?.start.dateTime).toBe(`${today}T10:00:00+08:00`);

  const event = page.locator(`[data-testid=calendar-event][data-title="${title}"]`);
  await expect(event).toHaveCount(1);
  await expect(event).toContainText("10:00");

  // Dragged by its top edge to the 14:00 line of the same day.
  const from = (await event.boundingBox())!;
  const column = (await page.locator(`td.fc-timegrid-col[data-date="${today}"]`).boundingBox())!;
  const lane = (await page.locator(`td.fc-timegrid-slot-lane[data-time="14:00:00"]`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 4);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + 30, { steps: 5 });
  await page.mouse.move(column.x + column.width / 2, lane.y + 4, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByText("整个系列的时间")).toBeVisible();
  await expect.poll(async () => (await meetingInEmulator())?.start.dateTime).toBe(`${today}T14:00:00+08:00`);
  expect((await meetingInEmulator())?.end.dateTime).toBe(`${today}T15:00:00+08:00`);
  await expect(event).toContainText("14:00");
});

test("the free-time finder proposes a slot the emulator's schedules show free for all", async () => {
  const finder = page.getByTestId("free-time-finder");
  for (const guest of guests) await pickPerson(finder, guest.name, guest.userId);
  await finder.locator("select[name=minutes]").selectOption("60");
  await finder.getByTestId("find-free-time").click();
  const first = finder.getByTestId("free-slot").first();
  await expect(first).toBeVisible();
  const slot = { start: Date.parse((await first.getAttribute("data-start"))!), end: Date.parse((await first.getAttribute("data-end"))!) };
  expect(slot.end - slot.start).toBe(3600_000);
  const startTime = `${today}T00:00:00+08:00`;
  const endTime = new Date(slot.end + 86_400_000).toISOString();
  const schedules = await calendar.schedule([admin, ...guests].map((p) => p.unionId), startTime, endTime);
  const busy = schedules.flatMap((s) => s.scheduleItems.map((i) => ({ start: Date.parse(i.start.dateTime ?? `${i.start.date}T00:00:00+08:00`), end: Date.parse(i.end.dateTime ?? `${i.end.date}T00:00:00+08:00`) })));
  // The weekly meeting is among them; the slot overlaps nobody's busy time.
  expect(busy.length).toBeGreaterThan(0);
  expect(busy.filter((b) => overlaps(b, slot))).toEqual([]);
  const local = new Date(slot.start + 8 * 3600_000);
  expect(local.getUTCHours()).toBeGreaterThanOrEqual(9);
  expect(local.getUTCHours() * 60 + local.getUTCMinutes() + 60).toBeLessThanOrEqual(18 * 60);

  // Picking it opens a new event at that time with the attendees chosen.
  await first.getByRole("button", { name: "用这个时间" }).click();
  const dialog = page.getByTestId("event-dialog");
  await expect(dialog.locator("input[name=start]")).toHaveValue(local.toISOString().slice(0, 16));
  for (const guest of guests) await expect(dialog.locator(`[data-testid=picked-person][data-userid="${guest.userId}"]`)).toBeVisible();
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
});

test("deleting the meeting asks first and says the attendees are told", async () => {
  await page.locator(`[data-testid=calendar-event][data-title="${title}"]`).click();
  const dialog = page.getByTestId("event-dialog");
  await expect(dialog.locator("input[name=title]")).toHaveValue(title);
  await dialog.getByRole("button", { name: "删除" }).click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm).toContainText("通知所有参与人");
  await confirm.getByRole("button", { name: "取消" }).click();
  await expect(confirm).toBeHidden();
  expect((await meetingInEmulator())?.status).toBe("confirmed");

  await dialog.getByRole("button", { name: "删除" }).click();
  await confirm.getByRole("button", { name: "删除并通知参与人" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(meetingInEmulator).toBeUndefined();
  await expect(page.locator(`[data-testid=calendar-event][data-title="${title}"]`)).toHaveCount(0);
});

test("a viewer opens their own calendar and is refused another person's", async ({ browser }) => {
  await page.goto("/settings");
  const form = page.getByTestId("grant-role-form");
  await pickPerson(form, viewer.name, viewer.userId);
  await form.locator("select[name=role]").selectOption("viewer");
  await form.getByRole("button", { name: "授予角色" }).click();
  await expect(page.locator(`[data-testid=role-table] tr[data-userid="${viewer.userId}"][data-role=viewer]`)).toBeVisible();

  const viewerPage = await newPage(browser);
  await signInWithMobile(viewerPage, viewer.mobile);
  await expectSignedInAs(viewerPage, viewer.name);
  await viewerPage.goto("/calendar");
  await expect(viewerPage.getByTestId("calendar-view")).toHaveAttribute("data-person", viewer.userId);
  await expect(viewerPage.getByText("查看谁的日程")).toHaveCount(0);
  const refused = await viewerPage.goto(`/calendar?person=${admin.userId}`);
  expect(refused?.status()).toBe(403);
  await expect(viewerPage.getByTestId("forbidden")).toBeVisible();
  // The events route refuses the same.
  const direct = await viewerPage.request.get(`/calendar/events?person=${admin.userId}&from=${encodeURIComponent(`${today}T00:00:00+08:00`)}&to=${encodeURIComponent(`${today}T23:00:00+08:00`)}`);
  expect(direct.status()).toBe(403);
});
