import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import { StreamConnection, type StreamEventMessage } from "./connection";

// Approvals announced the way an org receives them: over a Stream connection, not by asking.

const LEAVE = "PROC-7C1E5A2B-LEAVE";

let emu: RunningEmulator;
let client: DingTalkClient;
let connection: StreamConnection;
const received: StreamEventMessage[] = [];

const leaveForm = [
  { name: "请假类型", value: "年假" },
  { name: "开始时间", value: "2025-03-03 09:00" },
  { name: "结束时间", value: "2025-03-04 18:00" },
  { name: "请假天数", value: "2" },
  { name: "请假事由", value: "回老家" },
];

function trail(instanceId: string): string[] {
  return received
    .filter((e) => (e.data as { processInstanceId?: string }).processInstanceId === instanceId)
    .map((e) => {
      const d = e.data as { type: string; staffId?: string; result?: string };
      return [e.eventType, d.type, d.result ?? ""].join(" ").trim();
    });
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(received.map((e) => e.eventType))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Two named approvers in sequence (AND), so the test controls who approves. */
async function twoApprovers(): Promise<{ originator: string; first: string; second: string }> {
  const { users } = await new EmulatorControl(emu.url, emu.controlToken).users({ active: true, admin: false, limit: 3 });
  return { originator: users[0].userId, first: users[1].userId, second: users[2].userId };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 60, seed: 11 });
  client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url });
  connection = new StreamConnection({ stream: client.stream, reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
  connection.onEvent("*", (event) => {
    if (event.eventType.startsWith("bpms_")) received.push(event);
    return "SUCCESS";
  });
  await connection.start();
});

afterAll(async () => {
  await connection?.close();
  await emu?.close();
});

describe("approval events over Stream", () => {
  it("announce an approval taken through two approvers to COMPLETED, in order", async () => {
    const { originator, first, second } = await twoApprovers();
    const id = await client.workflow.startInstance({
      processCode: LEAVE,
      originatorUserId: originator,
      formComponentValues: leaveForm,
      approvers: [
        { actionType: "AND", userIds: [first] },
        { actionType: "AND", userIds: [second] },
      ],
    });
    for (const approver of [first, second]) {
      const instance = await client.workflow.getInstance(id);
      const task = instance.tasks.find((t) => t.userId === approver && t.status === "RUNNING");
      expect(task, `a running task for ${approver}`).toBeDefined();
      await client.workflow.execute({ processInstanceId: id, taskId: task!.taskId, actionerUserId: approver, result: "agree" });
    }
    expect((await client.workflow.getInstance(id)).status).toBe("COMPLETED");
    await waitFor(() => trail(id).includes("bpms_instance_change finish agree"), "the finish event");
    expect(trail(id)).toEqual([
      "bpms_instance_change start",
      "bpms_task_change start",
      "bpms_task_change finish agree",
      "bpms_task_change start",
      "bpms_task_change finish agree",
      "bpms_instance_change finish agree",
    ]);
    const finish = received.find((e) => e.eventType === "bpms_instance_change" && (e.data as { type: string }).type === "finish")!;
    expect(finish.eventCorpId).toBe(emu.corpId);
    expect(finish.eventId).toBeTruthy();
  });

  it("announce a terminated approval", async () => {
    const { originator, first } = await twoApprovers();
    const id = await client.workflow.startInstance({ processCode: LEAVE, originatorUserId: originator, formComponentValues: leaveForm, approvers: [{ actionType: "AND", userIds: [first] }] });
    await client.workflow.terminate({ processInstanceId: id, isSystem: false, remark: "不请了", operatingUserId: originator });
    expect((await client.workflow.getInstance(id)).status).toBe("TERMINATED");
    await waitFor(() => trail(id).some((t) => t.startsWith("bpms_instance_change terminate")), "the terminate event");
    expect(trail(id)[0]).toBe("bpms_instance_change start");
    expect(trail(id)).toContain("bpms_task_change cancel");
  });
});
