import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { personPinyin, searchable, searchTextFor } from "../pinyin";
import { FIXTURE_PEOPLE, writeFixtureOrg } from "../testing/fixture-org";
import { searchDirectory } from "./search";

// Rows written before mobile and email moved behind the contacts marker are rewritten by the
// migration to exactly what the sync writes now, and a viewer's search then finds them by name.
const MIGRATION = "20261201102514_directory_search_contacts_last";

/** The search text as it was written before: every field in one row, contacts in the middle. */
function oldSearchText(p: { name: string; mobile?: string; jobNumber?: string; title?: string; email?: string }): string {
  const py = personPinyin(p.name);
  return [p.name, py.full, py.initials, p.mobile, p.jobNumber, p.title, p.email].map((f) => "||" + searchable(f)).join("");
}

describeEachDatabase("the contacts-last search text migration", ({ db, provider }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
    for (const p of FIXTURE_PEOPLE) await db().directoryUser.update({ where: { userId: p.userId }, data: { searchText: oldSearchText(p) } });
  });

  it("rewrites every old row to the new shape and leaves new rows alone", async () => {
    // Before: a viewer's search finds nobody (no marker: nothing counts as before the contacts).
    expect((await searchDirectory(db(), { q: "zhangsan" })).total).toBe(0);
    const sql = readFileSync(path.join(import.meta.dirname, "..", "..", "..", "prisma", "migrations", provider === "postgresql" ? "postgres" : "sqlite", MIGRATION, "migration.sql"), "utf8");
    const statements = sql.replace(/^--.*$/gm, "").split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
    for (const statement of statements) await db().$executeRawUnsafe(statement);
    const rows = await db().directoryUser.findMany({ select: { userId: true, searchText: true } });
    const byId = new Map(rows.map((r) => [r.userId, r.searchText]));
    for (const p of FIXTURE_PEOPLE) {
      const py = personPinyin(p.name);
      expect(byId.get(p.userId), p.userId).toBe(searchTextFor({ name: p.name, pinyin: py.full, initials: py.initials, mobile: p.mobile, jobNumber: p.jobNumber, title: p.title, email: p.email }));
    }
    // Run again: nothing changes (rows in the new shape are skipped).
    for (const statement of statements) await db().$executeRawUnsafe(statement);
    expect(await db().directoryUser.findMany({ select: { userId: true, searchText: true } })).toEqual(expect.arrayContaining(rows));
    // The index followed: a viewer finds by name, not by mobile; others by both.
    expect((await searchDirectory(db(), { q: "zhangsan" })).rows.map((r) => r.userId)).toEqual(["u1"]);
    expect((await searchDirectory(db(), { q: "01234" })).total).toBe(0);
    expect((await searchDirectory(db(), { q: "01234", matchContacts: true })).rows.map((r) => r.userId)).toEqual(["u1"]);
  });
});
