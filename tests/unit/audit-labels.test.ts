import { globSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Every source file under app/ (not the generated Prisma client), for finding the audit actions the code records. */
const sourceFiles = () => globSync("app/**/*.{ts,tsx}", { exclude: ["app/generated/**"] });

describe("the audit log", () => {
  it("has a label in the staff's language for every action the code records", () => {
    const actions = new Set(sourceFiles().flatMap((file) => [...readFileSync(file, "utf8").matchAll(/action: "([a-z]+\.[a-z-]+)"/g)].map((match) => match[1]!)));
    expect(actions.size).toBeGreaterThan(20);
    const labels = JSON.parse(readFileSync("locales/nl/rounds.json", "utf8")).audit as Record<string, Record<string, string>>;
    const unlabelled = [...actions].filter((action) => {
      const [group, name] = action.split(".") as [string, string];
      return typeof labels[group]?.[name] !== "string";
    });
    expect(unlabelled).toEqual([]);
  });
});
