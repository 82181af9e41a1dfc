import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, describeDingTalkError, type DingTalkClient } from "@/lib/dingtalk";
import { checkDingTalkConnection } from "./connection-check";
import { countDepartments, getOrgFigures } from "./figures";
import { loadDepartmentView } from "./department-view";
import { resolvePerson } from "./resolve-person";

let emu: RunningEmulator;
let control: EmulatorControl;
let client: DingTalkClient;

function clientFor(e: RunningEmulator, secret = e.appSecret): DingTalkClient {
  return createDingTalkClient({ appKey: e.appKey, appSecret: secret, oapiBase: e.url, apiBase: e.url, loginBase: e.url });
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 200, seed: 7 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  client = clientFor(emu);
});

afterAll(async () => {
  await emu?.close();
});

describe("org figures against the emulator", () => {
  it("match the emulator's own counts", async () => {
    const org = await control.org();
    const figures = await getOrgFigures(client);
    expect(figures).toMatchObject({ people: org.userCount, activePeople: org.activeUserCount, departments: org.departmentCount });
    expect(await countDepartments(client)).toBe(org.departmentCount);
  });

  it("take the department count from the synced directory when there is one, without walking DingTalk's tree", async () => {
    const org = await control.org();
    await control.resetStats();
    const fromDirectory = await getOrgFigures(clientFor(emu), { syncedDepartments: async () => 42 });
    expect(fromDirectory).toMatchObject({ people: org.userCount, activePeople: org.activeUserCount, departments: 42 });
    expect((await control.stats()).calls["POST /topapi/v2/department/listsubid"] ?? 0).toBe(0);
    // Before the first full sync there is none: the tree is walked.
    const walked = await getOrgFigures(clientFor(emu), { syncedDepartments: async () => null });
    expect(walked.departments).toBe(org.departmentCount);
    expect((await control.stats()).calls["POST /topapi/v2/department/listsubid"]).toBeGreaterThan(0);
  });

  it("name the refused credential when the app secret is wrong", async () => {
    const wrong = clientFor(emu, "not-the-secret");
    const error = await getOrgFigures(wrong).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(describeDingTalkError(error, "zh-CN")).toContain("DINGTALK_APP_SECRET");
    expect(describeDingTalkError(error, "en")).toContain("DINGTALK_APP_SECRET");
  });
});

describe("department view", () => {
  it("shows the path from the root and the children of a department", async () => {
    const root = await loadDepartmentView(client, 1, 0);
    expect(root.path.map((d) => d.deptId)).toEqual([1]);
    expect(root.children.length).toBeGreaterThan(0);
    const child = root.children[0];
    const view = await loadDepartmentView(client, child.deptId, 0);
    expect(view.path.map((d) => d.deptId)).toEqual([1, child.deptId]);
    expect(view.path[1].name).toBe(child.name);
  });
});

describe("resolvePerson", () => {
  it("finds a person by userId, by mobile and by exact name, and says when no one matches", async () => {
    const { users } = await control.users({ limit: 3 });
    const someone = users[0];
    const byId = await resolvePerson(client, someone.userId);
    expect(byId.ok && byId.user.userId).toBe(someone.userId);
    const byMobile = await resolvePerson(client, someone.mobile);
    expect(byMobile.ok && byMobile.user.userId).toBe(someone.userId);
    const byName = await resolvePerson(client, someone.name);
    if (byName.ok) expect(byName.user.name).toBe(someone.name);
    else expect(byName.candidates.map((c) => c.userId)).toContain(someone.userId);
    const nobody = await resolvePerson(client, "完全不存在的人");
    expect(nobody).toEqual({ ok: false, reason: "not-found", candidates: [] });
  });
});

describe("connection check shown on the sign-in page", () => {
  it("passes with the right credentials and names the refused secret otherwise", async () => {
    expect(await checkDingTalkConnection(client, "en")).toEqual({ ok: true });
    const wrong = clientFor(emu, "wrong-secret");
    const status = await checkDingTalkConnection(wrong, "zh-CN");
    expect(status.ok).toBe(false);
    expect(!status.ok && status.message).toContain("DINGTALK_APP_SECRET");

    // The next visits within half a minute are told the same without asking DingTalk again.
    await control.resetStats();
    const again = await checkDingTalkConnection(wrong, "en");
    expect(!again.ok && again.message).toContain("DINGTALK_APP_SECRET");
    expect(Object.values((await control.stats()).calls).reduce((n, c) => n + c, 0)).toBe(0);
    await checkDingTalkConnection(wrong, "en", Date.now() + 31_000);
    expect(Object.values((await control.stats()).calls).reduce((n, c) => n + c, 0)).toBeGreaterThan(0);
  });

  it("says DingTalk cannot be reached when nothing answers", async () => {
    const down = createDingTalkClient({ appKey: "k", appSecret: "s", oapiBase: "http://127.0.0.1:9", apiBase: "http://127.0.0.1:9", loginBase: "http://127.0.0.1:9", retry: { attempts: 1 } });
    const status = await checkDingTalkConnection(down, "en");
    expect(status.ok).toBe(false);
    expect(!status.ok && status.message).toContain("127.0.0.1:9");
  });
});
