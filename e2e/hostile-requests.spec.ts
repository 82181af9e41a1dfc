import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { emulatorControl, expectSignedInAs, signInWithMobile } from "./support/console";
import { E2E } from "./support/settings";

// The console tried as a hostile user would: query strings that once answered HTTP 500, a viewer
// recovering a masked mobile through search, and the security headers on every response.
test.describe.configure({ mode: "serial" });

const control = emulatorControl();
let adminPage: Page;

async function signedIn(browser: Browser, mobile: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithMobile(page, mobile);
  await expectSignedInAs(page, name);
  return page;
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  expect(h["content-security-policy"], what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
}

test.beforeAll(async ({ browser }) => {
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  adminPage = await signedIn(browser, admin.mobile, admin.name);
  // Searches need the synced directory. The first sync runs when the console starts; on a busy
  // machine it can fail (a transaction timing out), and then an admin starts one.
  test.setTimeout(240_000);
  await adminPage.goto("/directory/sync");
  const done = adminPage.locator("[data-testid=sync-runs] tr[data-kind=full][data-status=done]");
  try {
    await expect(done.first()).toBeVisible({ timeout: 60_000 });
  } catch {
    await adminPage.reload();
    await adminPage.getByRole("button", { name: "开始同步" }).click();
    await expect(done.first()).toBeVisible({ timeout: 120_000 });
  }
});

test("the sign-in page and a signed-in page carry the security headers; scripts run with the nonce", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const login = await page.goto("/login");
  expectSecurityHeaders(await page.request.get("/login"), "/login");
  const csp = (await login!.allHeaders())["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  // Next put the request's nonce on its scripts, and a fresh one is made per response.
  const scripts = page.locator("script[nonce]");
  expect(await scripts.count()).toBeGreaterThan(0);
  expect(await page.locator("script").evaluateAll((els) => els.filter((e) => !(e as HTMLScriptElement).nonce).length)).toBe(0);
  expect(await scripts.first().evaluate((e) => (e as HTMLScriptElement).nonce)).toBe(nonce);
  const again = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(/'nonce-([^']+)'/.exec(again)![1]).not.toBe(nonce);
  // The whole sign-in still works: scripts ran (the button is a client component) and the
  // browser went to the emulator's login page on its other port and back.
  const org = await control.org();
  const admin = org.admins.find((a) => a.sysLevel === 1) ?? org.admins[0];
  await signInWithMobile(page, admin.mobile);
  await expectSignedInAs(page, admin.name);
  expectSecurityHeaders(await page.request.get("/directory"), "/directory");
  expectSecurityHeaders(await page.request.get("/departments/children"), "/departments/children");
  expectSecurityHeaders(await page.request.get("/api/auth/session"), "/api/auth/session");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expect((await page.request.get(script!)).headers()["x-content-type-options"]).toBe("nosniff");
  expect(violations).toEqual([]);
  await page.context().close();
});

test("no page can frame /settings, not even one of the console's own origin", async () => {
  const page = await adminPage.context().newPage();
  await page.goto("/settings");
  await expect(page.getByTestId("role-table")).toBeVisible();
  await page.goto("/login?framing=1");
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    document.body.append(frame);
  }, `${E2E.baseUrl}/settings`);
  await page.waitForTimeout(2000);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  expect(framed).toBeDefined();
  const roleTables = await framed!.locator("[data-testid=role-table]").count().catch(() => 0);
  expect(roleTables).toBe(0);
  await page.close();
});

test("query strings that once answered 500: pages answer 200, routes 400", async () => {
  const long = "a".repeat(201);
  const pages = [
    `/audit?actor=${long}`,
    `/audit?action=${long}&target=${long}`,
    "/audit?page=1e30",
    "/directory?q=%00",
    "/directory?q=zs%00",
    "/directory?dept=1e30",
    "/directory?dept=99999999999&page=Infinity",
    "/directory?page=1&page=2&sort=mobile&dir=x",
    "/directory/stats?dept=1e30",
    "/directory/stats?dept=-1",
    "/departments?dept=1e30&page=NaN&cursor=-5",
    "/bot/conversations?page=1e30",
    "/bot/conversations?page=Infinity&kind=nope",
    "/directory/leavers?from=%00&to=1e30",
    "/directory/inactive?date=%00",
  ];
  for (const url of pages) {
    const response = await adminPage.request.get(url);
    expect(response.status(), url).toBe(200);
  }
  // A person id that is no id (a broken escape once it is decoded, a NUL): not found, not a crash.
  expect((await adminPage.request.get("/directory/%25E0%25A4%25A")).status()).toBe(404);
  expect((await adminPage.request.get("/directory/%00")).status()).toBe(404);
  expect((await adminPage.request.get("/bot/conversations/%25E0%25A4%25A")).status()).toBe(404);
  // A broken escape in the address itself.
  expect((await adminPage.request.get("/directory/%E0%A4%A")).status()).toBe(404);
  const routes = [
    `/audit/export?actor=${long}`,
    "/audit/export?page=Infinity",
    "/directory/export/csv?q=zs%00",
    "/directory/export/csv?dept=1e30",
    "/directory/export/xlsx?page=1&page=2",
    "/departments/children?parent=1e30",
    "/departments/children?parent=-1",
  ];
  for (const url of routes) {
    const response = await adminPage.request.get(url);
    expect(response.status(), url).toBe(400);
    expect(((await response.json()) as { error: string }).error, url).toMatch(/^Invalid query string: /);
  }
  // Nothing but a NUL is an empty search: the whole directory is exported.
  expect((await adminPage.request.get("/directory/export/csv?q=%00")).status()).toBe(200);
});

test("a viewer cannot recover a masked mobile or email through search; an admin's search can", async ({ browser }) => {
  const { users } = await control.users({ active: true, admin: false, limit: 200 });
  const [viewer, target] = users.filter((u) => u.mobile && u.email).slice(-2);
  // The viewer role, written as the settings page writes it (that page has its own e2e).
  const db = new Database(path.join(E2E.artifacts, "e2e.db"));
  db.prepare(`INSERT OR REPLACE INTO "RoleAssignment" ("userId", "role", "grantedBy", "grantedAt", "note") VALUES (?, 'viewer', 'e2e', ?, ?)`).run(viewer.userId, new Date().toISOString().replace("Z", "+00:00"), viewer.name);
  db.close();
  const page = await signedIn(browser, viewer.mobile, viewer.name);
  const suffix = target.mobile.slice(-4);
  const digit = target.mobile.slice(-5, -4);
  const found = (p: Page) => p.locator(`[data-testid=directory-table] tr[data-userid="${target.userId}"]`);
  // The oracle: "<digit><last four>" for each digit; the right digit used to list the person.
  for (let d = 0; d <= 9; d++) {
    await page.goto(`/directory?q=${d}${suffix}`);
    await expect(page.getByTestId("directory-search")).toBeVisible();
    await expect(found(page), `probe ${d}${suffix}`).toHaveCount(0);
  }
  const local = target.email.slice(0, target.email.indexOf("@") + 1);
  await page.goto(`/directory?q=${encodeURIComponent(local)}`);
  await expect(page.getByTestId("directory-search")).toBeVisible();
  await expect(found(page)).toHaveCount(0);
  // The viewer still finds the person by name; the admin finds them by the same probe.
  await page.goto(`/directory?q=${encodeURIComponent(target.name)}`);
  await expect(found(page)).toBeVisible();
  await adminPage.goto(`/directory?q=${digit}${suffix}`);
  await expect(found(adminPage)).toBeVisible();
  await page.context().close();
});
