// Method of Equal Shares with cost utilities on approval ballots, decided in exact arithmetic.
//
// Every voter starts with the same money (a fraction of minor units). For every project c still open, with cost
// C > 0 and supporters S: if the supporters' money is short of C, c is out for good; otherwise ρ solves
// Σ_{i∈S} min(b_i, ρ) = C. The project with the smallest ρ/C is funded (ties: lower project index) and each
// supporter pays min(b_i, ρ). Repeat until nothing is affordable. Supported projects costing 0 are funded first.
//
// How it stays exact and still handles 100,000 voters through hundreds of passes:
// - Groups: voters with identical ballots always hold the same money, so they are one weighted group.
// - Purses: groups holding the same money share a purse. A purse's money is start − Σ ρ_k over the funding steps
//   k it paid without running dry, so it is stored as that list of steps, and every ρ_k as an integer over one
//   common denominator Q. The money in many purses is then W·start − Σ_k ρ_k·(weight that paid step k): a few
//   bigint products instead of thousands of fraction additions.
// - Floats only screen. Which purses run dry at ρ is guessed in floating point, then ρ is computed exactly for that
//   guess and the guess is verified: a purse is on the right side either by more than a proven float error bound
//   or by an exact comparison. Any doubt falls back to a fully exact computation. Winners are compared exactly.
// - Lazy re-evaluation: money only shrinks, so a project's ρ/C never decreases and its last value is a lower
//   bound. Each step recomputes only the project with the smallest bound until that one is up to date.

import type { Rational } from "./rational";

export interface ApprovalProfile {
  /** Cost of each project in minor units. A lower index wins ties, so order projects by the tie-break first. */
  readonly costs: readonly bigint[];
  /** Distinct non-empty ballots: the project indices approved and how many voters cast exactly that ballot. */
  readonly groups: readonly { readonly weight: number; readonly projects: readonly number[] }[];
}

export interface EqualSharesResult {
  /** Project indices in funding order. */
  funded: number[];
  spent: bigint;
}

/** Machine epsilon, twice the unit roundoff of a double: the float error bounds below are counted in these. */
const EPSILON = 2 ** -52;

interface Fraction {
  numerator: bigint;
  denominator: bigint; // > 0, not necessarily reduced
}

/** A project's current ρ, the purses that run dry paying it, and ρ/C (its place in the queue). */
interface Evaluation {
  rho: Fraction;
  capped: ReadonlySet<number>;
  ratio: Fraction;
  ratioApprox: number;
}

interface Purse {
  /** Money per voter, approximately: off by at most purseError(). */
  value: number;
  /** Funding steps this purse paid ρ for in full. */
  paidSteps: readonly number[];
}

const OPEN = 0;
const FUNDED = 1;
const OUT = 2;

/** Ballots as flat typed arrays (one pass over a group's ballot touches a few cache lines, not scattered objects). */
interface Layout {
  costs: readonly bigint[];
  groupWeight: Float64Array;
  ballotStart: Int32Array; // group g approves ballotProjects[ballotStart[g] .. ballotStart[g + 1])
  ballotProjects: Int32Array;
  supporterStart: Int32Array; // project p is approved by supporters[supporterStart[p] .. supporterStart[p + 1])
  supporters: Int32Array;
  supporterWeight: Float64Array;
}

/** Runs Equal Shares on one profile for any starting money; the ballots are laid out once for all runs. */
export function equalSharesRunner(profile: ApprovalProfile): (startPerVoter: Rational) => EqualSharesResult {
  const layout = layOut(profile);
  return (startPerVoter) => run(layout, startPerVoter);
}

function layOut({ costs, groups }: ApprovalProfile): Layout {
  const ballotStart = new Int32Array(groups.length + 1);
  groups.forEach((group, g) => (ballotStart[g + 1] = ballotStart[g] + group.projects.length));
  const ballotProjects = Int32Array.from(groups.flatMap((group) => group.projects));
  const supporterStart = new Int32Array(costs.length + 1);
  for (const project of ballotProjects) supporterStart[project + 1]++;
  for (let p = 0; p < costs.length; p++) supporterStart[p + 1] += supporterStart[p];
  const supporters = new Int32Array(ballotProjects.length);
  const fill = supporterStart.slice(0, costs.length);
  const supporterWeight = new Float64Array(costs.length);
  groups.forEach((group, g) => {
    for (const project of group.projects) {
      supporters[fill[project]++] = g;
      supporterWeight[project] += group.weight;
    }
  });
  const groupWeight = Float64Array.from(groups, (group) => group.weight);
  return { costs, groupWeight, ballotStart, ballotProjects, supporterStart, supporters, supporterWeight };
}

