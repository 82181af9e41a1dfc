import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DingTalkCallbackCrypto } from "../../lib/dingtalk/callback-crypto";
import { StreamControl } from "../control/stream-client";
import { EmulatorControlError } from "../control-client";
import { EventBus } from "./bus";
import { startTestEmulator, type TestEmulator } from "../testing";

const token = "callbackToken42";
const aesKey = "q3Lm8Zx1Vb6Nc0Kd5Jf2Hg7Ts9Rw4Ye1Ua8Io3Pp6Ek";

interface Received {
  query: URLSearchParams;
  event: Record<string, unknown>;
}

/** A callback receiver as an app would write it: verify, decrypt, answer the encrypted "success". */
function receiver(ownerKey: string, answer: "success" | "wrong-signature" | "plain" = "success") {
  const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey);
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const query = new URL(req.url ?? "/", "http://x").searchParams;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { encrypt: string };
      let plain: string;
      try {
        plain = crypto.open(query.get("msg_signature") ?? "", query.get("timestamp") ?? "", query.get("nonce") ?? "", body.encrypt);
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end(String(error));
        return;
      }
      received.push({ query, event: JSON.parse(plain) as Record<string, unknown> });
      const reply = crypto.successReply();
      if (answer === "wrong-signature") reply.msg_signature = "0".repeat(40);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(answer === "plain" ? JSON.stringify({ ok: true }) : JSON.stringify(reply));
    });
  });
  return {
    received,
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/callback`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: TestEmulator;
let stream: StreamControl;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  t = await startTestEmulator({ users: 30 });
  stream = new StreamControl(t.emu.url, t.emu.controlToken);
});

afterEach(async () => {
  await t.control.reset();
  await Promise.all(closers.splice(0).map((close) => close()));
});

afterAll(async () => {
  await t.emu.close();
});

describe("HTTP event callbacks", () => {
  it("does the check_url handshake, then posts every event encrypted for the app", async () => {
    const r = receiver(t.emu.appKey);
    closers.push(r.close);
    const url = await r.start();
    await stream.registerCallback({ url, token, aesKey });
    expect(r.received).toHaveLength(1);
    expect(r.received[0].event).toEqual({ EventType: "check_url" });

    const added = await stream.addUser({ name: "李雷", mobile: "13800000042", deptIdList: [1] });
    await stream.emitEvent("bpms_instance_change", { processInstanceId: "pi-1", type: "start", processCode: "PROC-1" });
    const { deliveries } = await stream.callbackDeliveries();
    expect(deliveries.map((d) => [d.eventType, d.ok])).toEqual([["user_add_org", true], ["bpms_instance_change", true]]);

    expect(r.received).toHaveLength(3);
    expect(r.received[1].event).toMatchObject({ EventType: "user_add_org", UserId: [added.userId], CorpId: t.emu.corpId });
    expect(typeof r.received[1].event.TimeStamp).toBe("string");
    expect(r.received[2].event).toMatchObject({ EventType: "bpms_instance_change", processInstanceId: "pi-1", type: "start", corpId: t.emu.corpId });
    expect(r.received[1].query.get("msg_signature")).toMatch(/^[0-9a-f]{40}$/);
  });

  it("refuses the registration when the receiver's reply is not a valid encrypted success", async () => {
    for (const answer of ["wrong-signature", "plain"] as const) {
      const r = receiver(t.emu.appKey, answer);
      closers.push(r.close);
      const url = await r.start();
      const error = await stream.registerCallback({ url, token, aesKey }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmulatorControlError);
      expect((error as EmulatorControlError).code).toBe("callbackCheckFailed");
      expect((error as EmulatorControlError).message).toMatch(answer === "plain" ? /lacks msg_signature/ : /signature is wrong/);
    }
  });

  it("cannot be read by a receiver holding another app's key", async () => {
    const r = receiver("dingsomeotherapp");
    closers.push(r.close);
    const url = await r.start();
    // The receiver refuses the ownerKey with HTTP 400: the handshake fails.
    await expect(stream.registerCallback({ url, token, aesKey })).rejects.toMatchObject({ code: "callbackCheckFailed", message: /HTTP 400/ });
    expect(r.received).toHaveLength(0);
  });

  it("records a failed push when the receiver starts answering badly", async () => {
    const r = receiver(t.emu.appKey);
    const url = await r.start();
    await stream.registerCallback({ url, token, aesKey });
    await r.close();
    await stream.emitEvent("org_dept_modify", { deptId: [1], timeStamp: 1 });
    const { deliveries } = await stream.callbackDeliveries();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ eventType: "org_dept_modify", ok: false, body: { EventType: "org_dept_modify", DeptId: [1] } });
  });
});

describe("event bus cursor", () => {
  it("resumes after the last seq read even once the history was trimmed", () => {
    const bus = new EventBus("corp", () => 0, 3);
    bus.emit("a", {});
    bus.emit("b", {});
    const cursor = bus.lastSeq;
    for (const type of ["c", "d", "e"]) bus.emit(type, {});
    // "a" and "b" are gone; an index into the history would skip "c" and "d".
    expect(bus.history.map((e) => e.eventType)).toEqual(["c", "d", "e"]);
    expect(bus.after(cursor).map((e) => e.eventType)).toEqual(["c", "d", "e"]);
    expect(bus.after(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(bus.after(bus.lastSeq)).toEqual([]);
  });
});
