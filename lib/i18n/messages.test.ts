import { describe, expect, it } from "vitest";
import { asLocale, en, translator, zhCN } from "./messages";

describe("messages", () => {
  it("has an English text for every Chinese key and no extra ones", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(vars(en[k]), k).toEqual(vars(zhCN[k]));
  });

  it("fills placeholders and defaults to Chinese", () => {
    expect(translator("en")("overview.you", { name: "张三" })).toBe("Hello, 张三");
    expect(translator(asLocale(undefined))("nav.settings")).toBe("设置");
    expect(asLocale("fr")).toBe("zh-CN");
  });
});
