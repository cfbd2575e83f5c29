// Exact tally rules for participatory budgeting. Pure: no Remix, no Prisma; money is bigint minor units (cents).
//
// API
//   tally(election, rule, onProgress?): TallyOutcome
//     Runs one rule: "greedy" | "mes" | "mes-add1" | "mes-add1u" (see below). Throws on invalid input or a rule
//     that ruleAllowed() refuses for the ballot kind. mes-add1(u) calls onProgress after each Equal Shares run
//     with an estimate of the search done (see TallyProgress).
//   weightedTally(election, panelScores, panelWeight, scaleMax): WeightedOutcome
//     Greedy on score = (1 − p)·(support / highest support) + p·(panel score / scale maximum); exposes the scores.
//   ruleAllowed(kind, rule): boolean — approval ballots allow every rule, cumulative ballots only "greedy".
//   isTallyRule(text): text is TallyRule; TALLY_RULES lists the rules.
//
// Input
//   Election.budget and TallyProject.cost are minor units; Election.unit is one currency unit in minor units
//   (100n for euros in cents), the step by which mes-add1 raises every voter's starting money.
//   TallyBallot.choices is a list of approved project ids, or a Map/Record of project id → points. A list names
//   each project at most once in effect (repeats are ignored) with 1 point. Points must be whole and not negative;
//   0 means no support, and on approval ballots any positive number is one approval. A ballot naming an unknown
//   project is an error. (Readers of files with repeated entries keep the first; see pabulib.ts.)
//
// Shared rules
//   n counts every ballot, empty ones too (it sets each voter's share budget/n in the Method of Equal Shares).
//   Support is the number of approvals, or the sum of points. A project nobody supports is never funded.
//   Ties: more support first, then lower cost, then project id in plain string order (code units; the app
//   zero-pads numeric ids to equal width).
//
// Rules
//   greedy     Most support first; fund a project when it fits the budget left, else skip it and go on.
//   mes        Method of Equal Shares with cost utilities (equal-shares.ts), voters start with budget/n each;
//              supported projects costing 0 are funded first.
//   mes-add1   mes with starting money budget/n, budget/n + 1 unit, + 2 units, …: the answer is the run before
//              the first whose outcome costs more than the budget, or the first run funding every supported
//              project. (This sequential scan reproduces Assen 2024's official result, see the tests, and is
//              reported to reproduce Wieliczka 2023 and Świecie, where stopping at the first exhaustive
//              outcome would not.) Starts whose run provably repeats the previous run are skipped (each run
//              reports how far its start can rise with the same outcome; see equalSharesAdd1), so the answer and
//              unitsAdded are exactly the one-unit-at-a-time scan's, without its up to millions of runs.
//   mes-add1u  mes-add1, then greedy (by support, same tie-break) over what still fits the budget.
//   weighted   Scores are exact fractions. A proposal without a panel score gets 0 for the panel part; when
//              nobody supports anything the support part is 0. Ties as above; unsupported projects stay unfunded.

import { equalSharesRunner, type EqualSharesResult } from "./equal-shares";
import { add, compare, divide, multiply, rational, subtract, ONE, ZERO, type Rational } from "~/kernel/rational";

/** The rules, the one list every form, schema and file mapping reads. */
export const TALLY_RULES = ["greedy", "mes", "mes-add1", "mes-add1u"] as const;
export type TallyRule = (typeof TALLY_RULES)[number];
export type BallotKind = "approval" | "cumulative";

export interface TallyProject {
  id: string;
  /** Minor units, ≥ 0. */
  cost: bigint;
}

