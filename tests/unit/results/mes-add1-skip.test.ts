// mes-add1 skips starting budgets whose Equal Shares run provably repeats the previous one (equal-shares.ts,
// "Stability"; tally.ts, equalSharesAdd1). Here it is held to the plain definition: a sequential scan, one unit
// at a time, over a transcription of Equal Shares with one exact fraction of money per voter and every project
// re-evaluated every round. The funded lists (in order), unitsAdded and mes-add1u must match exactly.
import { describe, expect, it } from "vitest";
import { add, compare, divide, multiply, rational, subtract, ZERO, type Rational } from "~/kernel/rational";
import { equalSharesRunner } from "~/results/equal-shares";
import { tally, type Election } from "~/results/tally";
import { mulberry32 } from "../../../scripts/bench/random";

// ---- The reference: obviously correct, slow. ----

function ballotSets(election: Election): Set<string>[] {
  return election.ballots.map((ballot) => new Set(ballot.choices as string[]));
}

function supportOf(election: Election): Map<string, number> {
  const support = new Map(election.projects.map((project) => [project.id, 0]));
  for (const ballot of ballotSets(election)) for (const id of ballot) support.set(id, support.get(id)! + 1);
  return support;
}

/** The tie-break order: more support, then lower cost, then id in plain string order. */
function tieBreakOrder(election: Election): string[] {
  const support = supportOf(election);
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  return election.projects
    .map((project) => project.id)
    .sort((a, b) => {
      if (support.get(a) !== support.get(b)) return support.get(b)! - support.get(a)!;
      if (cost.get(a) !== cost.get(b)) return cost.get(a)! < cost.get(b)! ? -1 : 1;
      return a < b ? -1 : 1;
    });
}

/** Equal Shares, cost utilities: every voter starts with `start`; funded ids in funding order; ties by `order`. */
function referenceEqualShares(election: Election, start: Rational, order = tieBreakOrder(election)): string[] {
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const ballots = ballotSets(election);
  const money = ballots.map(() => start);
  const supported = (id: string) => ballots.some((ballot) => ballot.has(id));
  const funded = order.filter((id) => cost.get(id) === 0n && supported(id));
  for (;;) {
    let best: { id: string; rho: Rational; ratio: Rational } | null = null;
    for (const id of order) {
      if (funded.includes(id) || !supported(id)) continue;
      const price = rational(cost.get(id)!);
      const budgets = ballots.flatMap((ballot, voter) => (ballot.has(id) ? [money[voter]] : [])).sort(compare);
      if (compare(budgets.reduce(add, ZERO), price) < 0) continue; // unaffordable
      // The smallest ρ with Σ min(b, ρ) = C: the poorest pay everything while the rest cannot cover C evenly.
      let paid = ZERO;
      let rho: Rational | null = null;
      for (let i = 0; i < budgets.length && !rho; i++) {
        const even = divide(subtract(price, paid), rational(budgets.length - i));
        if (compare(even, budgets[i]) <= 0) rho = even;
        else paid = add(paid, budgets[i]);
      }
      const ratio = divide(rho!, price);
      if (!best || compare(ratio, best.ratio) < 0) best = { id, rho: rho!, ratio };
    }
    if (!best) return funded;
    const { id, rho } = best;
    funded.push(id);
    ballots.forEach((ballot, voter) => {
      if (ballot.has(id)) money[voter] = compare(money[voter], rho) <= 0 ? ZERO : subtract(money[voter], rho);
    });
  }
}

/** mes-add1 by its definition: starts budget/n + 0, 1, 2, … units, one run each. */
function referenceAdd1(election: Election): { funded: string[]; unitsAdded: number; runs: number } {
  const n = election.ballots.length;
  const supported = [...supportOf(election).values()].filter((count) => count > 0).length;
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const spent = (ids: string[]) => ids.reduce((sum, id) => sum + cost.get(id)!, 0n);
  let previous: string[] = [];
  for (let units = 0; ; units++) {
    const start = add(rational(election.budget, n), multiply(rational(units), rational(election.unit)));
    const run = referenceEqualShares(election, start);
    if (spent(run) > election.budget) return { funded: previous, unitsAdded: units - 1, runs: units + 1 };
    if (run.length === supported) return { funded: run, unitsAdded: units, runs: units + 1 };
    previous = run;
  }
}

