import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Every file under app/, for finding the audit actions the code records. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("the audit log", () => {
  it("has a label in the staff's language for every action the code records", () => {
    const actions = new Set(sourceFiles("app").flatMap((file) => [...readFileSync(file, "utf8").matchAll(/action: "([a-z]+\.[a-z-]+)"/g)].map((match) => match[1]!)));
    expect(actions.size).toBeGreaterThan(20);
    const labels = JSON.parse(readFileSync("locales/nl/rounds.json", "utf8")).audit as Record<string, Record<string, string>>;
    const unlabelled = [...actions].filter((action) => {
      const [group, name] = action.split(".") as [string, string];
      return typeof labels[group]?.[name] !== "string";
    });
    expect(unlabelled).toEqual([]);
  });
});
