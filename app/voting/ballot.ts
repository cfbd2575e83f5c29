// What makes a ballot valid, for every ballot method. Pure: the ballot page, the cast transaction
// and paper-ballot entry all ask the same function.

import type { Locale } from "~/i18n/config";
import { ballotKind, ruleAllowed, TALLY_RULES, type TallyRule } from "~/results/tally";

export const BALLOT_METHODS = ["APPROVAL_BUDGET", "APPROVAL_K", "CUMULATIVE"] as const;
export type BallotMethod = (typeof BALLOT_METHODS)[number];

export interface BallotRules {
  method: BallotMethod;
  budgetCents: number;
  /** APPROVAL_K */
  approvalLimit: number | null;
  /** CUMULATIVE: points to spread, and the most on one project */
  points: number | null;
  maxPerProject: number | null;
  /** The projects on the ballot and what each costs (city cost, else the estimate). */
  projects: ReadonlyArray<{ id: string; costCents: number }>;
}

/** A project as the ballot form shows it, in the reader's language. */
export interface BallotProject {
  id: string;
  number: number;
  title: string;
  summary: string;
  textLocale: Locale;
  costCents: number;
  /** Hidden by moderation (decision 0036): shown by number as "hidden", still on the ballot, its text withheld. */
  hidden: boolean;
}

export interface BallotSettings {
  method: BallotMethod;
  budgetCents: number;
  approvalLimit: number | null;
  points: number | null;
  maxPerProject: number | null;
}

/** proposal id → points (1 for an approval). */
export type Choices = ReadonlyMap<string, number>;

export type BallotProblem = "unknownProject" | "overBudget" | "tooMany" | "tooManyPoints" | "tooManyOnOne" | "badPoints";

export interface BallotSummary {
  costCents: number;
  count: number;
  pointsUsed: number;
}

export function summarise(rules: BallotRules, choices: Choices): BallotSummary {
  const costs = new Map(rules.projects.map((project) => [project.id, project.costCents]));
  let costCents = 0;
  let pointsUsed = 0;
  for (const [id, points] of choices) {
    if (points > 0) costCents += costs.get(id) ?? 0;
    pointsUsed += points;
  }
  return { costCents, count: [...choices.values()].filter((points) => points > 0).length, pointsUsed };
}

/** The first rule the ballot breaks, or null for a valid one. An empty (blank) ballot is valid. */
export function ballotProblem(rules: BallotRules, choices: Choices): BallotProblem | null {
  const onBallot = new Set(rules.projects.map((project) => project.id));
  for (const [id, points] of choices) {
    if (!onBallot.has(id)) return "unknownProject";
    if (!Number.isInteger(points) || points < 0) return "badPoints";
    if (rules.method !== "CUMULATIVE" && points > 1) return "badPoints";
  }
  const summary = summarise(rules, choices);
  switch (rules.method) {
    case "APPROVAL_BUDGET":
      return summary.costCents > rules.budgetCents ? "overBudget" : null;
    case "APPROVAL_K":
      return summary.count > (rules.approvalLimit ?? Infinity) ? "tooMany" : null;
    case "CUMULATIVE":
      if (summary.pointsUsed > (rules.points ?? 0)) return "tooManyPoints";
      if ([...choices.values()].some((points) => points > (rules.maxPerProject ?? rules.points ?? 0))) return "tooManyOnOne";
      return null;
  }
}

/** Only the projects with points: a ballot stores what was chosen, nothing else. */
export function chosen(choices: Choices): Map<string, number> {
  return new Map([...choices].filter(([, points]) => points > 0));
}

/** Which tally rules a ballot method allows (the tally's rule: cumulative ballots are counted greedily). */
export function rulesFor(method: BallotMethod): readonly TallyRule[] {
  return TALLY_RULES.filter((rule) => ruleAllowed(ballotKind(method), rule));
}
