import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamControl } from "../control/stream-client";
import { startTestEmulator, type TestEmulator } from "../testing";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ users: 5 });
});

afterAll(async () => {
  await t.emu.close();
});

describe("the gateway's frame log", () => {
  it("is read in pieces after a seq, with or without the payloads", async () => {
    const control = new StreamControl(t.emu.url, t.emu.controlToken);
    const people = (await (await fetch(`${t.emu.url}/__bot/people`)).json()) as { people: Array<{ userId: string }> };
    for (const text of ["一", "二", "三"]) await control.writeToBot({ fromUserId: people.people[0].userId, text });
    const all = await control.frames();
    expect(all.map((f) => JSON.parse(f.data).text.content)).toEqual(["一", "二", "三"]);
    expect(all.map((f) => f.seq)).toEqual([...all.map((f) => f.seq)].sort((a, b) => a - b));

    const rest = await control.frames({ after: all[0].seq, withoutData: true });
    expect(rest.map((f) => f.messageId)).toEqual([all[1].messageId, all[2].messageId]);
    expect(rest.every((f) => f.data === "")).toBe(true);
    expect(await control.frames({ after: all[2].seq })).toEqual([]);
  });
});