function run(layout: Layout, startPerVoter: Rational): EqualSharesResult {
  const { costs, groupWeight, ballotStart, ballotProjects, supporterStart, supporters, supporterWeight } = layout;
  const projectCount = costs.length;

  const funded: number[] = [];
  let spent = 0n;
  const status = new Uint8Array(projectCount);
  const pursesOfProject: (Map<number, number> | null)[] = new Array(projectCount).fill(null);
  const open: number[] = [];
  for (let project = 0; project < projectCount; project++) {
    if (supporterWeight[project] === 0) status[project] = OUT;
    else if (costs[project] === 0n) {
      status[project] = FUNDED;
      funded.push(project);
    } else {
      pursesOfProject[project] = new Map([[0, supporterWeight[project]]]);
      open.push(project);
    }
  }

  // Exact money: purse value = (startScaled − Σ stepPayments[k] over its paid steps) / commonDenominator.
  let commonDenominator = startPerVoter.denominator;
  let startScaled = startPerVoter.numerator;
  const stepPayments: bigint[] = [];
  const startApprox = approximate(startPerVoter.numerator, startPerVoter.denominator);
  const purses: Purse[] = [{ value: startApprox, paidSteps: [] }];
  const purseOfGroup = new Int32Array(groupWeight.length); // -1: the group's money is gone
  // Scratch for fund(): weight moving per project, and each paying purse's bucket.
  const movedWeight = new Float64Array(projectCount);
  let slotOfPurse = new Int32Array(0);

  const evaluations: (Evaluation | null)[] = new Array(projectCount).fill(null);
  const bounds: Fraction[] = new Array(projectCount).fill({ numerator: 0n, denominator: 1n });
  const boundApprox: number[] = new Array(projectCount).fill(0);

  // A purse's float starts within 4 unit roundoffs (EPSILON / 2) of the exact start and drifts by at most 5 more
  // per payment (ρ rounded to a float, then the subtraction; every magnitude involved is at most the start).
  // 8 EPSILON = 16 unit roundoffs per step covers both.
  const purseError = () => 8 * (stepPayments.length + 1) * EPSILON * startApprox;

  const purseNumerator = (purse: number): bigint => {
    let numerator = startScaled;
    for (const step of purses[purse].paidSteps) numerator -= stepPayments[step];
    return numerator;
  };

  /** Σ weight·money over the given purses, times commonDenominator: exact. */
  const scaledMoney = (purseIds: readonly number[], weights: readonly number[]): bigint => {
    const weightPerStep = new Array<number>(stepPayments.length).fill(0);
    let totalWeight = 0;
    purseIds.forEach((purse, i) => {
      totalWeight += weights[i];
      for (const step of purses[purse].paidSteps) weightPerStep[step] += weights[i];
    });
    let sum = BigInt(totalWeight) * startScaled;
    weightPerStep.forEach((weight, step) => {
      if (weight > 0) sum -= BigInt(weight) * stepPayments[step];
    });
    return sum;
  };

  const makeEvaluation = (project: number, remainder: bigint, restWeight: bigint, capped: Set<number>): Evaluation => {
    const rho = { numerator: remainder, denominator: commonDenominator * restWeight };
    const ratio = { numerator: remainder, denominator: rho.denominator * costs[project] };
    return { rho, capped, ratio, ratioApprox: approximate(ratio.numerator, ratio.denominator) };
  };

  /** Fully exact ρ: sort the purses by exact money and fill from the poorest. Null when unaffordable. */
  const evaluateExactly = (project: number, purseIds: number[], weights: number[]): Evaluation | null => {
    const costScaled = costs[project] * commonDenominator;
    const entries = purseIds.map((purse, i) => ({ purse, weight: BigInt(weights[i]), money: purseNumerator(purse) }));
    entries.sort((a, b) => (a.money < b.money ? -1 : a.money > b.money ? 1 : 0));
    let cappedMoney = 0n;
    let restWeight = entries.reduce((sum, entry) => sum + entry.weight, 0n);
    if (entries.reduce((sum, entry) => sum + entry.weight * entry.money, 0n) < costScaled) return null;
    const capped = new Set<number>();
    // Affordable, so the last entry at the latest satisfies remainder ≤ money·restWeight.
    for (const entry of entries) {
      const remainder = costScaled - cappedMoney;
      if (remainder <= entry.money * restWeight) return makeEvaluation(project, remainder, restWeight, capped);
      cappedMoney += entry.weight * entry.money;
      restWeight -= entry.weight;
      capped.add(entry.purse);
    }
    throw new Error("Equal Shares: an affordable project found no ρ");
  };

  const evaluate = (project: number): Evaluation | null => {
    const purseIds: number[] = [];
    const weights: number[] = [];
    const values: number[] = [];
    let totalWeight = 0;
    let moneyApprox = 0;
    for (const [purse, weight] of pursesOfProject[project]!) {
      purseIds.push(purse);
      weights.push(weight);
      values.push(purses[purse].value);
      totalWeight += weight;
      moneyApprox += weight * purses[purse].value;
    }
    const cost = costs[project];
    const costApprox = Number(cost);
    const valueError = purseError();

    const moneyError =
      2 * (totalWeight * valueError + (purseIds.length + 2) * EPSILON * Math.abs(moneyApprox)) + EPSILON * costApprox;
    if (moneyApprox + moneyError < costApprox) return null;
    if (moneyApprox - moneyError < costApprox) return evaluateExactly(project, purseIds, weights);

    // Water-filling in floats: purses poorer than the current ρ pay everything, which raises ρ; repeat.
    const isCapped = new Uint8Array(purseIds.length);
    let uncapped = purseIds.map((_, i) => i);
    let restWeight = totalWeight;
    let cappedMoney = 0;
    let rhoApprox = costApprox / restWeight;
    for (;;) {
      const stillUncapped: number[] = [];
      for (const i of uncapped) {
        if (values[i] <= rhoApprox) {
          isCapped[i] = 1;
          cappedMoney += weights[i] * values[i];
          restWeight -= weights[i];
        } else stillUncapped.push(i);
      }
      if (stillUncapped.length === uncapped.length || restWeight === 0) break;
      uncapped = stillUncapped;
      rhoApprox = (costApprox - cappedMoney) / restWeight;
    }
    if (restWeight === 0) return evaluateExactly(project, purseIds, weights);

    // Exact ρ for that guess: ρ·Q·restWeight = C·Q − Σ_capped weight·money·Q.
    const cappedIds = purseIds.filter((_, i) => isCapped[i]);
    const cappedWeights = weights.filter((_, i) => isCapped[i]);
    const remainder = cost * commonDenominator - scaledMoney(cappedIds, cappedWeights);
    const restWeightBig = BigInt(restWeight);
    if (remainder <= 0n) return evaluateExactly(project, purseIds, weights);
    const exactRhoApprox = approximate(remainder, commonDenominator * restWeightBig);
    const margin = valueError + 4 * EPSILON * exactRhoApprox;
    for (let i = 0; i < purseIds.length; i++) {
      const value = values[i];
      if (isCapped[i] ? value <= exactRhoApprox - margin : value >= exactRhoApprox + margin) continue;
      const exactlyRight = isCapped[i]
        ? purseNumerator(purseIds[i]) * restWeightBig <= remainder
        : purseNumerator(purseIds[i]) * restWeightBig >= remainder;
      if (!exactlyRight) return evaluateExactly(project, purseIds, weights);
    }
    return makeEvaluation(project, remainder, restWeightBig, new Set(cappedIds));
  };

  const fund = (project: number, evaluation: Evaluation) => {
    const step = stepPayments.length;
    const rho = reduce(evaluation.rho);
    const newDenominator = (commonDenominator / gcd(commonDenominator, rho.denominator)) * rho.denominator;
    const scale = newDenominator / commonDenominator;
    if (scale !== 1n) {
      startScaled *= scale;
      for (let k = 0; k < stepPayments.length; k++) stepPayments[k] *= scale;
    }
    commonDenominator = newDenominator;
    stepPayments.push(rho.numerator * (newDenominator / rho.denominator));
    const rhoApprox = approximate(rho.numerator, rho.denominator);

    // Bucket the supporters still holding money by purse (a counting sort), so that each purse's groups move
    // together and every other project's weights change once per purse rather than once per group.
    if (slotOfPurse.length < purses.length) slotOfPurse = new Int32Array(2 * purses.length).fill(-1);
    const pursesPaying: number[] = [];
    const bucketSizes: number[] = [];
    const supportersEnd = supporterStart[project + 1];
    for (let i = supporterStart[project]; i < supportersEnd; i++) {
      const purse = purseOfGroup[supporters[i]];
      if (purse < 0) continue;
      if (slotOfPurse[purse] < 0) {
        slotOfPurse[purse] = pursesPaying.length;
        pursesPaying.push(purse);
        bucketSizes.push(0);
      }
      bucketSizes[slotOfPurse[purse]]++;
    }
    const bucketStarts = new Int32Array(pursesPaying.length + 1);
    for (let slot = 0; slot < pursesPaying.length; slot++) bucketStarts[slot + 1] = bucketStarts[slot] + bucketSizes[slot];
    const fill = bucketStarts.slice(0, pursesPaying.length);
    const groupsByPurse = new Int32Array(bucketStarts[pursesPaying.length]);
    for (let i = supporterStart[project]; i < supportersEnd; i++) {
      const group = supporters[i];
      const purse = purseOfGroup[group];
      if (purse >= 0) groupsByPurse[fill[slotOfPurse[purse]]++] = group;
    }

    const touched: number[] = [];
    pursesPaying.forEach((purse, slot) => {
      slotOfPurse[purse] = -1;
      let next = -1;
      if (!evaluation.capped.has(purse)) {
        next = purses.length;
        purses.push({ value: purses[purse].value - rhoApprox, paidSteps: [...purses[purse].paidSteps, step] });
      }
      for (let i = bucketStarts[slot]; i < bucketStarts[slot + 1]; i++) {
        const group = groupsByPurse[i];
        purseOfGroup[group] = next;
        const weight = groupWeight[group];
        const ballotEnd = ballotStart[group + 1];
        for (let j = ballotStart[group]; j < ballotEnd; j++) {
          const other = ballotProjects[j];
          if (other === project || status[other] !== OPEN) continue;
          if (movedWeight[other] === 0) touched.push(other);
          movedWeight[other] += weight;
        }
      }
      for (const other of touched) {
        const weights = pursesOfProject[other]!;
        const left = weights.get(purse)! - movedWeight[other];
        if (left === 0) weights.delete(purse);
        else weights.set(purse, left);
        if (next >= 0) weights.set(next, movedWeight[other]);
        movedWeight[other] = 0;
        evaluations[other] = null;
      }
      touched.length = 0;
    });
    status[project] = FUNDED;
    pursesOfProject[project] = null;
    funded.push(project);
    spent += costs[project];
  };

  for (;;) {
    // The open project with the smallest (lower bound of ρ/C, index).
    let best = -1;
    for (const project of open) {
      if (status[project] !== OPEN) continue;
      if (best < 0 || compareFractions(bounds[project], boundApprox[project], bounds[best], boundApprox[best]) < 0) {
        best = project;
      }
    }
    if (best < 0) break;
    const current = evaluations[best];
    if (current) {
      fund(best, current);
      continue;
    }
    const evaluation = evaluate(best);
    if (evaluation === null) {
      status[best] = OUT;
      pursesOfProject[best] = null;
    } else {
      evaluations[best] = evaluation;
      bounds[best] = evaluation.ratio;
      boundApprox[best] = evaluation.ratioApprox;
    }
  }
  return { funded, spent };
}

