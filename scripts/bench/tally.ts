// `npm run bench:tally` (and the tally rows of `npm run bench`): times every tally rule on a large synthetic
// city. Prints figures; it asserts nothing.
// 100,000 voters, 150 projects costing €5,000–€150,000, a €2,000,000 budget; each voter approves 1–8 distinct
// projects, picked with probability ∝ 1/rank (rank = project index + 1). A fixed seed makes every run identical.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { rational } from "../../app/kernel/rational";
import { tally, weightedTally, type Election, type TallyOutcome, type TallyRule } from "../../app/results/tally";
import { mulberry32 } from "./random";

const SEED = 20240611;
const VOTERS = 100_000;
const PROJECTS = 150;
const CENTS = 100n;

function syntheticCity(): { election: Election; panelScores: Map<string, ReturnType<typeof rational> | null> } {
  const random = mulberry32(SEED);
  const id = (index: number) => `p${String(index + 1).padStart(3, "0")}`;
  const projects = Array.from({ length: PROJECTS }, (_, index) => ({
    id: id(index),
    cost: BigInt(5_000 + Math.floor(random() * 145_001)) * CENTS,
  }));
  // Cumulative popularity 1/1 + 1/2 + … for sampling by binary search.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= PROJECTS; rank++) cumulative.push((total += 1 / rank));
  const pick = () => {
    const target = random() * total;
    let low = 0;
    let high = PROJECTS - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] <= target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const ballots = Array.from({ length: VOTERS }, () => {
    const size = 1 + Math.floor(random() * 8);
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(pick());
    return { choices: [...chosen].map(id) };
  });
  // Panel scores 0–10; one proposal in ten has none.
  const panelScores = new Map(projects.map((project) => [project.id, random() < 0.1 ? null : rational(Math.floor(random() * 11))] as const));
  return { election: { budget: 2_000_000n * CENTS, unit: CENTS, kind: "approval", projects, ballots }, panelScores };
}

function euros(cents: bigint): string {
  return `€${(cents / CENTS).toLocaleString("en")}`;
}

export interface TallyTiming {
  rule: string;
  seconds: number;
  funded: number;
  /** Money spent, and for the Equal Shares completions the units added per voter. */
  outcome: string;
}

function timing(rule: string, run: () => TallyOutcome): TallyTiming {
  const start = performance.now();
  const outcome = run();
  const seconds = (performance.now() - start) / 1000;
  const added = outcome.unitsAdded === undefined ? "" : ` (+${outcome.unitsAdded} units per voter)`;
  return { rule, seconds, funded: outcome.funded.length, outcome: `${euros(outcome.spent)} spent${added}` };
}

/** The synthetic city (and how long generating it took), then each rule's time on it. */
export function tallyTimings(): { city: string; timings: TallyTiming[] } {
  const generated = performance.now();
  const { election, panelScores } = syntheticCity();
  const city =
    `${VOTERS.toLocaleString("en")} voters, ${PROJECTS} projects, budget ${euros(election.budget)}, seed ${SEED} ` +
    `(generated in ${((performance.now() - generated) / 1000).toFixed(2)} s)`;
  const timings = (["greedy", "mes", "mes-add1", "mes-add1u"] satisfies TallyRule[]).map((rule) => timing(rule, () => tally(election, rule)));
  timings.push(timing("weighted p=0.3", () => weightedTally(election, panelScores, rational(3, 10), 10n)));
  return { city, timings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { city, timings } = tallyTimings();
  console.log(city);
  for (const { rule, seconds, funded, outcome } of timings) {
    console.log(`${rule.padEnd(16)} ${seconds.toFixed(2).padStart(6)} s  ${String(funded).padStart(3)} funded  ${outcome}`);
  }
}
