// `npx tsx scripts/golden-tallies.ts [--check]`: the funded lists the tally gives for every rule allowed on every
// Pabulib file in PABULIB_DIR (default ../shared/pabulib), written to tests/golden/pabulib-tallies.json — the
// record a faster tally must reproduce exactly (tests/unit/results/golden-tallies.test.ts; Prettier formats the
// file). With --check it writes nothing and exits 1 if any list differs from the record. Prints each tally's time.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pabulibElection, parsePabulib } from "../app/results/pabulib";
import { ruleAllowed, tally, TALLY_RULES } from "../app/results/tally";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const directory = path.resolve(ROOT, process.env.PABULIB_DIR ?? "../shared/pabulib");
const record = path.join(ROOT, "tests", "golden", "pabulib-tallies.json");
const checking = process.argv.includes("--check");

const golden: Record<string, Record<string, string[]>> = {};
for (const name of readdirSync(directory)
  .filter((file) => file.endsWith(".pb"))
  .sort()) {
  const election = pabulibElection(parsePabulib(readFileSync(path.join(directory, name), "utf8")));
  golden[name] = {};
  for (const rule of TALLY_RULES.filter((rule) => ruleAllowed(election.kind, rule))) {
    const started = performance.now();
    golden[name][rule] = tally(election, rule).funded;
    process.stderr.write(`${name} ${rule}: ${golden[name][rule].length} funded in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  }
}
if (!checking) writeFileSync(record, `${JSON.stringify(golden, null, 2)}\n`);
else if (JSON.stringify(JSON.parse(readFileSync(record, "utf8"))) !== JSON.stringify(golden)) {
  console.error(`The tallies differ from ${path.relative(ROOT, record)}`);
  process.exit(1);
}
