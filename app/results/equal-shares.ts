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
//   k it paid without running dry, so it is stored as the purse it split off from and the step it paid (a tree
//   whose paths are those lists of steps), and every ρ_k as an integer over one common denominator Q. The money in
//   many purses is then W·start − Σ_k ρ_k·(weight that paid step k): a few bigint products instead of thousands of
//   fraction additions. A project's purses are gathered from its groups whenever it is evaluated.
// - Floats decide only where a proven error bound does. Which purses run dry at ρ is guessed in floating point and
//   the guess verified: a purse is on the right side by more than a proven bound on the float error (of its money
//   and of ρ), or else by an exact comparison with ρ computed exactly for that guess. Any doubt falls back to a
//   fully exact computation. The exact ρ of a verified guess is worked out only when a funding step or a near tie
//   needs it (most evaluations never do: ≈370 per run on Praga-Południe against ≈57 funding steps); winners are
//   chosen by proven intervals around ρ/C, and exactly when two intervals meet.
// - Lazy re-evaluation: money only shrinks, so a project's ρ/C never decreases and its last value is a lower
//   bound. Each step recomputes only the project with the smallest bound until that one is up to date.
//
// Stability (asked for by mes-add1, which reruns this with ever larger starting money s): how far s can rise with
// the outcome certainly unchanged. Along one run every quantity is an affine function of s, as long as s does not
// cross a point where a decision of the run would go the other way: a voter starts with s; a step's
// ρ = (C − Σ_capped b)/(uncapped weight) is affine in the money; a voter then keeps b − ρ or nothing. So the run
// also carries every purse's slope d(money)/ds, and each decision it takes is recorded as a condition "h(s) ≥ 0"
// with h affine, h(s₀) ≥ 0 (h > 0 for strict ones): holds for s₀ + Δ while Δ < h(s₀)/(−h′) (for every Δ if h′ ≥ 0).
// The decisions are exactly those the outcome rests on:
//   (a) an evaluation that finds project p unaffordable: C − Σ_supporters b > 0;
//   (b) an evaluation giving ρ for p: b ≤ ρ for every purse it counts as running dry, b ≥ ρ for every other
//       supporting purse (this makes ρ the solution of Σ min(b, ρ) = C, and implies affordability);
//   (c) funding p while q is open: (ρ_p/C_p, p) < (bound_q, q), with q's bound its last evaluated ρ/C, which may be
//       stale (i.e. from an earlier step).
// stableFor is the least such limit. Why the outcome is the same for every s in [s₀, s₀ + stableFor), by induction
// over the funding steps: at s the money before step j is the affine forms' value (true at j = 1: everyone has s).
// Every evaluation made up to step j is then right at s, by (a) and (b): money only shrinks, so a project
// unaffordable at an earlier step is still out, and an earlier (stale) ρ_q/C_q is at most q's current one. By (c)
// every project still affordable at s has (current ρ/C, index) above p's, so p is the project Equal Shares funds at
// s too, with the evaluated ρ and the same purses running dry (a purse with b ≡ ρ is empty either way), which gives
// the next step's money. After the last funding every other project was found unaffordable, so the run ends there
// at s too. Equal values at s₀ with unequal slopes give a limit of 0 (no claim beyond s₀), so ties are safe. The
// argument is about Equal Shares itself, so it does not matter how this code reached its exact values (float
// screening, which side an exact tie b = ρ was put on, which evaluations were stale): at every s the code computes
// Equal Shares. Incidentally slopes of money are never negative and dρ/ds ≤ 0 (by induction: ρ′ is minus an
// average of the dry purses' slopes, and the others' slopes grow by −ρ′), so the "b ≥ ρ" side of (b) never sets a
// limit; it is checked anyway.

import { rational, type Rational } from "~/kernel/rational";

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
  /**
   * Only when stability was asked for: every start in [start, start + stableFor) gives exactly this funded list
   * (see the top of this file); null when no decision of the run ever changes as the start rises.
   */
  stableFor?: Rational | null;
}

export interface EqualSharesOptions {
  /** Also work out stableFor (costs extra exact arithmetic). */
  stability?: boolean;
  /**
   * With stability: once stableFor is known to be at most this, stop working it out and report 0 (a caller
   * stepping by this much gains nothing from a shorter interval, and 0 claims nothing, so it is always right).
   */
  stabilityFloor?: Rational;
}

