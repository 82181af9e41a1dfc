import { describe, expect, it } from "vitest";
import { isWriteConflict } from "./transactions";

// Which failures `serializable` retries: every shape a PostgreSQL serialization failure takes on
// its way through Prisma and the driver adapter, and nothing else.

/** The driver adapter's error as @prisma/driver-adapter-utils builds it (message = the kind). */
function adapterError(kind: string): Error {
  const error = new Error(kind);
  error.name = "DriverAdapterError";
  Object.assign(error, { cause: { kind } });
  return error;
}

describe("isWriteConflict", () => {
  it("knows Prisma's P2034, the adapter's TransactionWriteConflict and the database's own words", () => {
    expect(isWriteConflict(Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), { code: "P2034" }))).toBe(true);
    // Seen when two admins were removed at once and the conflict came at COMMIT.
    expect(isWriteConflict(adapterError("TransactionWriteConflict"))).toBe(true);
    expect(isWriteConflict(new Error("could not serialize access due to read/write dependencies among transactions"))).toBe(true);
    expect(isWriteConflict(new Error("deadlock detected"))).toBe(true);
  });

  it("leaves every other failure alone", () => {
    expect(isWriteConflict(adapterError("UniqueConstraintViolation"))).toBe(false);
    expect(isWriteConflict(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isWriteConflict(new Error("the last admin cannot be removed"))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
    expect(isWriteConflict("TransactionWriteConflict")).toBe(false);
  });
});
