import { describe, expect, it } from "vitest";
import { personPinyin, pinyinOf } from "./pinyin";

describe("pinyin of names", () => {
  it.each([
    ["单雄信", "shanxiongxin", "sxx"],
    ["曾国藩", "zengguofan", "zgf"],
    ["解缙", "xiejin", "xj"],
    ["仇英", "qiuying", "qy"],
    ["区家明", "oujiaming", "ojm"],
    ["查良镛", "zhaliangyong", "zly"],
    ["朴槿惠", "piaojinhui", "pjh"],
    ["覃明", "qinming", "qm"],
    ["翟志刚", "zhaizhigang", "zzg"],
    ["张三", "zhangsan", "zs"],
    ["吕布", "lvbu", "lb"],
  ])("reads %s as a surname first: %s / %s", (name, full, initials) => {
    expect(personPinyin(name)).toMatchObject({ full, initials });
  });

  it("reads polyphonic characters by their common sound outside surnames", () => {
    expect(pinyinOf("单位").full).toBe("danwei");
    expect(pinyinOf("曾经").full).toBe("cengjing");
  });

  it("keeps latin words and digits, drops separators", () => {
    expect(personPinyin("Tom 王")).toMatchObject({ full: "tomwang", initials: "tw", syllables: ["tom", "wang"] });
    expect(personPinyin("阿卜杜·热合曼")).toMatchObject({ initials: "abdrhm" });
    expect(pinyinOf("研发2部").full).toBe("yanfa2bu");
  });
});