/** Machine epsilon, twice the unit roundoff of a double: the float error bounds below are counted in these. */
const EPSILON = 2 ** -52;

interface Fraction {
  numerator: bigint;
  denominator: bigint; // > 0, not necessarily reduced
}

/**
 * A project's current ρ, the purses that run dry paying it, and ρ/C (its place in the queue). The capped purses and
 * their weights fix ρ exactly, ρ = (C − Σ_capped weight·money) / restWeight, and a purse's money never changes
 * (paying makes a new purse), so the exact fractions can be worked out at any later time: only when a funding
 * step or a near tie needs them (see exactly()). Until then [ratioLow, ratioHigh] is a proven interval around ρ/C.
 */
interface Evaluation {
  cappedIds: readonly number[];
  cappedWeights: readonly number[];
  restWeight: bigint;
  ratioLow: number;
  ratioHigh: number;
  /** Set by exactly(). */
  rho?: Fraction;
  ratio?: Fraction;
  /** With stability only: dρ/ds and d(ρ/C)/ds. */
  rhoSlope?: Fraction;
  ratioSlope?: Fraction;
}

const OPEN = 0;
const FUNDED = 1;
const OUT = 2;
/** In fund()'s slot table: the purse runs dry (any value below -1 would do; -1 means no slot yet). */
const NO_PURSE = -2;

/** Ballots as flat typed arrays (one pass over a group's ballot touches a few cache lines, not scattered objects). */
interface Layout {
  costs: readonly bigint[];
  groupWeight: Float64Array;
  ballotStart: Int32Array; // group g approves ballotProjects[ballotStart[g] .. ballotStart[g + 1])
  ballotProjects: Int32Array;
  supporterStart: Int32Array; // project p is approved by supporters[supporterStart[p] .. supporterStart[p + 1])
  supporters: Int32Array;
  supporterWeight: Float64Array;
  /** The projects approved on a ballot together with p, as a list per p (p itself included). */
  coApprovedStart: Int32Array;
  coApproved: Int32Array;
}

/** Runs Equal Shares on one profile for any starting money; the ballots are laid out once for all runs. */
export function equalSharesRunner(profile: ApprovalProfile): (startPerVoter: Rational, options?: EqualSharesOptions) => EqualSharesResult {
  const layout = layOut(profile);
  return (startPerVoter, options) => run(layout, startPerVoter, options?.stability === true, options?.stabilityFloor ?? rational(0n));
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
  const seen = new Uint8Array(costs.length);
  const coApprovedStart = new Int32Array(costs.length + 1);
  const coApprovedList: number[] = [];
  for (let project = 0; project < costs.length; project++) {
    for (let i = supporterStart[project]; i < supporterStart[project + 1]; i++) {
      const g = supporters[i];
      for (let j = ballotStart[g]; j < ballotStart[g + 1]; j++) {
        if (seen[ballotProjects[j]] === 0) {
          seen[ballotProjects[j]] = 1;
          coApprovedList.push(ballotProjects[j]);
        }
      }
    }
    for (let k = coApprovedStart[project]; k < coApprovedList.length; k++) seen[coApprovedList[k]] = 0;
    coApprovedStart[project + 1] = coApprovedList.length;
  }
  const coApproved = Int32Array.from(coApprovedList);
  return { costs, groupWeight, ballotStart, ballotProjects, supporterStart, supporters, supporterWeight, coApprovedStart, coApproved };
}