/** Exact order of two non-negative fractions; their approximations (relative error < 2 EPSILON) settle clear cases. */
function compareFractions(a: Fraction, aApprox: number, b: Fraction, bApprox: number): number {
  const tolerance = 1e-12 * Math.max(aApprox, bApprox);
  if (aApprox < bApprox - tolerance) return -1;
  if (aApprox > bApprox + tolerance) return 1;
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(fraction: Fraction): Fraction {
  const divisor = gcd(fraction.numerator, fraction.denominator);
  return { numerator: fraction.numerator / divisor, denominator: fraction.denominator / divisor };
}

const FLOAT_SAFE_BITS = 1000n; // Number() of a bigint beyond ~2^1024 is Infinity

/** numerator/denominator (both ≥ 0) as a float, with a relative error below 2 EPSILON, however long the bigints get. */
function approximate(numerator: bigint, denominator: bigint): number {
  const numeratorShift = excessBits(numerator);
  const denominatorShift = excessBits(denominator);
  const quotient = Number(numerator >> numeratorShift) / Number(denominator >> denominatorShift);
  return numeratorShift === denominatorShift ? quotient : quotient * 2 ** Number(numeratorShift - denominatorShift);
}

function excessBits(value: bigint): bigint {
  if (value >> FLOAT_SAFE_BITS === 0n) return 0n;
  return BigInt(value.toString(2).length) - 64n; // keep 64 significant bits
}
