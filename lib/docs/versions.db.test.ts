import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { dropVersion, getVersion, listVersions, recordVersion, type NewVersion } from "./versions";

describeEachDatabase("document versions", ({ db }) => {
  beforeEach(async () => {
    await db().docVersion.deleteMany();
  });

  const version = (nodeId: string, markdown: string, reason: NewVersion["reason"] = "save"): NewVersion => ({
    workspaceId: "w1", nodeId, name: "员工手册", markdown, contentHash: "a".repeat(64), reason, createdBy: { userId: "u1", name: "张三" },
  });

  it("lists a document's versions newest first, and only that document's, with every field kept", async () => {
    const first = await recordVersion(db(), version("n1", "# 一\n"), new Date("2026-11-01T08:00:00Z"));
    const second = await recordVersion(db(), { ...version("n1", "# 二\n", "restore"), restoredFrom: first.id }, new Date("2026-11-02T08:00:00Z"));
    await recordVersion(db(), version("n2", "# 别的\n"), new Date("2026-11-03T08:00:00Z"));
    const listed = await listVersions(db(), "n1");
    expect(listed.map((v) => [v.id, v.markdown, v.reason, v.restoredFrom])).toEqual([
      [second.id, "# 二\n", "restore", first.id],
      [first.id, "# 一\n", "save", null],
    ]);
    expect(await getVersion(db(), first.id)).toMatchObject({ workspaceId: "w1", nodeId: "n1", name: "员工手册", createdBy: "u1", createdByName: "张三", createdAt: new Date("2026-11-01T08:00:00Z") });
  });

  it("keeps a long document whole, and takes back one version without touching the others", async () => {
    const long = `${"长文".repeat(60_000)}\n`;
    const kept = await recordVersion(db(), version("n1", long));
    const dropped = await recordVersion(db(), version("n1", "# 撤回\n"));
    await dropVersion(db(), dropped.id);
    await dropVersion(db(), dropped.id);
    expect((await listVersions(db(), "n1")).map((v) => v.id)).toEqual([kept.id]);
    expect((await getVersion(db(), kept.id))?.markdown).toBe(long);
  });
});
