// The funded lists of every rule on every real Pabulib file, as the exact tally gave them when they were recorded
// (tests/golden/pabulib-tallies.json, written by scripts/golden-tallies.ts): a faster tally must give the same
// projects in the same order; also on the city-size election disguised (voters shuffled, projects listed in another
// order, ids renamed keeping their order, which breaks the last ties), so that no speed-up is tuned to one file.
// Without PABULIB_DIR this fails under CI=true and is skipped, loudly, elsewhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pabulibElection, parsePabulib } from "~/results/pabulib";
import { ruleAllowed, tally, TALLY_RULES, type TallyRule } from "~/results/tally";
import { disguisedPabulib } from "../../../scripts/bench/pabulib-cli";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const directory = path.resolve(repositoryRoot, process.env.PABULIB_DIR ?? "../shared/pabulib");
const available = existsSync(directory);
const golden: Record<string, Partial<Record<TallyRule, string[]>>> = JSON.parse(
  readFileSync(path.join(repositoryRoot, "tests/golden/pabulib-tallies.json"), "utf8"),
);

if (!available && process.env.CI !== "true") console.warn(`\n!!! SKIPPING the golden tallies: ${directory} does not exist (set PABULIB_DIR) !!!\n`);

const CITY_SIZE = "Poland_Warszawa_2020_Praga-Poludnie.pb";

describe.skipIf(!available && process.env.CI !== "true")("the golden tallies", () => {
  const election = (name: string) => pabulibElection(parsePabulib(readFileSync(path.join(directory, name), "utf8")));

  it("record every rule allowed on every file there is", () => {
    const files = readdirSync(directory)
      .filter((name) => name.endsWith(".pb"))
      .sort();
    expect(Object.keys(golden).sort()).toEqual(files);
    for (const name of files) {
      const { kind } = election(name);
      expect(Object.keys(golden[name]!), name).toEqual(TALLY_RULES.filter((rule) => ruleAllowed(kind, rule)));
    }
  });

  const cases = Object.entries(golden).flatMap(([name, rules]) => Object.entries(rules).map(([rule, funded]) => ({ name, rule: rule as TallyRule, funded })));
  it.each(cases)(
    "$name, $rule: the same projects in the same order",
    ({ name, rule, funded }) => {
      expect(tally(election(name), rule).funded).toEqual(funded);
    },
    120_000,
  );

  it.each(["mes-add1", "mes-add1u"] as const)(
    `${CITY_SIZE} disguised, %s: the same projects in the same order`,
    (rule) => {
      const { file, original } = disguisedPabulib(parsePabulib(readFileSync(path.join(directory, CITY_SIZE), "utf8")));
      expect(tally(pabulibElection(file), rule).funded.map((id) => original.get(id))).toEqual(golden[CITY_SIZE]![rule]);
    },
    120_000,
  );
});
