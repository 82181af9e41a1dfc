import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { StreamControl } from "@/emulator/control/stream-client";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { DingTalkCallbackCrypto } from "@/lib/dingtalk/callback-crypto";
import { eventually, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { answerCallbackRequest } from "@/lib/stream/bridge/callback";
import { approvalEventListener } from "./events";
import { clearApprovals } from "./testing/emulator-approvals";

// Approval changes delivered the HTTP way (DingTalk's encrypted, signed POST to
// /api/dingtalk/callback, here the route's own answer behind a plain HTTP server): each change
// reaches the index with exactly one detail call, and nothing else asks DingTalk.

vi.setConfig({ testTimeout: 60_000 });

const TOKEN = "approvals-callback-token";
const AES_KEY = "b".repeat(43);
const DETAIL = "GET /v1.0/workflow/processInstances";
const GENERAL = "PROC-5E02B8D1-GENERAL";

describeEachDatabase("approval changes by HTTP callback", ({ db }) => {
  let org: EmulatorOrg;
  let server: Server;

  beforeEach(async () => {
    await clearApprovals(db());
    org = await startEmulatorOrg({ users: 40, departments: 6, seed: 9 });
    const crypto = new DingTalkCallbackCrypto(TOKEN, AES_KEY, org.emu.appKey);
    // As app/api/dingtalk/callback/route.ts wires it: the approvals index's listener behind the callback answer.
    const listeners = [approvalEventListener(() => ({ db: db(), client: org.client }))];
    server = createServer((req, res) => {
      const headers = new Headers();
      for (const name of ["content-type", "content-length"]) if (typeof req.headers[name] === "string") headers.set(name, req.headers[name]);
      const request = new Request(new URL(req.url ?? "/", "http://127.0.0.1"), { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
      void answerCallbackRequest(request, { crypto, db: db(), eventListeners: listeners }).then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/dingtalk/callback`;
    await new StreamControl(org.emu.url, org.emu.controlToken).registerCallback({ url, token: TOKEN, aesKey: AES_KEY });
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await org.close();
  });

  it("a started, then agreed approval reaches the index through the callback, one detail call per change", async () => {
    const w = org.client.workflow;
    const { users } = await org.control.users({ limit: 40 });
    await org.control.resetStats();
    let id: string | undefined;
    for (const u of users.filter((x) => x.active)) {
      try {
        id = await w.startInstance({ processCode: GENERAL, originatorUserId: u.userId, formComponentValues: [{ name: "申请内容", value: "经回调进入索引" }] });
        break;
      } catch {
        // Someone the template does not suit (no manager to approve): the next person.
      }
    }
    expect(id).toBeDefined();
    // The start announces itself twice (the instance and its first task): one detail call for both.
    await eventually(async () => expect(await db().approvalInstance.findUnique({ where: { processInstanceId: id! } })).toMatchObject({ status: "RUNNING", processCode: GENERAL }));
    await new Promise((r) => setTimeout(r, 500));
    expect((await org.control.stats()).calls[DETAIL]).toBe(1);
    const row = await db().approvalInstance.findUniqueOrThrow({ where: { processInstanceId: id! } });
    expect(row.searchText).toContain("经回调进入索引");

    // The first approver agrees in DingTalk: the index learns it from the callback alone.
    const task = await db().approvalTask.findFirstOrThrow({ where: { processInstanceId: id!, status: "RUNNING" } });
    await w.execute({ processInstanceId: id!, taskId: Number(task.taskId), actionerUserId: task.userId, result: "agree", remark: "回调同意" });
    await eventually(async () => {
      const ops = await db().approvalOperation.findMany({ where: { processInstanceId: id! }, orderBy: { seq: "asc" } });
      expect(ops.map((o) => o.remark)).toContain("回调同意");
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await org.control.stats()).calls[DETAIL]).toBe(2);
    const after = await db().approvalTask.findUniqueOrThrow({ where: { taskId: task.taskId } });
    expect(after).toMatchObject({ status: "COMPLETED", result: "AGREE" });

    const { deliveries } = await new StreamControl(org.emu.url, org.emu.controlToken).callbackDeliveries();
    const approvalDeliveries = deliveries.filter((d) => d.eventType.startsWith("bpms_"));
    expect(approvalDeliveries.length).toBeGreaterThanOrEqual(3);
    expect(approvalDeliveries.every((d) => d.ok)).toBe(true);
  });
});
