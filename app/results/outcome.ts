// A round's result as the app stores and shows it. Pure: no Remix, no Prisma (tally.server.ts reads the
// database and calls these).
//
//   computeRoundOutcome(input)     runs the tally (tally.ts) on a round's projects and grouped ballots and
//                                  returns the JSON-serialisable RoundOutcome stored in RoundResult.outcome
//   tieBreakIds(numbers)           public number → the tally's project id: zero-padded to one width, so the
//                                  engine's plain string order is number order (lower number wins a tie)
//   rankedProjects(outcome)        the projects in the order the public table lists them
//   outcomeChanges(prev, next)     what a recount changed: withdrawn, newly funded, no longer funded
//   parseOutcome(json)             a stored outcome read back
import { rational, type Rational } from "~/kernel/rational";
import {
  isTallyRule,
  ruleAllowed,
  TALLY_RULES,
  tally,
  weightedTally,
  type BallotKind,
  type Election,
  type TallyBallot,
  type TallyProgress,
  type TallyRule,
} from "./tally";

export type ResultRule = TallyRule | "weighted";
export const RESULT_RULES: readonly ResultRule[] = [...TALLY_RULES, "weighted"];

/** One currency unit in cents: mes-add1's step. */
export const CURRENCY_UNIT_CENTS = 100n;

export interface OutcomeProject {
  proposalId: string;
  number: number;
  costCents: number;
  /** Approvals, or points on cumulative ballots. */
  support: number;
  funded: boolean;
  /** 1-based place in the funding order. */
  fundedOrder?: number;
  /** Weighted rounds: the combined score out of 100, one decimal ("73.4"), for display only. */
  weightedScore?: string;
}

export interface WithdrawnProject {
  proposalId: string;
  number: number;
  costCents: number;
  reason: string;
}

export interface RoundOutcome {
  /** Every ballot, empty ones included. */
  voters: number;
  online: number;
  paper: number;
  budgetCents: number;
  spentCents: number;
  rule: ResultRule;
  kind: BallotKind;
  /** mes-add1(u): units (of one euro) added to every voter's share in the run that was kept. */
  unitsAdded?: number;
  /** Weighted rounds: the panel's share in percent. */
  panelWeightPercent?: number;
  /** Every project on the ballot, in public number order. */
  projects: OutcomeProject[];
  /** Funded proposal ids in funding order. */
  funded: string[];
  /** Funded projects staff withdrew after publishing (they are left out of the tally). */
  withdrawn: WithdrawnProject[];
}

export interface OutcomeInput {
  budgetCents: number;
  kind: BallotKind;
  rule: TallyRule;
  projects: readonly { proposalId: string; number: number; costCents: number }[];
  /** Identical ballots grouped: how many were cast, and their choices (proposal id → points). */
  ballotGroups: readonly { count: number; choices: readonly (readonly [string, number])[] }[];
  online: number;
  paper: number;
  /** A WEIGHTED panel round: panel score per proposal id (null: none), its weight and the scale maximum. */
  weighted?: { scores: ReadonlyMap<string, Rational | null>; weightPercent: number; scaleMax: number };
  withdrawn?: WithdrawnProject[];
}

/**
 * mes-add1(u) in a resident's terms: what each voter had to spend when the budget was divided
 * equally, and what each had in the count that was kept (raised by `unitsAdded` euros), in cents.
 * Null when no share was raised.
 */
export function voterShares(outcome: Pick<RoundOutcome, "budgetCents" | "voters" | "unitsAdded">): { startCents: number; finalCents: number } | null {
  if (!outcome.unitsAdded || outcome.voters === 0) return null;
  const startCents = outcome.budgetCents / outcome.voters;
  return { startCents: Math.round(startCents), finalCents: Math.round(startCents + outcome.unitsAdded * 100) };
}

/** Public number → tally id: every number padded to the width of the largest, so "02" < "10". */
export function tieBreakIds(numbers: readonly number[]): (number: number) => string {
  const width = String(Math.max(0, ...numbers)).length;
  return (number) => String(number).padStart(width, "0");
}

