import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RETENTION } from "~/privacy/retention";

/** The retention table of docs/privacy.md: key → the "Kept" cell. */
function documentedRows(): Map<string, string> {
  const rows = readFileSync("docs/privacy.md", "utf8")
    .split("\n")
    .map((line) => /^\| `([a-zA-Z]+)` \| [^|]+ \| ([^|]+) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null);
  return new Map(rows.map((match) => [match[1]!, match[2]!.trim()]));
}

describe("docs/privacy.md", () => {
  it("documents every row of the retention list, with its period, and nothing else", () => {
    const documented = documentedRows();
    expect([...documented.keys()].sort()).toEqual(RETENTION.map((row) => row.key).sort());
    for (const { key, days } of RETENTION) {
      expect(documented.get(key), key).toMatch(new RegExp(`(^|\\()${days} days?\\b|^${days / 365} years \\(${days} days\\)`));
    }
  });
});
