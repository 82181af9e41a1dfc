import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamControl } from "../control/stream-client";
import { startTestEmulator, type TestEmulator } from "../testing";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ users: 20 });
});

afterAll(async () => {
  await t.emu.close();
});

function get(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.emu.url}${path}`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the write-to-the-bot page", () => {
  it("serves the page and its calls without a token on loopback only", async () => {
    const page = await fetch(`${t.emu.url}/__bot`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("给机器人发消息");
    expect(await get("/__bot", "192.168.1.20:4100")).toBe(403);

    const people = (await (await fetch(`${t.emu.url}/__bot/people`)).json()) as { people: Array<{ userId: string }> };
    expect(people.people.length).toBe(20);
    const sent = await fetch(`${t.emu.url}/__bot/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fromUserId: people.people[0].userId, text: "hi", conversationType: "1" }),
    });
    const { conversationId } = (await sent.json()) as { conversationId: string };
    const frames = await new StreamControl(t.emu.url, t.emu.controlToken).frames();
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0].data)).toMatchObject({ conversationId, senderStaffId: people.people[0].userId });
  });
});
