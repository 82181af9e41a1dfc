import { describe, expect, it } from "vitest";
import { param as urlParam, urlState } from "@/lib/url-state";
import { hiddenColumnsParam, nextSort, pageCount, serializeHidden, toggleHidden } from "./table-state";

describe("hidden columns in the URL", () => {
  const param = hiddenColumnsParam(["name", "mobile", "title"]).schema("page");
  it("keeps known ids in the table's order, once each", () => {
    expect(param.parse("title,mobile,title")).toEqual(["mobile", "title"]);
  });
  it("drops unknown ids and anything that is not a short string", () => {
    expect(param.parse("mobile,<script>,")).toEqual(["mobile"]);
    expect(param.parse(undefined)).toEqual([]);
    expect(param.parse("x".repeat(600))).toEqual([]);
    expect(param.safeParse(42).success).toBe(false);
  });
  it("works inside urlState: read from the query string and written back into links", () => {
    const state = urlState({ hide: hiddenColumnsParam(["name", "mobile", "title"]), page: urlParam.page() });
    const read = state.parse(new URLSearchParams("hide=title,mobile&page=2"));
    expect(read).toEqual({ hide: ["mobile", "title"], page: 2 });
    expect(state.href("/directory", read, { hide: toggleHidden(read.hide, "mobile") })).toBe("/directory?hide=title&page=2");
    expect(state.href("/directory", read, { hide: [] })).toBe("/directory?page=2");
  });
  it("round-trips through toggle and serialize", () => {
    const hide = toggleHidden([], "mobile");
    expect(serializeHidden(hide)).toBe("mobile");
    expect(param.parse(serializeHidden(toggleHidden(hide, "title")))).toEqual(["mobile", "title"]);
    expect(serializeHidden(toggleHidden(hide, "mobile"))).toBeUndefined();
  });
});

describe("nextSort", () => {
  it("flips the direction of the current sort", () => {
    expect(nextSort({ sort: "name", dir: "asc" }, "name")).toEqual({ sort: "name", dir: "desc" });
    expect(nextSort({ sort: "name", dir: "desc" }, "name")).toEqual({ sort: "name", dir: "asc" });
  });
  it("starts another column in its first direction", () => {
    expect(nextSort({ sort: "name", dir: "desc" }, "hiredAt")).toEqual({ sort: "hiredAt", dir: "asc" });
    expect(nextSort({ sort: "name", dir: "asc" }, "at", "desc")).toEqual({ sort: "at", dir: "desc" });
  });
});

describe("pageCount", () => {
  it("is at least one and rounds up", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});
