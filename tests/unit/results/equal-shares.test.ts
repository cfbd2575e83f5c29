// The fast Equal Shares (grouped voters, purses, float screening, lazy re-evaluation) against a plain
// transcription of the rule: one exact fraction of money per voter, every project re-evaluated every round.
import { describe, expect, it } from "vitest";
import { add, compare, divide, multiply, rational, subtract, ZERO, type Rational } from "~/kernel/rational";
import { tally, type Election } from "~/results/tally";
import { mulberry32 } from "../../../scripts/bench/random";

type Ballots = string[][];

function supportOf(election: Election): Map<string, number> {
  const support = new Map(election.projects.map((project) => [project.id, 0]));
  for (const ballot of election.ballots) for (const id of new Set(ballot.choices as string[])) support.set(id, support.get(id)! + 1);
  return support;
}

/** Projects in tie-break order: more support, lower cost, id. */
function tieBreakOrder(election: Election): string[] {
  const support = supportOf(election);
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  return [...support.keys()].sort((a, b) => {
    if (support.get(a) !== support.get(b)) return support.get(b)! - support.get(a)!;
    if (cost.get(a) !== cost.get(b)) return cost.get(a)! < cost.get(b)! ? -1 : 1;
    return a < b ? -1 : 1;
  });
}

function referenceEqualShares(election: Election, start: Rational): string[] {
  const order = tieBreakOrder(election);
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const ballots = election.ballots.map((ballot) => new Set(ballot.choices as string[]));
  const money = ballots.map(() => start);
  const funded: string[] = order.filter((id) => cost.get(id) === 0n && ballots.some((ballot) => ballot.has(id)));
  const out = new Set<string>();
  for (;;) {
    let best: { id: string; rho: Rational; ratio: Rational } | null = null;
    for (const id of order) {
      if (funded.includes(id) || out.has(id)) continue;
      const supporters = ballots.flatMap((ballot, voter) => (ballot.has(id) ? [voter] : []));
      const price = rational(cost.get(id)!);
      const total = supporters.reduce((sum, voter) => add(sum, money[voter]), ZERO);
      if (supporters.length === 0 || compare(total, price) < 0) {
        out.add(id);
        continue;
      }
      const budgets = supporters.map((voter) => money[voter]).sort(compare);
      let paid = ZERO;
      let rho: Rational | null = null;
      budgets.forEach((budget, i) => {
        if (rho) return;
        const candidate = divide(subtract(price, paid), rational(budgets.length - i));
        if (compare(candidate, budget) <= 0) rho = candidate;
        else paid = add(paid, budget);
      });
      const ratio = divide(rho!, price);
      if (!best || compare(ratio, best.ratio) < 0) best = { id, rho: rho!, ratio };
    }
    if (!best) return funded;
    funded.push(best.id);
    ballots.forEach((ballot, voter) => {
      if (ballot.has(best!.id)) money[voter] = compare(money[voter], best!.rho) <= 0 ? ZERO : subtract(money[voter], best!.rho);
    });
  }
}

function referenceAdd1(election: Election): string[] {
  const n = election.ballots.length;
  const supported = [...supportOf(election).values()].filter((count) => count > 0).length;
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const spent = (ids: string[]) => ids.reduce((sum, id) => sum + cost.get(id)!, 0n);
  let previous: string[] = [];
  for (let units = 0; ; units++) {
    const start = add(rational(election.budget, n), multiply(rational(units), rational(election.unit)));
    const run = referenceEqualShares(election, start);
    if (spent(run) > election.budget) return previous;
    if (run.length === supported) return run;
    previous = run;
  }
}

function randomElection(random: () => number, size: { projects: number; voters: number }): Election {
  const integer = (below: number) => Math.floor(random() * below);
  // Few distinct costs and small numbers make exact ties common.
  const projects = Array.from({ length: 1 + integer(size.projects) }, (_, i) => ({
    id: `p${i}`,
    cost: BigInt([0, 10, 20, 30, 60, 90][integer(6)] * (1 + integer(3))),
  }));
  const ballots: Ballots = Array.from({ length: integer(size.voters + 1) }, () => projects.filter(() => random() < 0.35).map((project) => project.id));
  return {
    budget: BigInt(integer(300)),
    unit: BigInt(1 + integer(10)),
    kind: "approval",
    projects,
    ballots: ballots.map((choices) => ({ choices })),
  };
}

describe("fast Equal Shares matches the plain transcription", () => {
  it("on 400 small random elections full of ties", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 400; trial++) {
      const election = randomElection(random, { projects: 7, voters: 9 });
      const context = JSON.stringify(election, (_, value) => (typeof value === "bigint" ? Number(value) : value));
      if (election.ballots.length > 0) {
        const start = rational(election.budget, election.ballots.length);
        expect(tally(election, "mes").funded, context).toEqual(referenceEqualShares(election, start));
      }
      expect(tally(election, "mes-add1").funded, context).toEqual(election.ballots.length ? referenceAdd1(election) : []);
    }
  });

  it("on larger random elections with many distinct purses", () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 12; trial++) {
      const election = randomElection(random, { projects: 14, voters: 120 });
      if (election.ballots.length === 0) continue;
      const start = rational(election.budget * 7n, BigInt(election.ballots.length));
      expect(tally({ ...election, budget: election.budget * 7n }, "mes").funded).toEqual(referenceEqualShares(election, start));
    }
  });
});
