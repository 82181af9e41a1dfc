import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmulatorControl, type OrgUserRow } from "@/emulator/control-client";
import { MessagingControl } from "@/emulator/control/messaging-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient } from "@/lib/dingtalk";
import { StreamControl } from "@/emulator/control/stream-client";
import { runCli } from "./run";

// `spawnCli` runs the real command (`node bin/dingtalk.mjs …`) against an emulator in this process,
// from an empty working directory so that no .env of the project leaks in: at least one command of
// every group and every error code go through it. A process costs about a second of CPU, so the
// other commands of a group run through the same entry point in this process (`runInProcess`).

const BIN = resolve(import.meta.dirname, "../bin/dingtalk.mjs");
const LEAVE = "PROC-7C1E5A2B-LEAVE";
const DAY_MS = 86_400_000;

interface Run {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  // The parsed JSON document; the tests read into it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

let emu: RunningEmulator;
let control: EmulatorControl;
let messaging: MessagingControl;
let workDir: string;
let users: OrgUserRow[];
/** Someone below a manager, so an approval they start has an approver. */
let staff: OrgUserRow;
let appEnv: Record<string, string>;

function parse(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

function spawnCli(args: string[], env: Record<string, string | undefined> = appEnv, cwd = workDir): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (exitCode) => done({ exitCode, stdout, stderr, json: parse(stdout) }));
  });
}

async function runInProcess(args: string[], env: Record<string, string | undefined> = appEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { exitCode, stdout, stderr, json: parse(stdout) };
}

function ok(run: Run) {
  if (run.exitCode !== 0 || run.json?.success !== true) throw new Error(`expected success, got exit ${run.exitCode}: ${run.stdout}${run.stderr}`);
  return run.json.data;
}

function failed(run: Run, code: string, exitCode = 1) {
  expect(run.json, run.stdout + run.stderr).toMatchObject({ success: false, error: { code } });
  expect(typeof run.json.error.message).toBe("string");
  expect(run.exitCode).toBe(exitCode);
  return run.json.error as { code: string; message: string; details?: Record<string, unknown> };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 80, seed: 7 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  messaging = new MessagingControl(emu.url, emu.controlToken);
  workDir = await mkdtemp(join(tmpdir(), "dingtalk-cli-"));
  users = (await control.users({ limit: 80 })).users;
  const found = users.find((u) => u.active && !u.deptIdList.includes(1) && !u.userId.startsWith("manager"));
  if (!found) throw new Error("the seeded org has no staff member below a manager");
  staff = found;
  appEnv = {
    DINGTALK_APP_KEY: emu.appKey,
    DINGTALK_APP_SECRET: emu.appSecret,
    DINGTALK_AGENT_ID: emu.agentId,
    DINGTALK_OAPI_BASE: emu.url,
    DINGTALK_API_BASE: emu.url,
    DINGTALK_LOGIN_BASE: emu.url,
  };
});

