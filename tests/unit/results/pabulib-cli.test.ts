import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), "pabulib-cli-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const file = path.join(directory, name);
  writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

function cli(...args: string[]) {
  const result = spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/pabulib.ts", ...args], {
    cwd: repositoryRoot,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const HEAD = ["META", "key;value", "budget;100", "vote_type;approval", "PROJECTS", "project_id;cost;name"];
// Support: b 3, a 2, c 1. Budget 100: b (70) leaves 30; a (40) does not fit; c (30) does.
const VALID = [...HEAD, "a;40;A", "b;70;B", 'c;30;"C; see"', "VOTES", "voter_id;vote", "1;a,b", "2;b", "3;a,b,c"];

describe("pabulib CLI", { timeout: 30_000 }, () => {
  it("prints the funded ids in funding order", () => {
    const result = cli("tally", write("valid.pb", VALID), "--rule", "greedy");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("b\nc\n");
  });

  it("exits 1 with the line number for a malformed file", () => {
    const broken = VALID.map((line) => (line === "2;b" ? "2;b,zz" : line));
    const result = cli("tally", write("broken.pb", broken), "--rule", "greedy");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/broken\.pb: line 13: vote refers to unknown project zz/);
  });

  it("exits 2 with usage for an unknown rule or a missing file", () => {
    const unknownRule = cli("tally", write("valid.pb", VALID), "--rule", "borda");
    expect(unknownRule.status).toBe(2);
    expect(unknownRule.stderr).toMatch(/unknown rule borda\nusage: .*--rule greedy\|mes\|mes-add1\|mes-add1u/);
    const missing = cli("tally", path.join(directory, "nowhere.pb"), "--rule", "mes");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nowhere\.pb: ENOENT\nusage:/);
  });

  it("refuses a non-greedy rule on cumulative ballots", () => {
    const cumulative = write("cumulative.pb", [
      ...HEAD.map((line) => (line === "vote_type;approval" ? "vote_type;cumulative" : line)),
      "a;40;A",
      "VOTES",
      "voter_id;vote;points",
      "1;a;10",
    ]);
    const result = cli("tally", cumulative, "--rule", "mes");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cumulative ballots can only be tallied with greedy, not mes/);
  });
});
