import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "./catalog";
import { findUnusedKeys, flattenMessages, keysUsedIn } from "./key-usage";
import { LOCALES } from "./locale";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Where words are shown from. Tests, the emulator and the CLI speak for themselves.
const CODE_DIRS = ["app", "components", "lib", "i18n"];

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" || name === "testing" ? [] : codeFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Argument names a message takes, including those inside plural and select branches. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) names.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        names.add(e.value);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const zh = flattenMessages(MESSAGES["zh-CN"]);
const en = flattenMessages(MESSAGES.en);

describe("message files", () => {
  it("hold the same keys in every language, none empty", () => {
    for (const locale of LOCALES) {
      const flat = flattenMessages(MESSAGES[locale]);
      expect(Object.keys(flat).sort(), locale).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(flat)) expect(text.trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("are valid ICU messages taking the same arguments in both languages", () => {
    for (const [key, text] of Object.entries(zh)) expect(argumentsOf(en[key]), key).toEqual(argumentsOf(text));
  });

  it("keep each language to itself: no Chinese in English texts", () => {
    const han = Object.entries(en).filter(([, text]) => /\p{Script=Han}/u.test(text));
    expect(han).toEqual([]);
  });

  it("hold no key that the code does not use", () => {
    const usage = CODE_DIRS.flatMap((dir) => codeFiles(path.join(ROOT, dir))).map((file) => keysUsedIn(readFileSync(file, "utf8")));
    expect(findUnusedKeys(Object.keys(zh), usage)).toEqual([]);
  });
});

describe("key usage scan", () => {
  const keys = ["bot.title", "bot.kind.private", "bot.kind.group", "nav.audit", "audit.outcome.ok", "dead.key"];

  it("counts full keys, keys under a namespace, template prefixes and declared prefixes", () => {
    const usage = [
      keysUsedIn(`const t = await getTranslations(); t("bot.title");`),
      keysUsedIn(`const t = useTranslations("bot"); t(\`kind.\${s.kind}\`);`),
      keysUsedIn(`{ href: "/audit", labelKey: "nav.audit" }`),
      keysUsedIn(`// i18n-keys: audit.outcome.*\nconst label = t(key);`),
    ];
    expect(findUnusedKeys(keys, usage)).toEqual(["dead.key"]);
  });

  it("does not count a key whose last part appears only outside its namespace", () => {
    expect(findUnusedKeys(["bot.title"], [keysUsedIn(`const t = useTranslations("nav"); t("title");`)])).toEqual(["bot.title"]);
    expect(findUnusedKeys(["bot.title"], [keysUsedIn(`const title = "bot";`)])).toEqual(["bot.title"]);
  });
});