function run(layout: Layout, startPerVoter: Rational, askedForStability: boolean, floor: Rational): EqualSharesResult {
  const { costs, groupWeight, supporterStart, supporters, supporterWeight, coApprovedStart, coApproved } = layout;
  const projectCount = costs.length;

  const funded: number[] = [];
  let spent = 0n;
  const status = new Uint8Array(projectCount);
  const open: number[] = [];
  for (let project = 0; project < projectCount; project++) {
    if (supporterWeight[project] === 0) status[project] = OUT;
    else if (costs[project] === 0n) {
      status[project] = FUNDED;
      funded.push(project);
    } else open.push(project);
  }

  // Exact money: purse value = (startScaled − Σ stepPayments[k] over its paid steps) / commonDenominator.
  let commonDenominator = startPerVoter.denominator;
  let startScaled = startPerVoter.numerator;
  const stepPayments: bigint[] = [];
  // Exact slopes, the same way: purse slope = (slopeStart − Σ stepSlopes[k] over its paid steps) / slopeDenominator,
  // stepSlopes[k] being dρ_k/ds. Kept only with stability.
  let slopeDenominator = 1n;
  let slopeStart = 1n;
  const stepSlopes: bigint[] = [];
  const ZERO_FRACTION: Fraction = { numerator: 0n, denominator: 1n };
  // The least limit found so far as numerator/denominator (denominator 0: none yet).
  let limitNumerator = 0n;
  let limitDenominator = 0n;
  // Whether stableFor is still being worked out: false once it is known to be at most the floor.
  let stability = askedForStability;
  const startApprox = approximate(startPerVoter.numerator, startPerVoter.denominator);
  // Purses, as a tree: purse 0 is the start; every other purse was split off `previous` by paying ρ of `step`, so the
  // steps it paid in full are its own and its ancestors'. value: money per voter, approximately (off by at most
  // purseError()). A run makes a purse per paying purse per funding step (≈18,000 in a run on Praga-Południe).
  let purseCount = 1;
  let purseValue = Float64Array.of(startApprox);
  let pursePrevious = Int32Array.of(-1);
  let purseStep = Int32Array.of(-1);
  const addPurse = (previous: number, step: number, value: number): number => {
    if (purseCount === purseValue.length) {
      const grown = 2 * purseCount;
      purseValue = grow(purseValue, new Float64Array(grown));
      pursePrevious = grow(pursePrevious, new Int32Array(grown));
      purseStep = grow(purseStep, new Int32Array(grown));
    }
    purseValue[purseCount] = value;
    pursePrevious[purseCount] = previous;
    purseStep[purseCount] = step;
    return purseCount++;
  };
  const purseOfGroup = new Int32Array(groupWeight.length); // -1: the group's money is gone
  // Scratch for fund() and supportingPurses(): each purse's slot in a list being gathered (-1: none yet).
  let slotOfPurse = new Int32Array(0);

  const evaluations: (Evaluation | null)[] = new Array(projectCount).fill(null);
  // A lower bound of each open project's ρ/C: its last evaluation, null (0) before the first.
  const bounds: (Evaluation | null)[] = new Array(projectCount).fill(null);
  // The bounds' proven intervals, [0, 0] before the first evaluation, [∞, ∞] once the project is closed.
  const boundLow = new Float64Array(projectCount);
  const boundHigh = new Float64Array(projectCount);
  for (let project = 0; project < projectCount; project++) {
    if (status[project] !== OPEN) boundHigh[project] = boundLow[project] = Infinity;
  }
  const boundSlopes: Fraction[] = new Array(projectCount).fill(ZERO_FRACTION);

  // A purse's float starts within 4 unit roundoffs (EPSILON / 2) of the exact start and drifts by at most 5 more
  // per payment (ρ rounded to a float, then the subtraction; every magnitude involved is at most the start).
  // 8 EPSILON = 16 unit roundoffs per step covers both.
  const purseError = () => 8 * (stepPayments.length + 1) * EPSILON * startApprox;

  const purseNumerator = (purse: number): bigint => {
    let numerator = startScaled;
    for (let paid = purse; paid > 0; paid = pursePrevious[paid]) numerator -= stepPayments[purseStep[paid]];
    return numerator;
  };

  /** Σ weight·money over the given purses, times commonDenominator: exact. */
  const scaledMoney = (purseIds: readonly number[], weights: readonly number[]): bigint => {
    const weightPerStep = new Array<number>(stepPayments.length).fill(0);
    let totalWeight = 0;
    purseIds.forEach((purse, i) => {
      totalWeight += weights[i];
      for (let paid = purse; paid > 0; paid = pursePrevious[paid]) weightPerStep[purseStep[paid]] += weights[i];
    });
    let sum = BigInt(totalWeight) * startScaled;
    weightPerStep.forEach((weight, step) => {
      if (weight > 0) sum -= BigInt(weight) * stepPayments[step];
    });
    return sum;
  };

  /** An evaluation whose exact ρ = remainder / (commonDenominator · restWeight) is known already. */
  const makeEvaluation = (project: number, remainder: bigint, restWeight: bigint, cappedIds: number[], cappedWeights: number[]): Evaluation => {
    const rho = { numerator: remainder, denominator: commonDenominator * restWeight };
    const ratio = { numerator: remainder, denominator: rho.denominator * costs[project] };
    // approximate() is within 2 EPSILON relative; the interval allows twice that.
    const ratioApprox = approximate(ratio.numerator, ratio.denominator);
    const [ratioLow, ratioHigh] = [ratioApprox * (1 - 4 * EPSILON), ratioApprox * (1 + 4 * EPSILON)];
    return { cappedIds, cappedWeights, restWeight, rho, ratio, ratioLow, ratioHigh };
  };

  /** The evaluation's exact ρ and ρ/C (the capped purses' money is the same whenever this runs; see Evaluation). */
  const exactly = (project: number, evaluation: Evaluation): { rho: Fraction; ratio: Fraction } => {
    if (!evaluation.rho || !evaluation.ratio) {
      const remainder = costs[project] * commonDenominator - scaledMoney(evaluation.cappedIds, evaluation.cappedWeights);
      evaluation.rho = { numerator: remainder, denominator: commonDenominator * evaluation.restWeight };
      evaluation.ratio = { numerator: remainder, denominator: evaluation.rho.denominator * costs[project] };
    }
    return { rho: evaluation.rho, ratio: evaluation.ratio };
  };

  /** Exact order of two projects' bounds (null: 0); the proven intervals settle the clear cases. */
  const compareBounds = (a: number, b: number): number => {
    const [boundA, boundB] = [bounds[a], bounds[b]];
    if (boundA === null || boundB === null) return boundA === boundB ? 0 : boundA === null ? -1 : 1; // ρ/C > 0
    if (boundA.ratioHigh < boundB.ratioLow) return -1;
    if (boundA.ratioLow > boundB.ratioHigh) return 1;
    const [ratioA, ratioB] = [exactly(a, boundA).ratio, exactly(b, boundB).ratio];
    const left = ratioA.numerator * ratioB.denominator;
    const right = ratioB.numerator * ratioA.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  };

  /**
   * The purses of the project's supporters that still hold money, with the weight of those supporters in each
   * (whole numbers of voters, so the float sums are exact). Gathered from the groups whenever needed: keeping
   * these lists up to date at every funding step cost more than gathering them (most of a run's time went there).
   */
  const gatheredIds = new Int32Array(groupWeight.length);
  const gatheredWeights = new Float64Array(groupWeight.length);
  const gatheredValues = new Float64Array(groupWeight.length);
  const order = new Int32Array(groupWeight.length); // scratch for evaluate()'s water-filling
  /** Fills gatheredIds, gatheredWeights and gatheredValues (overwritten by the next call); returns how many. */
  const gatherPurses = (project: number): number => {
    if (slotOfPurse.length < purseCount) slotOfPurse = new Int32Array(2 * purseCount).fill(-1);
    // Locals, not the closure's reassignable bindings, in the hottest loop of a run.
    const [slots, values, ids, weights] = [slotOfPurse, purseValue, gatheredIds, gatheredWeights];
    let count = 0;
    const end = supporterStart[project + 1];
    for (let i = supporterStart[project]; i < end; i++) {
      const group = supporters[i];
      const purse = purseOfGroup[group];
      if (purse < 0) continue;
      let slot = slots[purse];
      if (slot < 0) {
        slot = slots[purse] = count++;
        ids[slot] = purse;
        weights[slot] = 0;
        gatheredValues[slot] = values[purse];
      }
      weights[slot] += groupWeight[group];
    }
    for (let slot = 0; slot < count; slot++) slots[ids[slot]] = -1;
    return count;
  };
  const supportingPurses = (project: number): { purseIds: number[]; weights: number[] } => {
    const count = gatherPurses(project);
    return { purseIds: Array.from(gatheredIds.subarray(0, count)), weights: Array.from(gatheredWeights.subarray(0, count)) };
  };

  /** Fully exact ρ: sort the purses by exact money and fill from the poorest. Null when unaffordable. */
  const evaluateExactly = (project: number, purseIds: number[], weights: number[]): Evaluation | null => {
    const costScaled = costs[project] * commonDenominator;
    const entries = purseIds.map((purse, i) => ({ purse, weight: BigInt(weights[i]), money: purseNumerator(purse) }));
    entries.sort((a, b) => (a.money < b.money ? -1 : a.money > b.money ? 1 : 0));
    let cappedMoney = 0n;
    let restWeight = entries.reduce((sum, entry) => sum + entry.weight, 0n);
    if (entries.reduce((sum, entry) => sum + entry.weight * entry.money, 0n) < costScaled) return null;
    const cappedIds: number[] = [];
    const cappedWeights: number[] = [];
    // Affordable, so the last entry at the latest satisfies remainder ≤ money·restWeight.
    for (const entry of entries) {
      const remainder = costScaled - cappedMoney;
      if (remainder <= entry.money * restWeight) return makeEvaluation(project, remainder, restWeight, cappedIds, cappedWeights);
      cappedMoney += entry.weight * entry.money;
      restWeight -= entry.weight;
      cappedIds.push(entry.purse);
      cappedWeights.push(Number(entry.weight));
    }
    throw new Error("Equal Shares: an affordable project found no ρ");
  };

  const evaluate = (project: number): Evaluation | null => {
    const count = gatherPurses(project);
    const [ids, weights, values] = [gatheredIds, gatheredWeights, gatheredValues];
    const exactFallback = () => {
      const { purseIds, weights: purseWeights } = supportingPurses(project);
      return evaluateExactly(project, purseIds, purseWeights);
    };
    let totalWeight = 0;
    let moneyApprox = 0;
    for (let i = 0; i < count; i++) {
      totalWeight += weights[i];
      moneyApprox += weights[i] * values[i];
    }
    const cost = costs[project];
    const costApprox = Number(cost);
    const valueError = purseError();

    const moneyError = 2 * (totalWeight * valueError + (count + 2) * EPSILON * Math.abs(moneyApprox)) + EPSILON * costApprox;
    if (moneyApprox + moneyError < costApprox) return null;
    if (moneyApprox - moneyError < costApprox) return exactFallback();

    // Water-filling in floats: purses poorer than the current ρ pay everything, which raises ρ; repeat. order[0 ..
    // cappedCount) are the purses capped so far, order[cappedCount .. count) the others.
    for (let i = 0; i < count; i++) order[i] = i;
    let restWeight = totalWeight;
    let cappedMoney = 0; // Σ_capped weight·value, summed in floats
    let cappedAbsolute = 0; // Σ_capped weight·|value| (a value may have drifted just below 0)
    let cappedCount = 0;
    let rhoApprox = costApprox / restWeight;
    for (;;) {
      const before = cappedCount;
      for (let k = cappedCount; k < count; k++) {
        const i = order[k];
        if (values[i] <= rhoApprox) {
          order[k] = order[cappedCount];
          order[cappedCount++] = i;
          cappedMoney += weights[i] * values[i];
          cappedAbsolute += weights[i] * Math.abs(values[i]);
          restWeight -= weights[i];
        }
      }
      if (cappedCount === before || restWeight === 0) break;
      rhoApprox = (costApprox - cappedMoney) / restWeight;
    }
    if (restWeight === 0) return exactFallback();
    const cappedIds: number[] = [];
    const cappedWeights: number[] = [];
    for (let k = 0; k < cappedCount; k++) {
      cappedIds.push(ids[order[k]]);
      cappedWeights.push(weights[order[k]]);
    }
    const restWeightBig = BigInt(restWeight);

    // Is the guess right? ρ_K = (C − Σ_capped weight·money)/restWeight is the exact ρ for the guessed capped set K
    // if every capped purse holds at most ρ_K and every other one at least ρ_K. First in floats, with a proven
    // bound on |rhoApprox − ρ_K| (u = EPSILON/2 is the unit roundoff; weights and restWeight are exact integers;
    // m = |K| products summed one by one, cappedMoney = fl(Σ_K w·value)):
    //   |cappedMoney − Σ_K w·money| ≤ W_K·valueError + γ_m·Σ_K w·|value|, γ_m = m·u/(1 − m·u) ≤ (m + 1)·u, and
    //     cappedAbsolute is within γ_m of Σ_K w·|value| too; W_K = totalWeight − restWeight ≤ totalWeight;
    //   Number(C) is within u·C; C − cappedMoney and the division by restWeight each round by a relative u.
    // So |rhoApprox − ρ_K| ≤ u·|rhoApprox| + (u·|C − cappedMoney| + u·C + totalWeight·valueError
    //   + (m + 2)·u·cappedAbsolute) / restWeight, and rhoError below is twice that (with ε = 2u, and a further
    // factor 2 for the rounding of this bound's own arithmetic and of the comparisons with it). A purse whose
    // value is farther than valueError + rhoError from rhoApprox is on its side for sure.
    const rhoError =
      2 *
      (EPSILON * Math.abs(rhoApprox) +
        (EPSILON * (Math.abs(costApprox - cappedMoney) + costApprox) + totalWeight * valueError + (cappedCount + 2) * EPSILON * cappedAbsolute) / restWeight);
    const floatMargin = valueError + rhoError;
    let settled = rhoApprox - floatMargin > 0;
    for (let k = 0; settled && k < count; k++) {
      const value = values[order[k]];
      settled = k < cappedCount ? value <= rhoApprox - floatMargin : value >= rhoApprox + floatMargin;
    }
    if (settled) {
      // ρ_K ∈ [rhoApprox − rhoError, rhoApprox + rhoError] and ρ_K > 0; ρ_K/C: one more division by Number(C)
      // (relative u each), allowed for by 4 EPSILON.
      const ratioLow = ((rhoApprox - rhoError) / costApprox) * (1 - 4 * EPSILON);
      const ratioHigh = ((rhoApprox + rhoError) / costApprox) * (1 + 4 * EPSILON);
      return { cappedIds, cappedWeights, restWeight: restWeightBig, ratioLow, ratioHigh };
    }

    // Too close to call in floats: ρ_K exactly, ρ·Q·restWeight = C·Q − Σ_capped weight·money·Q, and the purses near
    // it compared exactly.
    const remainder = cost * commonDenominator - scaledMoney(cappedIds, cappedWeights);
    if (remainder <= 0n) return exactFallback();
    const exactRhoApprox = approximate(remainder, commonDenominator * restWeightBig);
    const margin = valueError + 4 * EPSILON * exactRhoApprox;
    for (let k = 0; k < count; k++) {
      const value = values[order[k]];
      const capped = k < cappedCount;
      if (capped ? value <= exactRhoApprox - margin : value >= exactRhoApprox + margin) continue;
      const money = purseNumerator(ids[order[k]]) * restWeightBig;
      if (!(capped ? money <= remainder : money >= remainder)) return exactFallback();
    }
    return makeEvaluation(project, remainder, restWeightBig, cappedIds, cappedWeights);
  };

  // ---- Stability (see the top of the file). ----

  const purseSlopeNumerator = (purse: number): bigint => {
    let numerator = slopeStart;
    for (let paid = purse; paid > 0; paid = pursePrevious[paid]) numerator -= stepSlopes[purseStep[paid]];
    return numerator;
  };

  // Purses never change, only the common denominators grow (each a multiple of the last), so each purse's exact
  // money and slope are summed once and rescaled after that.
  const moneyCache: { numerator: bigint; denominator: bigint }[] = [];
  const slopeCache: { numerator: bigint; denominator: bigint }[] = [];
  const cached = (cache: { numerator: bigint; denominator: bigint }[], purse: number, denominator: bigint, compute: (purse: number) => bigint): bigint => {
    const entry = cache[purse];
    if (entry === undefined) {
      const numerator = compute(purse);
      cache[purse] = { numerator, denominator };
      return numerator;
    }
    if (entry.denominator !== denominator) {
      entry.numerator *= denominator / entry.denominator;
      entry.denominator = denominator;
    }
    return entry.numerator;
  };
  const exactMoney = (purse: number) => cached(moneyCache, purse, commonDenominator, purseNumerator);
  const exactSlope = (purse: number) => cached(slopeCache, purse, slopeDenominator, purseSlopeNumerator);

  /**
   * Records a condition h(s₀ + Δ) ≥ 0 (or > 0) that holds at Δ = 0, h(s₀) = value/valueDenominator ≥ 0 and
   * h′ = slope/slopeDenominator: it holds for every Δ < value·slopeDenominator / (−slope·valueDenominator).
   */
  const limit = (value: bigint, valueDenominator: bigint, slope: bigint, slopeScale: bigint) => {
    if (slope >= 0n) return;
    if (value < 0n) throw new Error("Equal Shares: a recorded decision does not hold at the start it was taken");
    const numerator = value * slopeScale;
    const denominator = -slope * valueDenominator;
    if (limitDenominator === 0n || numerator * limitDenominator < limitNumerator * denominator) {
      const divisor = gcd(numerator, denominator);
      limitNumerator = numerator / divisor;
      limitDenominator = denominator / divisor;
      if (limitNumerator * floor.denominator <= floor.numerator * limitDenominator) stability = false;
    }
  };

  /** (a): nobody can afford `project`, C − Σ money > 0. */
  const certifyUnaffordable = (project: number) => {
    let money = 0n;
    let slope = 0n;
    const { purseIds, weights } = supportingPurses(project);
    purseIds.forEach((purse, i) => {
      money += BigInt(weights[i]) * exactMoney(purse);
      slope += BigInt(weights[i]) * exactSlope(purse);
    });
    limit(costs[project] * commonDenominator - money, commonDenominator, -slope, slopeDenominator);
  };

  /** (b): each supporting purse is on its side of ρ; sets the evaluation's slopes. */
  const certifyEvaluation = (project: number, evaluation: Evaluation) => {
    const { purseIds } = supportingPurses(project);
    // Called right after the evaluation, so exactly() works at the current commonDenominator:
    // ρ = remainder / (commonDenominator · restWeight).
    const remainder = exactly(project, evaluation).rho.numerator;
    const restWeight = evaluation.restWeight;
    // ρ·restWeight = C − Σ_capped weight·money, so dρ/ds = −cappedSlope / (slopeDenominator · restWeight).
    let cappedSlope = 0n;
    evaluation.cappedIds.forEach((purse, i) => (cappedSlope += BigInt(evaluation.cappedWeights[i]) * exactSlope(purse)));
    const cappedSet = new Set(evaluation.cappedIds);
    evaluation.rhoSlope = { numerator: -cappedSlope, denominator: slopeDenominator * restWeight };
    evaluation.ratioSlope = { numerator: -cappedSlope, denominator: slopeDenominator * restWeight * costs[project] };
    for (const purse of purseIds) {
      // (b − ρ)·Q·restWeight and (b′ − ρ′)·slopeDenominator·restWeight; the restWeight cancels in the limit.
      // Only a gap closing as s rises sets a limit, so the money is looked at only then.
      const slopeAbove = exactSlope(purse) * restWeight + cappedSlope;
      const capped = cappedSet.has(purse);
      if (capped ? slopeAbove <= 0n : slopeAbove >= 0n) continue;
      const above = exactMoney(purse) * restWeight - remainder;
      if (capped) limit(-above, commonDenominator, -slopeAbove, slopeDenominator);
      else limit(above, commonDenominator, slopeAbove, slopeDenominator);
    }
  };

  /** (c): `best` comes before every other open project at every start the limit allows. */
  const exactBound = (project: number): Fraction => {
    const bound = bounds[project];
    return bound === null ? ZERO_FRACTION : exactly(project, bound).ratio;
  };
  const certifyChoice = (best: number) => {
    const bound = exactBound(best);
    const slope = boundSlopes[best];
    for (const other of open) {
      if (other === best || status[other] !== OPEN) continue;
      const otherSlope = boundSlopes[other];
      // (bound_other − bound_best)′ over slope.denominator · otherSlope.denominator.
      const slopeGap = otherSlope.numerator * slope.denominator - slope.numerator * otherSlope.denominator;
      if (slopeGap >= 0n) continue;
      const otherBound = exactBound(other);
      const gap = otherBound.numerator * bound.denominator - bound.numerator * otherBound.denominator;
      limit(gap, otherBound.denominator * bound.denominator, slopeGap, otherSlope.denominator * slope.denominator);
    }
  };

  const fund = (project: number, evaluation: Evaluation) => {
    const step = stepPayments.length;
    // ρ = numerator / (Q·restWeight) at the current Q (exactly() may have worked at an earlier Q, a divisor of
    // this one). Only the factor restWeight (a safe integer) is reduced, so no gcd of long bigints is needed:
    // the new Q is Q·restWeight/g with g = gcd(numerator, restWeight).
    const exact = exactly(project, evaluation).rho;
    const restWeight = evaluation.restWeight;
    const numerator = exact.numerator * ((commonDenominator * restWeight) / exact.denominator);
    const rhoApprox = approximate(numerator, commonDenominator * restWeight);
    const common = BigInt(smallGcd(Number(numerator % restWeight), Number(restWeight)));
    const scale = restWeight / common;
    if (scale !== 1n) {
      startScaled *= scale;
      for (let k = 0; k < stepPayments.length; k++) stepPayments[k] *= scale;
    }
    commonDenominator *= scale;
    stepPayments.push(numerator / common);
    if (stability) {
      const rhoSlope = reduce(evaluation.rhoSlope!);
      const newSlopeDenominator = (slopeDenominator / gcd(slopeDenominator, rhoSlope.denominator)) * rhoSlope.denominator;
      const slopeScale = newSlopeDenominator / slopeDenominator;
      if (slopeScale !== 1n) {
        slopeStart *= slopeScale;
        for (let k = 0; k < stepSlopes.length; k++) stepSlopes[k] *= slopeScale;
      }
      slopeDenominator = newSlopeDenominator;
      stepSlopes.push(rhoSlope.numerator * (newSlopeDenominator / rhoSlope.denominator));
    }

    // Each paying purse splits off: its supporters of this project either run dry (capped) or move to a new purse
    // that paid this step; its other groups keep it.
    if (slotOfPurse.length < purseCount) slotOfPurse = new Int32Array(2 * purseCount).fill(-1);
    const slots = slotOfPurse;
    for (const purse of evaluation.cappedIds) slots[purse] = NO_PURSE;
    const pursesPaying: number[] = [];
    const supportersEnd = supporterStart[project + 1];
    for (let i = supporterStart[project]; i < supportersEnd; i++) {
      const group = supporters[i];
      const purse = purseOfGroup[group];
      if (purse < 0) continue;
      let next = slots[purse];
      if (next === -1) {
        pursesPaying.push(purse);
        next = slots[purse] = addPurse(purse, step, purseValue[purse] - rhoApprox);
      }
      purseOfGroup[group] = next === NO_PURSE ? -1 : next;
    }
    for (const purse of pursesPaying) slots[purse] = -1;
    for (const purse of evaluation.cappedIds) slots[purse] = -1;
    // Only the money of this project's supporters changed, so an evaluation of a project none of them approves
    // still holds; the others are dropped (also those of supporters who ran dry earlier and paid nothing now: a
    // superset costs at most a re-evaluation that finds the same, and the list is made once per profile).
    for (let k = coApprovedStart[project]; k < coApprovedStart[project + 1]; k++) evaluations[coApproved[k]] = null;
    status[project] = FUNDED;
    boundHigh[project] = boundLow[project] = Infinity;
    funded.push(project);
    spent += costs[project];
  };

  for (;;) {
    // The open project with the smallest (lower bound of ρ/C, index). The open project with the least boundHigh has
    // a bound of at most minHigh, so a project whose boundLow exceeds minHigh is not the least: only the others are
    // compared (exactly when their intervals meet), in index order so that the lower index wins a tie.
    let minHigh = Infinity;
    for (const project of open) if (boundHigh[project] < minHigh) minHigh = boundHigh[project];
    let best = -1;
    for (const project of open) {
      if (status[project] !== OPEN || boundLow[project] > minHigh) continue;
      if (best < 0 || compareBounds(project, best) < 0) best = project;
    }
    if (best < 0) break;
    const current = evaluations[best];
    if (current) {
      if (stability) certifyChoice(best);
      fund(best, current);
      continue;
    }
    const evaluation = evaluate(best);
    if (evaluation === null) {
      if (stability) certifyUnaffordable(best);
      status[best] = OUT;
      boundHigh[best] = boundLow[best] = Infinity;
    } else {
      if (stability) certifyEvaluation(best, evaluation);
      evaluations[best] = evaluation;
      bounds[best] = evaluation;
      boundLow[best] = evaluation.ratioLow;
      boundHigh[best] = evaluation.ratioHigh;
      if (stability) boundSlopes[best] = evaluation.ratioSlope!;
    }
  }
  if (!askedForStability) return { funded, spent };
  if (!stability) return { funded, spent, stableFor: rational(0n) }; // at most the floor
  return { funded, spent, stableFor: limitDenominator === 0n ? null : rational(limitNumerator, limitDenominator) };
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** gcd of two safe integers ≥ 0. */
function smallGcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
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
