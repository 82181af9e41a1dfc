import { describe, expect, it } from "vitest";
import { readSchema, schemaFor } from "./schema-files";

describe("schemaFor", () => {
  const sqlite = readSchema();

  it("keeps the one definition for SQLite", () => {
    expect(schemaFor("sqlite", sqlite)).toBe(sqlite);
  });

  it("derives PostgreSQL by changing only the provider and the client's output folder", () => {
    const postgres = schemaFor("postgresql", sqlite);
    expect(postgres).toMatch(/provider\s*=\s*"postgresql"/);
    expect(postgres).toMatch(/output\s*=\s*"\.\/postgres"/);
    expect(postgres).not.toMatch(/"sqlite"/);
    const models = (text: string) => text.slice(text.search(/^model /m));
    expect(models(postgres)).toBe(models(sqlite));
  });

  it("says what it cannot find instead of deriving a wrong schema", () => {
    expect(() => schemaFor("postgresql", sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/datasource/);
  });
});
