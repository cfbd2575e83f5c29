import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_TWIN_HEADER, postgresSchemaFrom } from "../../scripts/db/postgres-twin.mjs";

const canonical = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
const committedTwin = readFileSync(new URL("../../prisma/postgres/schema.prisma", import.meta.url), "utf8");

describe("the PostgreSQL twin of prisma/schema.prisma", () => {
  it("is up to date (run `npm run db:generate` after changing prisma/schema.prisma)", () => {
    expect(committedTwin).toBe(postgresSchemaFrom(canonical));
  });

  it("differs from the canonical schema only in its header, provider and client output", () => {
    const twin = postgresSchemaFrom(canonical);
    expect(twin.startsWith(POSTGRES_TWIN_HEADER)).toBe(true);
    expect(POSTGRES_TWIN_HEADER.trimEnd().split("\n")).toHaveLength(2);
    expect(twin).toContain('provider = "postgresql"');
    expect(twin).toContain('output       = "../../app/generated/postgres"');
    expect(twin).not.toContain('provider = "sqlite"');
    const back = twin
      .slice(POSTGRES_TWIN_HEADER.length)
      .replace('provider = "postgresql"', 'provider = "sqlite"')
      .replace('"../../app/generated/postgres"', '"../app/generated/sqlite"');
    expect(back).toBe(canonical);
  });

  it("refuses a canonical schema it cannot translate", () => {
    expect(() => postgresSchemaFrom(canonical.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/provider = "sqlite"/);
  });
});

describe("the canonical schema", () => {
  // Comments may mention these words; only schema lines count.
  const code = canonical
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("\n");

  it("uses no provider-specific native types (@db.*)", () => {
    expect(code).not.toMatch(/@db\./);
  });

  it("uses no PostgreSQL-only query features (mode: insensitive)", () => {
    expect(code).not.toMatch(/mode\s*:\s*["']?insensitive/);
  });

  it("is the SQLite schema whose client goes to app/generated/sqlite", () => {
    expect(code).toMatch(/datasource\s+db\s*\{[^}]*provider\s*=\s*"sqlite"/);
    expect(code).toContain('"../app/generated/sqlite"');
  });
});
