import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/catalog";
import { LastAdminError } from "@/lib/authz/roles-store";

const zhCN = MESSAGES["zh-CN"];
const en = MESSAGES.en;

const APP = path.resolve(import.meta.dirname, "../../app");

function actionSources(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? actionSources(path.join(dir, e.name)) : e.name === "actions.ts" ? [readFileSync(path.join(dir, e.name), "utf8")] : [],
  );
}

// A refusal whose code has no words would reach the person as "something unexpected went wrong".
describe("action error words", () => {
  it("exist in both languages for every code an action refuses with, and for the coded errors of our own it shows", () => {
    const codes = new Set(actionSources().flatMap((source) => [...source.matchAll(/new ActionFailure\("([A-Z_]+)"/g)].map((m) => m[1])));
    expect(codes.size).toBeGreaterThan(3);
    codes.add(new LastAdminError().code);
    for (const code of codes) {
      expect(zhCN.actions.errors, code).toHaveProperty(code);
      expect(en.actions.errors, code).toHaveProperty(code);
    }
  });
});
