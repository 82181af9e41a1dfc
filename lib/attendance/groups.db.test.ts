import { afterAll, beforeAll, expect, it } from "vitest";
import { attendanceGroups } from "@/emulator/attendance/groups";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { clearDirectory, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { attendanceGroupChoices, groupsToFetch, refreshAttendanceGroups } from "./groups";

// The attendance groups' names against the emulator over HTTP, on SQLite and PostgreSQL: listed
// in one call a page of ten, stored, listed again only when a stored result names a group the
// list does not know, and offered by name (an unknown one by its id, last).

const SEED = 31;
const GROUPS_PATH = "POST /topapi/attendance/getsimplegroups";

describeEachDatabase("attendance groups", ({ db }) => {
  let org: EmulatorOrg;

  beforeAll(async () => {
    await clearDirectory(db());
    await db().attendanceGroup.deleteMany();
    await db().attendanceDay.deleteMany();
    org = await startEmulatorOrg({ users: 20, departments: 3, seed: SEED });
  }, 60_000);

  afterAll(async () => {
    await org.close();
  });

  it("lists the groups once, by name, and again only for a group a result names that the list does not know", async () => {
    const expected = attendanceGroups(SEED).map((g) => ({ groupId: String(g.groupId), name: g.name }));
    expect(expected.length).toBeGreaterThan(1);
    expect(await groupsToFetch(db())).toBe(true);

    await org.control.resetStats();
    expect(await refreshAttendanceGroups({ db: db(), client: org.client })).toBe(expected.length);
    const { calls } = await org.control.stats();
    expect(calls[GROUPS_PATH], JSON.stringify(calls)).toBe(Math.ceil(expected.length / 10));
    const stored = await db().attendanceGroup.findMany({ select: { groupId: true, name: true } });
    expect(stored.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([...expected].sort((a, b) => a.groupId.localeCompare(b.groupId)));
    expect(await groupsToFetch(db())).toBe(false);

    // A result of a group made after the list was fetched.
    const known = expected[0].groupId;
    const day = { day: "2026-11-02", planned: 1, outside: 0, leave: "[]", fetchedAt: new Date() };
    await db().attendanceDay.createMany({ data: [{ userId: "u-known", groupId: known, ...day }, { userId: "u-new", groupId: "424242", ...day }] });
    expect(await groupsToFetch(db())).toBe(true);
    const choices = await attendanceGroupChoices(db());
    expect(choices.at(-1)).toEqual({ groupId: "424242", name: null });
    expect(choices.slice(0, -1).map((c) => c.name)).toEqual([...expected.map((g) => g.name)].sort((a, b) => a.localeCompare(b, "zh-CN")));
    await db().attendanceDay.deleteMany();
  });
});
