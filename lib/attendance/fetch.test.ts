import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { pacer } from "./fetch";

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

it("gives each slot to the waiting window of the lowest rank, a gap apart, whoever asked first", async () => {
  const pace = pacer(10, () => Date.now());
  const went: Array<{ rank: number; at: number }> = [];
  const ask = (rank: number) => pace(rank).then(() => went.push({ rank, at: Date.now() }));
  const asked = [ask(7), ask(3), ask(5)];
  await vi.advanceTimersByTimeAsync(150);
  // Window 1 asks after the others have waited: it still goes before 5 and 7.
  asked.push(ask(1));
  await vi.advanceTimersByTimeAsync(1000);
  await Promise.all(asked);
  expect(went.map((w) => w.rank)).toEqual([3, 5, 1, 7]);
  const gaps = went.slice(1).map((w, i) => w.at - went[i].at);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
  expect(went.at(-1)!.at - went[0].at).toBeLessThanOrEqual(301);
});

it("keeps the spacing after the process was busy instead of sending the missed slots at once", async () => {
  let clock = Date.now();
  const pace = pacer(10, () => clock);
  const went: number[] = [];
  const asked = [1, 2, 3, 4].map((rank) => pace(rank).then(() => went.push(clock)));
  await vi.advanceTimersByTimeAsync(0);
  // The event loop was held for 450 ms: four slots passed while nothing could run.
  clock += 450;
  for (let i = 0; i < 10; i++) {
    await vi.advanceTimersByTimeAsync(50);
    clock += 50;
  }
  await Promise.all(asked);
  const gaps = went.slice(1).map((at, i) => at - went[i]);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
});