export interface TallyBallot {
  choices: readonly string[] | ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

export interface Election {
  /** Minor units, ≥ 0. */
  budget: bigint;
  /** One currency unit in minor units (> 0): mes-add1's step per voter. */
  unit: bigint;
  kind: BallotKind;
  projects: readonly TallyProject[];
  ballots: readonly TallyBallot[];
}

export interface TallyOutcome {
  /** Funded project ids in funding order. */
  funded: string[];
  /** Approvals or points per project, every project listed. */
  support: Map<string, bigint>;
  spent: bigint;
  budget: bigint;
  /** n: every ballot, empty ones included. */
  voters: number;
  /** mes-add1 and mes-add1u: how many units were added to each voter's budget/n in the run that was kept. */
  unitsAdded?: number;
  /** mes-add1 and mes-add1u, diagnostics: how many Equal Shares runs were computed (skipped starts not counted). */
  equalSharesRuns?: number;
}

export interface WeightedOutcome extends TallyOutcome {
  /** Exact weighted score per project. */
  scores: Map<string, Rational>;
}

/**
 * Called by mes-add1(u) after each Equal Shares run its search goes on from, with the share of the budget that
 * run spends (0 ≤ done ≤ 1): the search ends at the first run that would overspend, so the share climbs towards
 * 1 — an estimate for a progress bar, not a promise of time left.
 */
export type TallyProgress = (done: number) => void;

export function isTallyRule(text: string): text is TallyRule {
  return (TALLY_RULES as readonly string[]).includes(text);
}

/** How a round's ballot method (voting's BallotMethod) is counted: points when CUMULATIVE, else approvals. */
export function ballotKind(ballotMethod: string): BallotKind {
  return ballotMethod === "CUMULATIVE" ? "cumulative" : "approval";
}

export function ruleAllowed(kind: BallotKind, rule: TallyRule): boolean {
  return kind === "approval" || rule === "greedy";
}

/** Projects in tie-break order (index = rank) and the distinct non-empty ballots over those indices. */
interface Prepared {
  projects: { id: string; cost: bigint; support: bigint }[];
  groups: { weight: number; projects: number[] }[];
  voters: number;
}

export function tally(election: Election, rule: TallyRule, onProgress?: TallyProgress): TallyOutcome {
  if (!ruleAllowed(election.kind, rule)) {
    throw new Error(`The ${rule} rule needs approval ballots; ${election.kind} ballots can only be tallied with greedy`);
  }
  const prepared = prepare(election);
  if (rule === "greedy") {
    const funded = fundGreedily(
      prepared,
      election.budget,
      prepared.projects.map((_, index) => index),
      [],
    );
    return outcome(prepared, election.budget, funded);
  }
  if (rule === "mes") {
    return outcome(prepared, election.budget, equalSharesRuns(prepared, election)(0n).funded);
  }
  const { run, unitsAdded, runs } = equalSharesAdd1(prepared, election, onProgress);
  const funded =
    rule === "mes-add1"
      ? run.funded
      : fundGreedily(
          prepared,
          election.budget,
          prepared.projects.map((_, index) => index),
          run.funded,
        );
  return { ...outcome(prepared, election.budget, funded), unitsAdded, equalSharesRuns: runs };
}

export function weightedTally(
  election: Election,
  panelScores: ReadonlyMap<string, Rational | null>,
  panelWeight: Rational,
  scaleMax: Rational | bigint,
): WeightedOutcome {
  const scale = typeof scaleMax === "bigint" ? rational(scaleMax) : scaleMax;
  if (compare(panelWeight, ZERO) < 0 || compare(panelWeight, ONE) > 0) throw new RangeError("Panel weight must be in [0, 1]");
  if (compare(scale, ZERO) <= 0) throw new RangeError("The panel's scale maximum must be positive");
  const prepared = prepare(election);
  const highestSupport = prepared.projects.reduce((high, project) => (project.support > high ? project.support : high), 0n);
  const supportWeight = subtract(ONE, panelWeight);
  const scores = prepared.projects.map((project) => {
    const supportPart = highestSupport === 0n ? ZERO : rational(project.support, highestSupport);
    const panelPart = divide(panelScores.get(project.id) ?? ZERO, scale);
    return add(multiply(supportWeight, supportPart), multiply(panelWeight, panelPart));
  });
  // Projects are in tie-break order already; a stable sort by score keeps it among equal scores.
  const order = prepared.projects.map((_, index) => index).sort((a, b) => compare(scores[b], scores[a]));
  const funded = fundGreedily(prepared, election.budget, order, []);
  return {
    ...outcome(prepared, election.budget, funded),
    scores: new Map(prepared.projects.map((project, index) => [project.id, scores[index]])),
  };
}

function prepare(election: Election): Prepared {
  if (election.budget < 0n) throw new RangeError("The budget cannot be negative");
  if (election.unit <= 0n) throw new RangeError("The currency unit must be positive");
  const indexOfId = new Map<string, number>();
  election.projects.forEach((project, index) => {
    if (indexOfId.has(project.id)) throw new Error(`Project ${project.id} is listed twice`);
    if (project.cost < 0n) throw new RangeError(`Project ${project.id} has a negative cost`);
    indexOfId.set(project.id, index);
  });

  // Identical ballots become one group, keyed by their (project index, points) pairs in index order.
  const groupsByKey = new Map<string, { weight: number; projects: number[]; points: number[] }>();
  const pointsOnBallot = new Float64Array(election.projects.length); // scratch, 0 = not on the current ballot
  for (const ballot of election.ballots) {
    const projects: number[] = [];
    forEachChoice(ballot, (id, points) => {
      const index = indexOfId.get(id);
      if (index === undefined) throw new Error(`A ballot names unknown project ${id}`);
      if (!(Number.isSafeInteger(points) && points >= 0)) {
        throw new RangeError(`A ballot gives project ${id} ${points} points; points must be whole and not negative`);
      }
      if (points > 0 && pointsOnBallot[index] === 0) {
        pointsOnBallot[index] = election.kind === "approval" ? 1 : points;
        projects.push(index);
      }
    });
    if (projects.length === 0) continue;
    projects.sort((a, b) => a - b);
    const points = projects.map((index) => pointsOnBallot[index]);
    for (const index of projects) pointsOnBallot[index] = 0;
    const key = election.kind === "approval" ? projects.join(",") : projects.map((index, i) => `${index}:${points[i]}`).join(",");
    const group = groupsByKey.get(key);
    if (group) group.weight++;
    else groupsByKey.set(key, { weight: 1, projects, points });
  }

  const support = election.projects.map(() => 0n);
  for (const group of groupsByKey.values()) {
    group.projects.forEach((index, i) => {
      support[index] += BigInt(group.weight) * BigInt(group.points[i]);
    });
  }
  const rankOrder = election.projects.map((_, index) => index);
  rankOrder.sort((a, b) => {
    if (support[a] !== support[b]) return support[a] > support[b] ? -1 : 1;
    const [costA, costB] = [election.projects[a].cost, election.projects[b].cost];
    if (costA !== costB) return costA < costB ? -1 : 1;
    const [idA, idB] = [election.projects[a].id, election.projects[b].id];
    return idA < idB ? -1 : 1;
  });
  const rankOf = new Int32Array(rankOrder.length);
  rankOrder.forEach((index, rank) => (rankOf[index] = rank));

  return {
    projects: rankOrder.map((index) => ({ ...election.projects[index], support: support[index] })),
    groups: [...groupsByKey.values()].map((group) => ({
      weight: group.weight,
      projects: group.projects.map((index) => rankOf[index]),
    })),
    voters: election.ballots.length,
  };
}

function forEachChoice(ballot: TallyBallot, visit: (id: string, points: number) => void) {
  const { choices } = ballot;
  if (Array.isArray(choices)) for (const id of choices) visit(id, 1);
  else if (choices instanceof Map) for (const [id, points] of choices) visit(id, points);
  else for (const [id, points] of Object.entries(choices)) visit(id, points);
}

/** Adds, in the given order, every supported project not yet funded that fits the budget left. */
function fundGreedily(prepared: Prepared, budget: bigint, order: readonly number[], alreadyFunded: readonly number[]): number[] {
  const funded = [...alreadyFunded];
  const isFunded = new Set(funded);
  let left = budget - funded.reduce((sum, index) => sum + prepared.projects[index].cost, 0n);
  for (const index of order) {
    const project = prepared.projects[index];
    if (isFunded.has(index) || project.support === 0n || project.cost > left) continue;
    funded.push(index);
    left -= project.cost;
  }
  return funded;
}

/** Equal Shares runs on this election, each voter starting with budget/n plus the given number of units. */
function equalSharesRuns(prepared: Prepared, election: Election, stability = false): (unitsAdded: bigint) => EqualSharesResult {
  // With no ballots nobody supports anything (and budget/n is undefined).
  if (prepared.voters === 0) return () => ({ funded: [], spent: 0n, stableFor: null });
  const run = equalSharesRunner({ costs: prepared.projects.map((project) => project.cost), groups: prepared.groups });
  const voters = BigInt(prepared.voters);
  return (unitsAdded) =>
    run(rational(election.budget + unitsAdded * election.unit * voters, voters), {
      stability,
      stabilityFloor: rational(election.unit),
    });
}

/**
 * mes-add1: the outcome of the sequential scan over units = 0, 1, 2, … (see the top of this file), computed
 * without running every start. Each run also reports stableFor (equal-shares.ts): every start in
 * [s, s + stableFor) funds exactly the same list, in the same order, as the run at s. The scan's decision at a
 * start depends on that list only (its cost over the budget: stop and keep the run before; everything supported
 * funded: stop and keep it). The run at `units` made the scan go on, so every start it vouches for would too, and
 * the scan would keep it: the next run that can decide anything is the first start at or past s + stableFor, at
 * units + ⌈stableFor / unit⌉ (at least units + 1). If that one overspends, the sequential scan's answer is the
 * run just before it, units' − 1, whose list is this run's. Hence the answer, unitsAdded included, is exactly
 * the sequential one; only runs that provably repeat their predecessor are skipped.
 */
function equalSharesAdd1(prepared: Prepared, election: Election, onProgress?: TallyProgress): { run: EqualSharesResult; unitsAdded: number; runs: number } {
  // Runs report how far their start can rise with the same outcome, or 0 when that is at most one unit: then the
  // next unit's run is due anyway.
  const runWith = equalSharesRuns(prepared, election, true);
  const supportedCount = prepared.projects.filter((project) => project.support > 0n).length;
  // The first run shares exactly the budget, so it cannot overspend.
  let units = 0n;
  let run = runWith(units);
  let runs = 1;
  for (;;) {
    if (run.funded.length === supportedCount) return { run, unitsAdded: toUnits(units), runs };
    // Raising the start forever never changing the outcome would contradict the scan ending (with enough money
    // per voter every supported project is funded), so stableFor is finite here.
    if (!run.stableFor) throw new Error("mes-add1: an incomplete outcome claims to be stable forever");
    const skip = ceilDivide(run.stableFor.numerator, run.stableFor.denominator * election.unit);
    const next = units + (skip > 1n ? skip : 1n);
    const nextRun = runWith(next);
    runs++;
    if (nextRun.spent > election.budget) return { run, unitsAdded: toUnits(next - 1n), runs };
    units = next;
    run = nextRun;
    onProgress?.(election.budget > 0n ? Number(run.spent) / Number(election.budget) : 0);
  }
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator; // both ≥ 0, denominator > 0
}

function toUnits(units: bigint): number {
  if (units > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("mes-add1 added more units than a number holds");
  return Number(units);
}

function outcome(prepared: Prepared, budget: bigint, funded: readonly number[]): TallyOutcome {
  return {
    funded: funded.map((index) => prepared.projects[index].id),
    support: new Map(prepared.projects.map((project) => [project.id, project.support])),
    spent: funded.reduce((sum, index) => sum + prepared.projects[index].cost, 0n),
    budget,
    voters: prepared.voters,
  };
}