/** A non-negative fraction as a decimal string, rounded half up ("73.4"). */
export function rationalToFixed(value: Rational, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const scaled = (value.numerator * scale * 2n + value.denominator) / (value.denominator * 2n);
  if (digits === 0) return scaled.toString();
  const text = scaled.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Tallies a round. Choices naming a proposal that is not among `projects` (a withdrawn project) are left
 * out; the rest of that ballot counts. Throws when the rule does not suit the ballots (callers check first).
 */
export function computeRoundOutcome(input: OutcomeInput, onProgress?: TallyProgress): RoundOutcome {
  const projects = [...input.projects].sort((a, b) => a.number - b.number);
  const idOf = tieBreakIds(projects.map((project) => project.number));
  const tallyId = new Map(projects.map((project) => [project.proposalId, idOf(project.number)]));
  const proposalOf = new Map(projects.map((project) => [idOf(project.number), project.proposalId]));

  const ballots: TallyBallot[] = [];
  for (const group of input.ballotGroups) {
    const choices = new Map<string, number>();
    for (const [proposalId, points] of group.choices) {
      const id = tallyId.get(proposalId);
      if (id !== undefined && points > 0 && !choices.has(id)) choices.set(id, input.kind === "approval" ? 1 : points);
    }
    // One object per group: the engine groups identical ballots again, cheaply, by reference.
    const ballot: TallyBallot = { choices: input.kind === "approval" ? [...choices.keys()] : choices };
    for (let i = 0; i < group.count; i++) ballots.push(ballot);
  }
  const election: Election = {
    budget: BigInt(input.budgetCents),
    unit: CURRENCY_UNIT_CENTS,
    kind: input.kind,
    projects: projects.map((project) => ({ id: idOf(project.number), cost: BigInt(project.costCents) })),
    ballots,
  };

  let result;
  let scores: Map<string, Rational> | undefined;
  if (input.weighted) {
    const panelScores = new Map<string, Rational | null>();
    for (const [proposalId, score] of input.weighted.scores) {
      const id = tallyId.get(proposalId);
      if (id !== undefined) panelScores.set(id, score);
    }
    const weighted = weightedTally(election, panelScores, rational(input.weighted.weightPercent, 100), BigInt(input.weighted.scaleMax));
    result = weighted;
    scores = weighted.scores;
  } else {
    result = tally(election, input.rule, onProgress);
  }

  const fundedOrder = new Map(result.funded.map((id, index) => [id, index + 1]));
  return {
    voters: result.voters,
    online: input.online,
    paper: input.paper,
    budgetCents: input.budgetCents,
    spentCents: Number(result.spent),
    rule: input.weighted ? "weighted" : input.rule,
    kind: input.kind,
    ...(result.unitsAdded !== undefined ? { unitsAdded: result.unitsAdded } : {}),
    ...(input.weighted ? { panelWeightPercent: input.weighted.weightPercent } : {}),
    projects: projects.map((project) => {
      const id = idOf(project.number);
      const order = fundedOrder.get(id);
      const score = scores?.get(id);
      return {
        proposalId: project.proposalId,
        number: project.number,
        costCents: project.costCents,
        support: Number(result.support.get(id) ?? 0n),
        funded: order !== undefined,
        ...(order !== undefined ? { fundedOrder: order } : {}),
        ...(score ? { weightedScore: rationalToFixed({ numerator: score.numerator * 100n, denominator: score.denominator }, 1) } : {}),
      };
    }),
    funded: result.funded.map((id) => proposalOf.get(id)!),
    withdrawn: input.withdrawn ?? [],
  };
}

/** Whether a rule can count a round's ballots (cumulative ballots only greedily). */
export function ruleFits(kind: BallotKind, rule: string): rule is TallyRule {
  return isTallyRule(rule) && ruleAllowed(kind, rule);
}

/**
 * The projects as the public table lists them: funded first in funding order, then the rest by the
 * tally's own order (weighted score or support, then lower cost, then lower number).
 */
export function rankedProjects(outcome: RoundOutcome): OutcomeProject[] {
  return [...outcome.projects].sort((a, b) => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    if (a.funded && b.funded) return (a.fundedOrder ?? 0) - (b.fundedOrder ?? 0);
    if (a.weightedScore !== undefined && b.weightedScore !== undefined && a.weightedScore !== b.weightedScore) {
      return Number(b.weightedScore) - Number(a.weightedScore);
    }
    return b.support - a.support || a.costCents - b.costCents || a.number - b.number;
  });
}

export interface OutcomeChanges {
  withdrawn: WithdrawnProject[];
  newlyFunded: string[];
  noLongerFunded: string[];
}

/** What a recount changed against the result published before it. */
export function outcomeChanges(previous: RoundOutcome, current: RoundOutcome): OutcomeChanges {
  const before = new Set(previous.withdrawn.map((project) => project.proposalId));
  const withdrawn = current.withdrawn.filter((project) => !before.has(project.proposalId));
  const gone = new Set(withdrawn.map((project) => project.proposalId));
  const fundedBefore = new Set(previous.funded);
  const fundedNow = new Set(current.funded);
  return {
    withdrawn,
    newlyFunded: current.funded.filter((id) => !fundedBefore.has(id)),
    noLongerFunded: previous.funded.filter((id) => !fundedNow.has(id) && !gone.has(id)),
  };
}

/** A stored outcome read back; null for anything that is not one (an import record, a broken row). */
export function parseOutcome(json: string): RoundOutcome | null {
  try {
    const value = JSON.parse(json) as Partial<RoundOutcome>;
    if (!value || !Array.isArray(value.projects) || !Array.isArray(value.funded) || typeof value.voters !== "number") return null;
    return { withdrawn: [], ...value } as RoundOutcome;
  } catch {
    return null;
  }
}
