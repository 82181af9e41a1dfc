import { describe, expect, it } from "vitest";
import { LanePool } from "./lane-pool";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LanePool", () => {
  it("keeps each lane at its own concurrency, so a slow lane does not hold up another", async () => {
    const pool = new LanePool({ slow: 1, fast: 3 });
    let fastRunning = 0;
    let fastPeak = 0;
    const finished: string[] = [];
    for (let i = 0; i < 2; i++) pool.push("slow", async () => { await sleep(100); finished.push("slow"); });
    for (let i = 0; i < 6; i++) {
      pool.push("fast", async () => {
        fastPeak = Math.max(fastPeak, ++fastRunning);
        await sleep(10);
        fastRunning--;
        finished.push("fast");
      });
    }
    await pool.done();
    expect(fastPeak).toBe(3);
    expect(finished.slice(0, 6)).toEqual(Array(6).fill("fast"));
    expect(finished).toHaveLength(8);
  });

  it("waits for jobs that jobs add, and runs front-pushed jobs first", async () => {
    const pool = new LanePool({ a: 1 });
    const order: number[] = [];
    pool.push("a", async () => {
      order.push(1);
      pool.push("a", async () => void order.push(3));
      pool.pushFront("a", async () => void order.push(2));
    });
    await pool.done();
    expect(order).toEqual([1, 2, 3]);
  });

  it("starts jobs on the lane's schedule: the k-th no sooner than k intervals after the first", async () => {
    const pool = new LanePool({ a: 10 }, { a: 40 });
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) pool.push("a", async () => void starts.push(performance.now()));
    await pool.done();
    // Single gaps may be short when a late timer is caught up (on a busy machine); the rate may not be exceeded.
    starts.forEach((t, k) => expect(t - starts[0], `start ${k}`).toBeGreaterThanOrEqual(k * 40 - 2));
  });

  it("stops at the first failure, lets running jobs finish and rethrows it", async () => {
    const pool = new LanePool({ a: 2 });
    let ran = 0;
    pool.push("a", async () => { await sleep(5); throw new Error("boom"); });
    pool.push("a", async () => { await sleep(20); ran++; });
    for (let i = 0; i < 5; i++) pool.push("a", async () => void ran++);
    await expect(pool.done()).rejects.toThrow("boom");
    expect(ran).toBe(1);
  });
});