/** mes-add1u by its definition: then every unfunded supported project that still fits, by support. */
function referenceAdd1u(election: Election, add1: string[]): string[] {
  const support = supportOf(election);
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const funded = [...add1];
  let left = election.budget - funded.reduce((sum, id) => sum + cost.get(id)!, 0n);
  for (const id of tieBreakOrder(election)) {
    if (funded.includes(id) || support.get(id) === 0 || cost.get(id)! > left) continue;
    funded.push(id);
    left -= cost.get(id)!;
  }
  return funded;
}

// ---- Random elections. ----

/**
 * 2–12 voters, 2–10 projects. Costs come from a short list (ties and equal costs are common), measured in units
 * up to `maxUnits`, sometimes with odd minor units; the budget ranges from nothing to twice the total cost.
 */
function randomElection(random: () => number, maxUnits: number): Election {
  const integer = (below: number) => Math.floor(random() * below);
  const unit = random() < 0.5 ? 1n : 100n;
  const oddCents = () => (random() < 0.3 ? BigInt(integer(Number(unit))) : 0n);
  const palette = Array.from({ length: 1 + integer(4) }, () => BigInt(integer(maxUnits + 1)) * unit + oddCents());
  const projects = Array.from({ length: 2 + integer(9) }, (_, i) => ({
    id: `p${i}`,
    cost: random() < 0.05 ? 0n : palette[integer(palette.length)],
  }));
  const density = 0.15 + random() * 0.6;
  const voters = 2 + integer(11);
  const ballots = Array.from({ length: voters }, () => ({
    choices: projects.filter(() => random() < density).map((project) => project.id),
  }));
  // Identical ballots make voters share money exactly; copy some.
  for (let i = 1; i < voters; i++) if (random() < 0.2) ballots[i] = ballots[integer(i)];
  const total = projects.reduce((sum, project) => sum + project.cost, 0n);
  const shape = random();
  const budget = shape < 0.15 ? 0n : shape < 0.35 ? BigInt(integer(5)) * unit + BigInt(integer(3)) : (total * BigInt(integer(201))) / 100n;
  return { budget, unit, kind: "approval", projects, ballots };
}

function describeElection(election: Election): string {
  return JSON.stringify(election, (_, value) => (typeof value === "bigint" ? Number(value) : value));
}

