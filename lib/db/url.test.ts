import { describe, expect, it } from "vitest";
import { pgConnection } from "./pg-url";
import { dbProvider, sqliteFilePath } from "./url";

describe("dbProvider", () => {
  it("reads the provider from the scheme", () => {
    expect(dbProvider("file:./data/console.db")).toBe("sqlite");
    expect(dbProvider("postgres://u@h/db")).toBe("postgresql");
    expect(dbProvider("postgresql://u@h/db")).toBe("postgresql");
  });
  it("names the scheme, never the rest of the URL, when it cannot be used", () => {
    expect(() => dbProvider("mysql://root:hunter2@db/console")).toThrow(/scheme is mysql:/);
    expect(() => dbProvider("mysql://root:hunter2@db/console")).not.toThrow(/hunter2/);
    expect(() => dbProvider("console.db")).toThrow(/file:/);
  });
});

describe("sqliteFilePath", () => {
  it("resolves relative files against the working directory", () => {
    expect(sqliteFilePath("file:./data/console.db", "/srv/app")).toBe("/srv/app/data/console.db");
    expect(sqliteFilePath("file:/var/lib/console.db", "/srv/app")).toBe("/var/lib/console.db");
    expect(sqliteFilePath("file:./data/a%20b.db?mode=rwc", "/srv")).toBe("/srv/data/a b.db");
  });
  it("refuses a URL without a file", () => {
    expect(() => sqliteFilePath("file:")).toThrow(/names no file/);
  });
});

describe("pgConnection", () => {
  it("takes Prisma's schema parameter off the URL", () => {
    expect(pgConnection("postgresql://u:p@h:5432/db?schema=console&sslmode=require")).toEqual({
      connectionString: "postgresql://u:p@h:5432/db?sslmode=require",
      schema: "console",
    });
    expect(pgConnection("postgresql://u@h/db").schema).toBe("public");
  });
});
