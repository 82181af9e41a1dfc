import { describe, expect, it } from "vitest";
import { pathSegment, type SearchParamsInput } from "@/lib/url-state";
import { childrenState, departmentsState } from "./departments/query";
import { inactiveState } from "./directory/inactive/query";
import { leaversState } from "./directory/leavers/query";
import { statsState } from "./directory/stats/query";
import { deniedState, loginState } from "../login/query";

// Every page and route of the console reads its URL through lib/url-state. Each is fed the
// values that once answered HTTP 500 (and more of the kind): pages get a usable state, routes a 400.

const NUMBERS = ["1e30", "Infinity", "-Infinity", "NaN", "-1", "0", "2.5", "99999999999", "0x10", "\u0000", "x".repeat(5000)];
const MAX_INT32 = 2_147_483_647;

const each = (name: string, values: readonly string[]) => values.map((v) => ({ [name]: v }) as Record<string, string>);
const repeated = (name: string) => new URLSearchParams(`${name}=1&${name}=2`);

describe("URL state of every page", () => {
  it("departments: department, page and cursor stay whole numbers in range; search text is capped", () => {
    for (const params of [...each("dept", NUMBERS), ...each("page", NUMBERS), ...each("cursor", NUMBERS)]) {
      const s = departmentsState.parse(params);
      expect(Number.isSafeInteger(s.dept) && s.dept >= 1 && s.dept <= MAX_INT32, JSON.stringify(params).slice(0, 40)).toBe(true);
      expect(s.page).toBeGreaterThanOrEqual(1);
      expect(s.page).toBeLessThanOrEqual(100_000);
      expect(Number.isSafeInteger(s.cursor) && s.cursor >= 0).toBe(true);
    }
    expect(departmentsState.parse({ dept: "1e30" }).dept).toBe(1);
    expect(departmentsState.parse({ q: "研\u0000发".repeat(100) }).q).toHaveLength(50);
    expect(departmentsState.parse(repeated("dept")).dept).toBe(1);
  });

  it("department children route: a bad parent is a 400, none means the top level", () => {
    for (const params of each("parent", NUMBERS)) {
      const found = childrenState.parseRoute(new URLSearchParams(params));
      expect(found.ok, params.parent.slice(0, 20)).toBe(params.parent === "\u0000");
      if (!found.ok) expect(found.response.status).toBe(400);
    }
    expect(childrenState.parseRoute(repeated("parent")).ok).toBe(false);
    expect(childrenState.parseRoute(new URLSearchParams("parent=7"))).toEqual({ ok: true, state: { parent: 7 } });
    expect(childrenState.parseRoute(new URLSearchParams(""))).toEqual({ ok: true, state: { parent: undefined } });
  });

  it("statistics: a department id out of range is dropped (the root is shown)", () => {
    for (const params of each("dept", NUMBERS)) expect(statsState.parse(params).dept).toBeUndefined();
    expect(statsState.parse({ dept: "42" }).dept).toBe(42);
    expect(statsState.parse({ dept: ["5", "6"] }).dept).toBe(5);
  });

  it("未登录 and 离职记录: days are short clean text for the pages to check", () => {
    for (const v of ["\u0000", "2026-01-01\u0000", "x".repeat(5000), "1e30"]) {
      const day = inactiveState.parse({ date: v }).date ?? "";
      expect(day.length).toBeLessThanOrEqual(10);
      expect(day).not.toMatch(/\p{Cc}/u);
      const range = leaversState.parse({ from: v, to: v });
      expect((range.from ?? "").length).toBeLessThanOrEqual(10);
    }
    expect(inactiveState.parse({ date: "2026-01-01\u0000" }).date).toBe("2026-01-01");
  });

  it("sign-in and refusal pages: texts capped and cleaned", () => {
    const s = loginState.parse({ error: "x".repeat(5000), callbackUrl: "/directory\u0000" });
    expect(s.error).toHaveLength(64);
    expect(s.callbackUrl).toBe("/directory");
    expect(deniedState.parse({ reason: ["no-role", "x"], detail: "d".repeat(5000) })).toEqual({ reason: "no-role", detail: "d".repeat(300) });
  });

  it("path segments: broken escapes, control characters and huge ids are no id at all", () => {
    expect(pathSegment("manager4567")).toBe("manager4567");
    expect(pathSegment("%E5%BC%A0")).toBe("张");
    for (const raw of ["%E0%A4%A", "%", "%00", "a%0Ab", "x".repeat(201), ""]) expect(pathSegment(raw), raw).toBeNull();
  });

  it("every state reads URLSearchParams and Next's record alike", () => {
    const inputs: SearchParamsInput[] = [new URLSearchParams("dept=3&page=2"), { dept: "3", page: "2" }];
    for (const input of inputs) expect(departmentsState.parse(input)).toMatchObject({ dept: 3, page: 2 });
  });
});

describe("URL state of the bot conversations page", () => {
  it("page=1e30 and Infinity no longer reach the database's OFFSET", async () => {
    const { conversationsState } = await import("./bot/conversations/query");
    for (const page of [...NUMBERS, "1e30", "Infinity"]) {
      const s = conversationsState.parse({ page });
      expect(Number.isSafeInteger(s.page) && s.page >= 1 && s.page <= 100_000, page.slice(0, 20)).toBe(true);
    }
    expect(conversationsState.parse({ kind: "secret", q: "x\u0000".repeat(300) })).toEqual({ kind: undefined, q: "x".repeat(200), page: 1 });
    expect(conversationsState.parse(repeated("page")).page).toBe(1);
    expect(conversationsState.parse({ kind: ["group", "private"] }).kind).toBe("group");
  });
});