describe("mes-add1 with skipping equals the one-unit-at-a-time definition", () => {
  it.each([
    { seed: 1, trials: 150, maxUnits: 12 },
    { seed: 2, trials: 150, maxUnits: 40 },
    { seed: 3, trials: 60, maxUnits: 400 },
  ])("on $trials random small elections (seed $seed, costs up to $maxUnits units)", ({ seed, trials, maxUnits }) => {
    const random = mulberry32(seed);
    let referenceRuns = 0;
    let runs = 0;
    for (let trial = 0; trial < trials; trial++) {
      const election = randomElection(random, maxUnits);
      const context = describeElection(election);
      const expected = referenceAdd1(election);
      const outcome = tally(election, "mes-add1");
      expect(outcome.funded, context).toEqual(expected.funded);
      expect(outcome.unitsAdded, context).toBe(expected.unitsAdded);
      expect(outcome.equalSharesRuns, context).toBeLessThanOrEqual(expected.runs);
      const completed = tally(election, "mes-add1u");
      expect(completed.funded, context).toEqual(referenceAdd1u(election, expected.funded));
      expect(completed.unitsAdded, context).toBe(expected.unitsAdded);
      referenceRuns += expected.runs;
      runs += outcome.equalSharesRuns!;
    }
    // The skipping is real: far fewer runs than the scan, once costs are many units.
    if (maxUnits >= 40) expect(runs * 2).toBeLessThan(referenceRuns);
  });

  it("on elections built for ties: equal ballots, equal costs, budgets a multiple of the cost", () => {
    const random = mulberry32(4);
    for (let trial = 0; trial < 80; trial++) {
      const integer = (below: number) => Math.floor(random() * below);
      const unit = random() < 0.5 ? 1n : 100n;
      const cost = BigInt(1 + integer(12)) * unit;
      const count = 2 + integer(5);
      const projects = Array.from({ length: count }, (_, i) => ({
        id: `p${i}`,
        cost: i < 2 ? cost : cost * BigInt(1 + integer(3)),
      }));
      const voters = 2 + integer(6);
      const everything = projects.map((project) => project.id);
      const kinds = [everything, ["p0", "p1"], ["p0"], ["p1"]];
      const ballots = Array.from({ length: voters }, () => ({ choices: kinds[integer(kinds.length)] }));
      const election: Election = { budget: cost * BigInt(integer(4)), unit, kind: "approval", projects, ballots };
      const expected = referenceAdd1(election);
      const outcome = tally(election, "mes-add1");
      expect(outcome.funded, describeElection(election)).toEqual(expected.funded);
      expect(outcome.unitsAdded, describeElection(election)).toBe(expected.unitsAdded);
    }
  });
});

describe("Equal Shares' stableFor", () => {
  // The claim behind the skipping, tested head-on at fractional starts: every start in [s, s + stableFor) funds
  // the same list, in the same order, as the run at s.
  it("holds at starts spread over the whole interval, up to just below its end", () => {
    const random = mulberry32(5);
    let probes = 0;
    let finite = 0;
    for (let trial = 0; trial < 250; trial++) {
      const election = randomElection(random, 1 + Math.floor(random() * 60));
      // The runner breaks ties by index: give it the projects in id order, and the reference that order too.
      const ids = election.projects.map((project) => project.id);
      const groups = new Map<string, { weight: number; projects: number[] }>();
      for (const ballot of ballotSets(election)) {
        const projects = ids.flatMap((id, index) => (ballot.has(id) ? [index] : []));
        if (projects.length === 0) continue;
        const key = projects.join(",");
        const group = groups.get(key) ?? { weight: 0, projects };
        group.weight++;
        groups.set(key, group);
      }
      const costs = election.projects.map((project) => project.cost);
      const run = equalSharesRunner({ costs, groups: [...groups.values()] });
      const total = election.projects.reduce((sum, project) => sum + project.cost, 0n);
      for (let attempt = 0; attempt < 3; attempt++) {
        const numerator = BigInt(Math.floor(random() * Number(total + 2n) * 100));
        const start = rational(numerator, 100n * BigInt(1 + Math.floor(random() * 6)));
        const result = run(start, { stability: true });
        const funded = result.funded.map((index) => ids[index]);
        const context = `${describeElection(election)} start ${start.numerator}/${start.denominator}`;
        expect(funded, context).toEqual(referenceEqualShares(election, start, ids));
        const length = result.stableFor;
        expect(length === undefined, context).toBe(false);
        if (length === null) {
          // Nothing can change: the run at any richer start is the same.
          for (const factor of [2n, 1000n]) {
            const richer = multiply(start, rational(factor));
            expect(referenceEqualShares(election, add(richer, rational(total)), ids), context).toEqual(funded);
          }
          continue;
        }
        expect(compare(length!, ZERO), context).toBeGreaterThanOrEqual(0);
        // With a floor the runner may give up early, reporting 0, but only when the interval is no longer.
        const floor = rational(1 + Math.floor(random() * 50));
        const floored = run(start, { stability: true, stabilityFloor: floor }).stableFor;
        expect(floored, context).toEqual(compare(length!, floor) <= 0 ? ZERO : length);
        if (length!.numerator === 0n) continue;
        finite++;
        const fractions = [rational(1, 7), rational(1, 2), rational(6, 7), rational(999, 1000), rational(999_999, 1_000_000)];
        for (const fraction of fractions) {
          const inside = add(start, multiply(length!, fraction));
          const where = `${context} at ${fraction.numerator}/${fraction.denominator} of stableFor`;
          expect(referenceEqualShares(election, inside, ids), where).toEqual(funded);
          probes++;
        }
      }
    }
    expect(finite).toBeGreaterThan(100);
    expect(probes).toBeGreaterThan(500);
  });
});