afterAll(async () => {
  await emu?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

afterEach(async () => {
  await control.clearFaults();
});

describe("dingtalk CLI: successes", () => {
  it("answers the people and department commands with the org's data", async () => {
    const person = staff;
    const dept = person.deptIdList[0];
    const summary = await control.org();
    const [user, search, byMobile, byUnion, members, department, subs, parents, parentsOfUser, deptSearch, active] = await Promise.all([
      spawnCli(["get-user", person.userId]),
      runInProcess(["search-user", person.name, "--size", "5"]),
      runInProcess(["get-user-by-mobile", person.mobile]),
      runInProcess(["unionid-to-userid", person.unionId]),
      runInProcess(["list-department-users", String(dept)]),
      runInProcess(["get-department", String(dept)]),
      runInProcess(["list-sub-departments", "1"]),
      runInProcess(["list-parent-departments", String(dept)]),
      runInProcess(["list-parent-departments", "--user", person.userId]),
      runInProcess(["search-department", "部"]),
      runInProcess(["org-user-count", "--active"]),
    ]);
    expect(ok(user)).toMatchObject({ userId: person.userId, unionId: person.unionId, name: person.name });
    expect(ok(search).userIds).toContain(person.userId);
    expect(ok(byMobile)).toEqual({ mobile: person.mobile, userId: person.userId });
    expect(ok(byUnion)).toMatchObject({ unionId: person.unionId, userId: person.userId });
    const listed = ok(members);
    expect(listed.count).toBe(listed.users.length);
    expect(listed.users.map((u: { userId: string }) => u.userId)).toContain(person.userId);
    expect(ok(department).deptId).toBe(dept);
    expect(ok(subs).departments.every((d: { parentId: number }) => d.parentId === 1)).toBe(true);
    const chain = ok(parents).parentIds;
    expect([chain[0], chain.at(-1)]).toEqual([dept, 1]);
    expect(ok(parentsOfUser).parentIdLists[0]).toEqual(chain);
    expect(ok(deptSearch).deptIds.length).toBeGreaterThan(0);
    expect(ok(active)).toEqual({ onlyActive: true, count: summary.activeUserCount });
  });

  it("lists who did not sign in on a day and who left the org", async () => {
    const yesterday = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const inactive = ok(await runInProcess(["list-inactive-users", yesterday]));
    expect(inactive.count).toBe(inactive.userIds.length);
    expect(inactive.count).toBeGreaterThan(0);
    const known = new Set(users.map((u) => u.userId));
    expect(inactive.userIds.every((id: string) => known.has(id))).toBe(true);
    failed(await runInProcess(["list-inactive-users", "2026-13-40"]), "INVALID_ARGUMENTS", 2);

    const leaver = users.find((u) => u.userId !== staff.userId && !u.admin)!;
    await new StreamControl(emu.url, emu.controlToken).removeUser(leaver.userId);
    const leavers = ok(await runInProcess(["list-leavers", "--from", String(Date.now() - 3_600_000)]));
    expect(leavers.records.map((r: { userId: string }) => r.userId)).toContain(leaver.userId);
    await control.reset();
  });

  it("sends robot, group, work-notification and webhook messages that the emulator records", async () => {
    const client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url });
    const members = users.filter((u) => u.active).slice(0, 3).map((u) => u.userId);
    const chat = await client.chat.create({ name: "CLI 测试群", owner: members[0], userIds: members });
    const hook = await messaging.createCustomRobot({ name: "CLI webhook", security: { secret: true } });

    const [oto, group, bots, notice, webhook] = await Promise.all([
      runInProcess(["send-user-message", members.join(","), emu.appKey, "CLI 单聊"]),
      runInProcess(["send-group-message", chat.openConversationId, emu.appKey, "CLI 群聊", "--title", "通知"]),
      runInProcess(["list-group-bots", chat.openConversationId]),
      spawnCli(["send-work-notification", "CLI 工作通知", "--users", members.join(",")]),
      // A custom robot needs no app credentials.
      spawnCli(["webhook-send", hook.webhookUrl, "CLI webhook", "--secret", hook.secret ?? ""], { PATH: process.env.PATH }),
    ]);
    expect(ok(oto).processQueryKey).toBeTruthy();
    expect(ok(group).processQueryKey).toBeTruthy();
    expect(ok(bots).bots.map((b: { robotCode: string }) => b.robotCode)).toContain(emu.appKey);
    const taskId = ok(notice).taskId;
    expect(ok(webhook)).toEqual({ sent: true, msgtype: "text" });

    const progress = ok(await runInProcess(["work-notification-progress", String(taskId), "--result"]));
    expect(progress.taskId).toBe(taskId);
    expect(progress.progress.status).toBeGreaterThanOrEqual(0);
    expect(progress.result).toHaveProperty("unreadUserIds");

    const logged = JSON.stringify(await messaging.messages());
    for (const text of ["CLI 单聊", "CLI 群聊", "CLI 工作通知", "CLI webhook"]) expect(logged).toContain(text);
  });

  it("starts, reads, comments on, lists and terminates an approval", async () => {
    const form = JSON.stringify({ 请假类型: "年假", 开始时间: "2026-03-02 09:00", 结束时间: "2026-03-03 18:00", 请假天数: "2", 请假事由: "CLI 测试" });
    const since = (await control.clock()) - DAY_MS;
    const { processInstanceId: id } = ok(await spawnCli(["start-approval", LEAVE, staff.userId, "--form", form]));
    expect(id).toBeTruthy();
    const [comment, listed, before] = await Promise.all([
      runInProcess(["comment-approval", id, staff.userId, "请审批"]),
      runInProcess(["list-approvals", LEAVE, "--users", staff.userId, "--from", String(since), "--to", String(since + 2 * DAY_MS)]),
      runInProcess(["get-approval", id]),
    ]);
    expect(ok(comment)).toEqual({ processInstanceId: id, commented: true });
    expect(ok(listed).processInstanceIds).toContain(id);
    const running = ok(before);
    expect(running.status).toBe("RUNNING");
    expect(running.formComponentValues).toContainEqual(expect.objectContaining({ name: "请假事由", value: "CLI 测试" }));
    const approver = running.tasks.find((t: { status: string }) => t.status === "RUNNING").userId;
    expect(ok(await runInProcess(["todo-count", approver])).count).toBeGreaterThanOrEqual(1);

    expect(ok(await runInProcess(["terminate-approval", id, "--operator", staff.userId, "--remark", "不需要了"]))).toEqual({ processInstanceId: id, terminated: true });
    expect(ok(await runInProcess(["get-approval", id])).status).toBe("TERMINATED");
  });

  it("creates and lists calendar events, reads attendance, browses and reads documents", async () => {
    const admin = (await control.org()).admins[0];
    const [event, attendance, workspaces, stream] = await Promise.all([
      spawnCli(["create-event", staff.unionId, "CLI 周会", "--start", "2026-03-02T10:00:00+08:00", "--end", "2026-03-02T11:00", "--attendees", admin.unionId]),
      runInProcess(["attendance", `${staff.userId},${admin.userId}`, "--from", "2026-03-02", "--to", "2026-03-10"]),
      runInProcess(["list-workspaces"], { ...appEnv, DINGTALK_OPERATOR_ID: admin.unionId }),
      spawnCli(["stream-check"]),
    ]);
    const created = ok(event);
    expect(created.end.dateTime).toBe("2026-03-02T11:00:00+08:00");
    const report = ok(attendance);
    // Nine days for two people: two 7-day windows, every result about one of them.
    expect(report.windows).toBe(2);
    expect(report.count).toBe(report.results.length);
    expect(report.results.every((r: { userId: string }) => [staff.userId, admin.userId].includes(r.userId))).toBe(true);
    const spaces = ok(workspaces).workspaces;
    expect(spaces.length).toBeGreaterThan(0);
    expect(ok(stream).connected).toBe(true);

    const [events, nodes] = await Promise.all([
      runInProcess(["list-events", staff.unionId, "--from", "2026-03-02", "--to", "2026-03-03"]),
      runInProcess(["list-nodes", "--workspace", spaces[0].workspaceId, "--operator", admin.unionId]),
    ]);
    expect(ok(events).events.map((e: { id: string }) => e.id)).toContain(created.id);
    const doc = ok(nodes).nodes.find((n: { type: string; extension?: string }) => n.type === "FILE" && n.extension === "adoc");
    expect(doc).toBeDefined();
    const read = ok(await runInProcess(["read-doc", doc.url, "--operator", admin.unionId]));
    expect(read.docKey).toBe(doc.nodeId);
    expect(read.markdown).toMatch(/^# /);
  });
});

describe("dingtalk CLI: failures", () => {
  it("reports missing credentials, naming the variable, and bad arguments with exit 2 and the usage", async () => {
    const [none, noSecret, missingArg, badNumber, unknown, badOption] = await Promise.all([
      spawnCli(["get-user", "x"], { PATH: process.env.PATH }),
      runInProcess(["get-user", "x"], { ...appEnv, DINGTALK_APP_SECRET: undefined }),
      spawnCli(["get-user"]),
      runInProcess(["list-department-users", "abc"]),
      runInProcess(["get-usr", "x"]),
      runInProcess(["org-user-count", "--actve"]),
    ]);
    expect(failed(none, "MISSING_CREDENTIALS").message).toMatch(/DINGTALK_APP_KEY and DINGTALK_APP_SECRET/);
    const secret = failed(noSecret, "MISSING_CREDENTIALS");
    expect(secret.message).toMatch(/DINGTALK_APP_SECRET is not set/);
    expect(secret.message).not.toMatch(/DINGTALK_APP_KEY/);
    expect(failed(missingArg, "INVALID_ARGUMENTS", 2).message).toMatch(/<userId> is required.*Usage: dingtalk get-user <userId>/);
    expect(failed(badNumber, "INVALID_ARGUMENTS", 2).message).toMatch(/<deptId> must be a whole number/);
    expect(failed(unknown, "INVALID_ARGUMENTS", 2).message).toMatch(/did you mean get-user/);
    expect(failed(badOption, "INVALID_ARGUMENTS", 2).message).toMatch(/unknown option --actve/);
  });

  it("tells a refused secret, a missing permission and other DingTalk errors apart", async () => {
    await control.addFault({ path: "/topapi/v2/user/get", error: { errcode: 60011, errmsg: "应用没有权限" } });
    await control.addFault({ path: "/v1.0/contact/users/search", error: { status: 403, code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "没有调用该接口的权限" } });
    await control.addFault({ path: "/topapi/v2/department/get", error: { errcode: 400002, errmsg: "无效的参数" } });
    const [wrongSecret, deniedOapi, deniedApi, unknown, streamRefused] = await Promise.all([
      spawnCli(["get-user", staff.userId], { ...appEnv, DINGTALK_APP_SECRET: "not-the-secret" }),
      spawnCli(["get-user", staff.userId]),
      runInProcess(["search-user", staff.name]),
      spawnCli(["get-department", "1"]),
      spawnCli(["stream-check"], { ...appEnv, DINGTALK_APP_SECRET: "not-the-secret" }),
    ]);
    expect(failed(wrongSecret, "AUTH_FAILED").message).toMatch(/DINGTALK_APP_SECRET/);
    expect(failed(deniedOapi, "PERMISSION_DENIED").details).toMatchObject({ dingtalkCode: "60011" });
    expect(failed(deniedApi, "PERMISSION_DENIED").details).toMatchObject({ httpStatus: 403 });
    const other = failed(unknown, "UNKNOWN_ERROR");
    expect(other.message).toContain("400002");
    expect(other.message).toContain(String(other.details?.requestId));
    expect(failed(streamRefused, "STREAM_CONNECTION_FAILED").message).toMatch(/clientSecret|clientId/);
  });

  it("tells the monthly quota and a QPS refusal apart from a missing permission, in both hosts' spellings", async () => {
    await control.addFault({ path: "/topapi/v2/user/get", error: { errcode: 90020, errmsg: "您的企业本月api调用量已超过限制" } });
    await control.addFault({ path: "/v1.0/contact/users/search", error: { status: 403, code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "api count limit" } });
    const [quotaOapi, quotaApi] = await Promise.all([spawnCli(["get-user", staff.userId]), runInProcess(["search-user", staff.name])]);
    expect(failed(quotaOapi, "QUOTA_EXCEEDED").details).toMatchObject({ dingtalkCode: "90020" });
    expect(failed(quotaApi, "QUOTA_EXCEEDED").details).toMatchObject({ httpStatus: 403 });
    // A QPS refusal that outlasts the retries: every attempt refused.
    await control.addFault({ path: "/topapi/v2/department/get", times: 100, error: { errcode: 88, sub_code: "90018", sub_msg: "请求太频繁" } });
    failed(await spawnCli(["get-department", "1"]), "RATE_LIMITED");
  });

  it("reports an unreachable Stream gateway as STREAM_CONNECTION_FAILED", async () => {
    const run = await runInProcess(["stream-check", "--timeout-ms", "2000"], { ...appEnv, DINGTALK_API_BASE: "http://127.0.0.1:1" });
    failed(run, "STREAM_CONNECTION_FAILED");
  });
});

describe("dingtalk CLI: help, debug and .env", () => {
  it("prints help as text with exit 0", async () => {
    const [all, one] = await Promise.all([spawnCli(["--help"]), spawnCli(["send-work-notification", "--help"])]);
    expect(all.exitCode).toBe(0);
    for (const name of ["get-user", "list-department-users", "start-approval", "read-doc", "webhook-send", "stream-check"]) expect(all.stdout).toContain(name);
    expect(one.exitCode).toBe(0);
    expect(one.stdout).toContain("Usage: dingtalk send-work-notification <content>");
    expect(one.stdout).toContain("--users <users>");
  });

  it("logs requests and responses to stderr with --debug, secrets redacted, stdout still one JSON document", async () => {
    const run = await spawnCli(["get-user", staff.userId, "--debug"]);
    expect(ok(run).userId).toBe(staff.userId);
    expect(run.stderr).toContain('"kind":"request"');
    expect(run.stderr).toContain('"kind":"response"');
    expect(run.stderr).toContain("/topapi/v2/user/get");
    expect(run.stderr).not.toContain(emu.appSecret);
    expect(run.stderr).toContain("redacted");
  });

  it("reads credentials from .env in the working directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dingtalk-cli-env-"));
    try {
      await writeFile(join(dir, ".env"), Object.entries(appEnv).map(([k, v]) => `${k}=${v}`).join("\n"));
      const run = await spawnCli(["org-user-count"], { PATH: process.env.PATH }, dir);
      expect(ok(run).count).toBe((await control.org()).userCount);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
