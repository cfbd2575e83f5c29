// Real elections from Pabulib, read in place from PABULIB_DIR (default ../shared/pabulib next to the repository).
// Each file is tallied with the rule its META names, and the result must equal the published `selected` column.
// Without the directory this fails under CI=true and is skipped, loudly, elsewhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pabulibElection, parsePabulib } from "~/results/pabulib";
import { tally, type TallyRule } from "~/results/tally";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const directory = path.resolve(repositoryRoot, process.env.PABULIB_DIR ?? "../shared/pabulib");
const available = existsSync(directory);

const KNOWN_FILES = [
  "Netherlands_Assen_2024.pb",
  "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb",
  "Poland_Warszawa_2017_Przyczolek_Grochowski.pb",
  "Poland_Czestochowa_2024_Bleszno.pb",
];

/** Pabulib's names for the rules we implement. */
const RULE_BY_META: Record<string, TallyRule> = { greedy: "greedy", equalshares: "mes", "equalshares/add1": "mes-add1" };

if (!available && process.env.CI !== "true") {
  console.warn(`\n!!! SKIPPING real Pabulib elections: ${directory} does not exist (set PABULIB_DIR) !!!\n`);
}

describe.skipIf(!available && process.env.CI !== "true")("real Pabulib elections", () => {
  it("has the four known files", () => {
    expect(available, `${directory} does not exist (set PABULIB_DIR)`).toBe(true);
    const files = readdirSync(directory);
    for (const name of KNOWN_FILES) expect(files).toContain(name);
  });

  const files = available
    ? readdirSync(directory)
        .filter((name) => name.endsWith(".pb"))
        .sort()
    : [];
  it.each(files)("%s: the city's rule reproduces the published selection", (name) => {
    const file = parsePabulib(readFileSync(path.join(directory, name), "utf8"));
    const rule = RULE_BY_META[file.meta.get("rule")?.trim() ?? ""];
    if (!rule) {
      console.warn(`${name}: META rule '${file.meta.get("rule")}' is not one we implement; not checked`);
      return;
    }
    const published = file.projects.filter((project) => project.fields.selected?.trim() === "1").map((project) => project.id);
    const outcome = tally(pabulibElection(file), rule);
    expect(outcome.funded.slice().sort()).toEqual(published.sort());
    expect(outcome.spent).toBeLessThanOrEqual(file.budget);
  });

  it("checks each known file with the rule its README gives", () => {
    const rules = Object.fromEntries(KNOWN_FILES.map((name) => [name, parsePabulib(readFileSync(path.join(directory, name), "utf8")).meta.get("rule")]));
    expect(rules).toEqual({
      "Netherlands_Assen_2024.pb": "equalshares/add1",
      "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb": "greedy",
      "Poland_Warszawa_2017_Przyczolek_Grochowski.pb": "greedy",
      "Poland_Czestochowa_2024_Bleszno.pb": "greedy",
    });
  });
});
