import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";

// A transaction whose COMMIT fails gives its connection back. On PostgreSQL two SERIALIZABLE
// transactions that each read what the other writes: the second COMMIT fails (write skew). Before,
// each such failure kept a connection of the pool (ten of them) for good; fifteen rounds then
// left no connection for the next transaction, and the client could not disconnect.

const ROUNDS = 15;

describeEachDatabase("transactions whose commit fails", ({ db, provider }) => {
  it("give their connection back: the pool serves every later round, a query and the disconnect", async () => {
    if (provider !== "postgresql") return; // SQLite takes one writer at a time: no commit-time conflict.
    await db().$executeRawUnsafe(`CREATE TABLE "SkewProbe" (id TEXT PRIMARY KEY, on_call BOOLEAN NOT NULL)`);
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await db().$executeRawUnsafe(`DELETE FROM "SkewProbe"`);
      await db().$executeRawUnsafe(`INSERT INTO "SkewProbe" VALUES ('a', true), ('b', true)`);
      // Both read both rows before either writes, then each takes one off call.
      let arrived = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((r) => (release = r));
      const offCall = (id: string) =>
        db().$transaction(
          async (tx) => {
            await tx.$queryRawUnsafe(`SELECT count(*) FROM "SkewProbe" WHERE on_call`);
            if (++arrived === 2) release();
            await bothRead;
            await tx.$executeRawUnsafe(`UPDATE "SkewProbe" SET on_call = false WHERE id = $1`, id);
          },
          { isolationLevel: "Serializable", maxWait: 5_000, timeout: 10_000 },
        );
      const outcomes = await Promise.allSettled([offCall("a"), offCall("b")]);
      expect(outcomes.filter((o) => o.status === "fulfilled").length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(1);
      conflicts += outcomes.filter((o) => o.status === "rejected").length;
    }
    expect(conflicts).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(await db().$queryRawUnsafe(`SELECT count(*)::int AS n FROM "SkewProbe" WHERE on_call`)).toEqual([{ n: 1 }]);
    await db().$executeRawUnsafe(`DROP TABLE "SkewProbe"`);
    // Every connection is back: the pool closes.
    const closed = await Promise.race([db().$disconnect().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    expect(closed).toBe(true);
  }, 120_000);
});
