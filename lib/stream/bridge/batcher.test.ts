import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

describe("Batcher", () => {
  it("sends calls made together as one batch and answers each call with its own result", async () => {
    const batches: number[][] = [];
    const b = new Batcher(async (items: number[]) => {
      batches.push(items);
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3].map((i) => b.add(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("collects what arrives while a batch is being written into the next one", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const b = new Batcher(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items;
    });
    const first = b.add(1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4].map((i) => b.add(i));
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("caps a batch and fails every call of a batch that fails, leaving later batches alone", async () => {
    const sizes: number[] = [];
    const b = new Batcher(async (items: number[]) => {
      sizes.push(items.length);
      if (items.includes(13)) throw new Error("unlucky batch");
      return items;
    }, { maxBatch: 5 });
    const calls = Array.from({ length: 12 }, (_, i) => b.add(i + 5).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message })));
    const outcomes = await Promise.all(calls);
    expect(sizes).toEqual([5, 5, 2]);
    expect(outcomes.slice(0, 5).every((o) => "ok" in o)).toBe(true);
    expect(outcomes.slice(5, 10)).toEqual(Array(5).fill({ error: "unlucky batch" }));
    expect(outcomes.slice(10)).toEqual([{ ok: 15 }, { ok: 16 }]);
  });

  it("holds a batch open for lingerMs so that calls a moment apart share it", async () => {
    const batches: number[][] = [];
    const b = new Batcher(async (items: number[]) => {
      batches.push(items);
      return items;
    }, { lingerMs: 40 });
    const first = b.add(1);
    await new Promise((r) => setTimeout(r, 10));
    const second = b.add(2);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it("writes up to maxWriting batches at once", async () => {
    let writing = 0;
    let most = 0;
    const b = new Batcher(async (items: number[]) => {
      most = Math.max(most, ++writing);
      await new Promise((r) => setTimeout(r, 20));
      writing--;
      return items;
    }, { maxWriting: 3 });
    const calls: Promise<number>[] = [];
    for (let i = 0; i < 6; i++) {
      calls.push(b.add(i));
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(3);
  });

  it("refuses a write that does not give one result per item", async () => {
    const b = new Batcher(async (items: number[]) => items.slice(1));
    await expect(Promise.all([b.add(1), b.add(2)])).rejects.toThrow(/batch of 2 gave 1 results/);
  });
});
