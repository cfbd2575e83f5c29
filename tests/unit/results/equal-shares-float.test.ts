// Equal Shares settles most evaluations in floating point (a proven bound on the float error of ρ decides which
// purses run dry) and works out exact ρ only for funding steps and near ties. These elections have irregular costs
// and starts, so most decisions go through that float path, with exact ties mixed in: every run must equal a plain
// exact transcription of the rule, at every start tried, with and without the stability bookkeeping, and a start
// inside the reported stability interval must fund the same list.
import { describe, expect, it } from "vitest";
import { add, compare, divide, multiply, rational, subtract, ZERO, type Rational } from "~/kernel/rational";
import { equalSharesRunner, type ApprovalProfile } from "~/results/equal-shares";
import { mulberry32 } from "../../../scripts/bench/random";

/** The rule itself on a profile: exact money per group, every open project re-evaluated every round. */
function reference(profile: ApprovalProfile, start: Rational): number[] {
  const { costs, groups } = profile;
  const money = groups.map(() => start);
  const supported = costs.map((_, project) => groups.some((group) => group.projects.includes(project)));
  const funded = costs.flatMap((cost, project) => (cost === 0n && supported[project] ? [project] : []));
  const closed = new Set<number>(costs.map((_, project) => project).filter((project) => !supported[project] || costs[project] === 0n));
  for (;;) {
    let best: { project: number; rho: Rational; ratio: Rational } | null = null;
    for (let project = 0; project < costs.length; project++) {
      if (closed.has(project)) continue;
      const price = rational(costs[project]);
      const backers = groups.flatMap((group, g) => (group.projects.includes(project) ? [g] : []));
      const total = backers.reduce((sum, g) => add(sum, multiply(money[g], rational(groups[g].weight))), ZERO);
      if (compare(total, price) < 0) {
        closed.add(project);
        continue;
      }
      backers.sort((a, b) => compare(money[a], money[b]));
      let paid = ZERO;
      let rest = backers.reduce((sum, g) => sum + groups[g].weight, 0);
      let rho: Rational | null = null;
      for (const g of backers) {
        const candidate = divide(subtract(price, paid), rational(rest));
        if (compare(candidate, money[g]) <= 0) {
          rho = candidate;
          break;
        }
        paid = add(paid, multiply(money[g], rational(groups[g].weight)));
        rest -= groups[g].weight;
      }
      const ratio = divide(rho!, price);
      if (!best || compare(ratio, best.ratio) < 0) best = { project, rho: rho!, ratio };
    }
    if (!best) return funded;
    funded.push(best.project);
    closed.add(best.project);
    groups.forEach((group, g) => {
      if (group.projects.includes(best!.project)) money[g] = compare(money[g], best!.rho) <= 0 ? ZERO : subtract(money[g], best!.rho);
    });
  }
}

function randomProfile(random: () => number): ApprovalProfile {
  const integer = (below: number) => Math.floor(random() * below);
  const projectCount = 4 + integer(12);
  // Mostly irregular costs (the float path), some equal ones (exact ties between projects).
  const costs = Array.from({ length: projectCount }, () => (random() < 0.2 ? 6_000n : BigInt(1 + integer(20_000))));
  const groups = Array.from({ length: 5 + integer(60) }, () => ({
    weight: 1 + integer(random() < 0.2 ? 40 : 4),
    projects: [...new Set(Array.from({ length: 1 + integer(5) }, () => integer(projectCount)))].sort((a, b) => a - b),
  }));
  return { costs, groups };
}

describe("Equal Shares with float-settled evaluations matches the exact rule", () => {
  it("at many starts on 150 random profiles, with and without stability", () => {
    const random = mulberry32(2024);
    let checkedInside = 0;
    for (let trial = 0; trial < 150; trial++) {
      const profile = randomProfile(random);
      const run = equalSharesRunner(profile);
      const voters = profile.groups.reduce((sum, group) => sum + group.weight, 0);
      for (let k = 0; k < 6; k++) {
        const start = rational(BigInt(1 + Math.floor(random() * 4_000_000)), BigInt(voters * (1 + Math.floor(random() * 97))));
        const expected = reference(profile, start);
        const context = `trial ${trial}, start ${start.numerator}/${start.denominator}`;
        expect(run(start).funded, context).toEqual(expected);
        const stable = run(start, { stability: true });
        expect(stable.funded, context).toEqual(expected);
        if (stable.stableFor && stable.stableFor.numerator > 0n) {
          // Somewhere strictly inside [start, start + stableFor).
          const inside = add(start, multiply(stable.stableFor, rational(1 + Math.floor(random() * 98), 100)));
          expect(run(inside).funded, `${context}, inside the stability interval`).toEqual(expected);
          checkedInside++;
        }
      }
    }
    expect(checkedInside).toBeGreaterThan(50);
  });
});
