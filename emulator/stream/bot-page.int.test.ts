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

describe("the write-to-the-bot page", () => {
  it("serves the page and its calls without a token on loopback only", async () => {
    const page = await fetch(`${t.emu.url}/__bot`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("给机器人发消息");
    // A Host header naming another machine does not matter: the peer address does.
    expect((await fetch(`${t.emu.url}/__bot`, { headers: { host: "192.168.1.20:4100" } })).status).toBe(200);

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
