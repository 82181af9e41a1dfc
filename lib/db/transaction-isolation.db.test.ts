import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "./testing/databases";

const row = (msgId: string) => ({ msgId, receivedAt: new Date(), payload: "{}", status: "pending", attempts: 0 });

// SQLite runs on one connection: without care, a write made while a transaction is open elsewhere
// becomes part of it. Every database must keep the two apart.
describeEachDatabase("writes outside a transaction", ({ db }) => {
  beforeEach(async () => {
    await db().botInboxMessage.deleteMany();
  });

  it("survive the rollback of a transaction that was open while they ran", async () => {
    let outside: Promise<unknown> = Promise.resolve();
    await expect(
      db().$transaction(async (tx) => {
        await tx.botInboxMessage.create({ data: row("inside") });
        // Prisma's promises are lazy: then() sends the write now, while the transaction is open.
        outside = db().botInboxMessage.create({ data: row("outside") }).then((r) => r);
        await new Promise((r) => setTimeout(r, 30));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await outside;
    expect((await db().botInboxMessage.findMany({ select: { msgId: true } })).map((r) => r.msgId)).toEqual(["outside"]);
  });

  it("go on while transactions come and go, and every committed write stays", async () => {
    const writes = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? db().$transaction(async (tx) => {
            await tx.botInboxMessage.create({ data: row(`tx-${i}`) });
            await new Promise((r) => setTimeout(r, 2));
            await tx.botInboxMessage.update({ where: { msgId: `tx-${i}` }, data: { status: "answered" } });
          })
        : db().botInboxMessage.create({ data: row(`plain-${i}`) }),
    );
    await Promise.all(writes);
    expect(await db().botInboxMessage.count()).toBe(40);
    expect(await db().botInboxMessage.count({ where: { status: "answered" } })).toBe(10);
  });
});