describe("mes-add1 on inputs that took the sequential scan seconds", () => {
  it("two voters, one project costing the whole €2,000,000: two runs instead of a million", () => {
    // budget/n = €1,000,000; the one supporter affords the project once she holds €2,000,000, after 1,000,000
    // units. That run funds everything supported and costs exactly the budget, so it is the answer.
    const election: Election = {
      budget: 200_000_000n,
      unit: 100n,
      kind: "approval",
      projects: [{ id: "A", cost: 200_000_000n }],
      ballots: [{ choices: ["A"] }, { choices: [] }],
    };
    const outcome = tally(election, "mes-add1");
    expect(outcome.funded).toEqual(["A"]);
    expect(outcome.unitsAdded).toBe(1_000_000);
    expect(outcome.equalSharesRuns).toBe(2); // units 0 and 1,000,000 (the scan: 1,000,001 runs)
    // The definition's run at that start, and the one just before it, agree.
    expect(referenceEqualShares(election, rational(200_000_000n, 1n))).toEqual(["A"]);
    expect(referenceEqualShares(election, rational(199_999_900n, 1n))).toEqual([]);
  });

  it("12 voters, 31 projects, €2,000,000, one expensive project with a single supporter: a handful of runs", () => {
    // Thirty projects of €30,000–€90,000 (ties included), each approved by a few of voters 1–11; project Z
    // (€504,000) only by voter 12, who approves nothing else. budget/n = €166,666.66⅔. Voter 12 affords Z from
    // €504,000, i.e. after 337,334 units; that run adds Z to the small projects and costs more than the budget.
    const random = mulberry32(2024);
    const projects = Array.from({ length: 30 }, (_, i) => ({
      id: `p${String(i).padStart(2, "0")}`,
      cost: BigInt([30_000, 50_000, 60_000, 60_000, 70_000, 90_000][Math.floor(random() * 6)]) * 100n,
    }));
    const small = projects.reduce((sum, project) => sum + project.cost, 0n);
    const ballots = Array.from({ length: 11 }, (_, voter) => ({
      choices: projects.filter((_, i) => i % 11 === voter || random() < 0.25).map((project) => project.id),
    }));
    const election: Election = {
      budget: 200_000_000n,
      unit: 100n,
      kind: "approval",
      projects: [...projects, { id: "Z", cost: 50_400_000n }],
      ballots: [...ballots, { choices: ["Z"] }],
    };
    const supported = new Set(ballots.flatMap((ballot) => ballot.choices));
    expect(supported.size).toBe(30); // every small project has a supporter …
    expect(small).toBeLessThanOrEqual(200_000_000n); // … and all of them fit, but not with Z
    expect(small + 50_400_000n).toBeGreaterThan(200_000_000n);

    const outcome = tally(election, "mes-add1");
    expect(outcome.unitsAdded).toBe(337_333);
    expect(outcome.equalSharesRuns).toBeLessThanOrEqual(20); // the scan: 337,335 runs
    const start = (units: bigint) => rational(200_000_000n + units * 100n * 12n, 12n);
    expect(outcome.funded).toEqual(referenceEqualShares(election, start(337_333n)));
    expect(outcome.funded).not.toContain("Z");
    const next = referenceEqualShares(election, start(337_334n));
    const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
    expect(next).toContain("Z");
    expect(next.reduce((sum, id) => sum + cost.get(id)!, 0n)).toBeGreaterThan(200_000_000n);
  });
});
