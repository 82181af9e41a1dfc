import { describe, expect, it } from "vitest";
import { collect, cursorPages, eachItem, nextTokenPages, offsetPages, PaginationStalledError } from "./pagination";

const data = Array.from({ length: 23 }, (_, i) => `u${i}`);

describe("cursorPages", () => {
  it("walks next_cursor until has_more is false, one request per page, on demand", async () => {
    const asked: number[] = [];
    const pages = cursorPages(async (cursor) => {
      asked.push(cursor);
      const items = data.slice(cursor, cursor + 10);
      const next = cursor + items.length;
      return { items, hasMore: next < data.length, nextCursor: next < data.length ? next : undefined };
    });
    const first = await pages.next();
    expect(first.value).toEqual(data.slice(0, 10));
    expect(asked).toEqual([0]);
    const rest = await collect(eachItem(pages));
    expect([...(first.value as string[]), ...rest]).toEqual(data);
    expect(asked).toEqual([0, 10, 20]);
  });

  it("stops instead of looping when the cursor does not move", async () => {
    const pages = cursorPages(async () => ({ items: ["a"], hasMore: true, nextCursor: 0 }));
    await expect(collect(eachItem(pages))).rejects.toBeInstanceOf(PaginationStalledError);
  });

  it("stops early when the caller stops", async () => {
    let requests = 0;
    const pages = cursorPages(async (cursor) => {
      requests++;
      return { items: [cursor], hasMore: true, nextCursor: cursor + 1 };
    });
    expect(await collect(eachItem(pages), 3)).toEqual([0, 1, 2]);
    expect(requests).toBe(3);
  });
});

describe("offsetPages", () => {
  it("advances the offset by what came back", async () => {
    const asked: [number, number][] = [];
    const items = await collect(
      eachItem(
        offsetPages(async (offset, size) => {
          asked.push([offset, size]);
          const page = data.slice(offset, offset + size);
          return { items: page, hasMore: offset + size < data.length };
        }, 10),
      ),
    );
    expect(items).toEqual(data);
    expect(asked).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it("refuses an empty page that claims more", async () => {
    await expect(collect(eachItem(offsetPages(async () => ({ items: [], hasMore: true }), 5)))).rejects.toBeInstanceOf(PaginationStalledError);
    expect(() => offsetPages(async () => ({ items: [], hasMore: false }), 0)).toThrow(/page size/);
  });
});

describe("nextTokenPages", () => {
  it("follows nextToken until it is absent", async () => {
    const asked: (string | number | undefined)[] = [];
    const items = await collect(
      eachItem(
        nextTokenPages(async (token, max) => {
          asked.push(token);
          const start = token === undefined ? 0 : Number(token);
          const end = start + max;
          return { items: data.slice(start, end), nextToken: end < data.length ? String(end) : undefined };
        }, 8),
      ),
    );
    expect(items).toEqual(data);
    expect(asked).toEqual([undefined, "8", "16"]);
  });

  it("treats an empty token as the end and a repeated token as a fault", async () => {
    expect(await collect(eachItem(nextTokenPages(async () => ({ items: [1], nextToken: "" }), 5)))).toEqual([1]);
    await expect(collect(eachItem(nextTokenPages(async () => ({ items: [1], nextToken: 7 }), 5)))).rejects.toBeInstanceOf(PaginationStalledError);
  });
});
