// Ballot secrecy (docs/decisions/0010): the tables that record a vote hold nothing derived from time —
// no DateTime column, no default that stamps the clock (now(), @updatedAt, cuid(), uuid v1/v7).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const VOTING_TABLES = ["Participation", "Ballot", "BallotChoice"];
const schema = readFileSync("prisma/schema.prisma", "utf8");

function modelBlock(name: string): string {
  const match = schema.match(new RegExp(`^model ${name} \\{([\\s\\S]*?)^\\}`, "m"));
  if (!match) throw new Error(`No model ${name} in prisma/schema.prisma`);
  // Field lines only: doc comments may explain what is not there.
  return match[1]!
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
}

describe("the tables that record a vote", () => {
  it.each(VOTING_TABLES)("%s holds no time and no time-derived id", (name) => {
    const fields = modelBlock(name);
    expect(fields).not.toMatch(/\bDateTime\b/);
    expect(fields).not.toMatch(/@updatedAt|now\(\)|cuid\(|uuid\(|autoincrement\(|ulid\(/);
  });
});
