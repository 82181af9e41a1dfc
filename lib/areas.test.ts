import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/catalog";
import { AREAS, areaOfPath, visibleAreas, type Area } from "./areas";

const zhCN = MESSAGES["zh-CN"];
const en = MESSAGES.en;

const CONSOLE = path.resolve(import.meta.dirname, "../app/(console)");
const pageOf = (route: string) => path.join(CONSOLE, route, "page.tsx");
const areas: readonly Area[] = AREAS;

/** Every page.tsx under app/(console), as the URL path it serves ([param] segments kept). */
function consolePages(dir = CONSOLE, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return consolePages(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === "page.tsx" ? [prefix || "/"] : [];
  });
}

const label = (messages: Record<string, unknown>, key: string) => key.split(".").reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);

describe("areas registry", () => {
  it("has unique ids and routes, and a name for each in both languages", () => {
    expect(new Set(areas.map((a) => a.id)).size).toBe(areas.length);
    expect(new Set(areas.map((a) => a.route)).size).toBe(areas.length);
    for (const a of areas) {
      expect(typeof label(zhCN, a.label), a.label).toBe("string");
      expect(typeof label(en, a.label), a.label).toBe("string");
    }
  });

  it("reserves the next five areas, hidden and without pages until they are built", () => {
    const hidden = areas.filter((a) => a.hidden).map((a) => a.id);
    for (const id of hidden) expect(existsSync(pageOf(areas.find((a) => a.id === id)!.route)), `${id} has a page: remove hidden`).toBe(false);
    // An area leaves this list when it is built (its page exists and hidden is removed).
    for (const id of hidden) expect(["approvals", "attendance", "calendar", "docs", "messages"]).toContain(id);
    expect(areas.map((a) => a.id)).toEqual(expect.arrayContaining(["approvals", "attendance", "calendar", "docs", "messages"]));
  });

  it("gives every console page an area, and every built area a landing page that checks the area", () => {
    for (const page of consolePages()) expect(areaOfPath(page), page).toBeDefined();
    for (const a of areas.filter((x) => !x.hidden)) {
      const source = readFileSync(pageOf(a.route), "utf8");
      expect(source, `${a.route}/page.tsx`).toContain(`requireArea("${a.id}")`);
    }
  });

  it("matches a path to its most specific area at segment boundaries", () => {
    expect(areaOfPath("/")?.id).toBe("overview");
    expect(areaOfPath("/directory/sync")?.id).toBe("directorySync");
    expect(areaOfPath("/directory/u1")?.id).toBe("directory");
    expect(areaOfPath("/directoryx")).toBeUndefined();
    expect(areaOfPath("/bot/conversations/dingtalk_private_u1")?.id).toBe("botConversations");
  });

  it("shows each role the built areas its permissions allow, in the registry's order", () => {
    expect(visibleAreas(["viewer"])).toEqual(["overview", "directory", "departments", "calendar", "docs"]);
    expect(visibleAreas(["hr"])).toEqual(["overview", "directory", "departments", "approvals", "attendance", "calendar", "docs"]);
    expect(visibleAreas(["approver"])).toEqual(expect.arrayContaining(["approvals", "attendance"]));
    expect(visibleAreas(["admin"])).toEqual(["overview", "directory", "directorySync", "departments", "approvals", "attendance", "calendar", "docs", "botConversations", "audit", "settings"]);
    expect(visibleAreas([])).toEqual([]);
  });
});
