// Our results in Pabulib's terms (pabulib.ts reads and writes the format itself). Pure.
//
//   ruleFromPabulib(text)        a file's META rule → the rule of ours with that name
//   resultsPabulibFile(input)    a published round as a Pabulib file (write it with writePabulib)
import { centsToDecimal } from "./amounts";
import { tieBreakIds, type OutcomeProject, type ResultRule, type RoundOutcome } from "./outcome";
import type { PabulibFile } from "./pabulib";
import type { TallyRule } from "./tally";

/** Our rules by their Pabulib names (what META `rule` says), both ways. */
const PABULIB_RULES: Record<ResultRule, string> = {
  greedy: "greedy",
  mes: "equalshares",
  "mes-add1": "equalshares/add1",
  "mes-add1u": "equalshares/add1/greedy",
  weighted: "greedy-panel-weighted",
};

export function ruleFromPabulib(text: string | undefined): TallyRule | null {
  const name = text?.trim().toLowerCase() ?? "";
  const found = (Object.entries(PABULIB_RULES) as [ResultRule, string][]).find(([rule, pabulib]) => pabulib === name && rule !== "weighted");
  return found ? (found[0] as TallyRule) : null;
}

export interface PabulibExportInput {
  /** META rows to start from (an imported round's own); the computed keys overwrite theirs. */
  baseMeta?: ReadonlyMap<string, string>;
  description: string;
  city: string;
  neighbourhood: string;
  year: number;
  currency: string;
  outcome: RoundOutcome;
  /** Proposal id → project name, and (imported rounds) → the file's own project id. */
  names: ReadonlyMap<string, string>;
  pabulibIds?: ReadonlyMap<string, string>;
  /** Every ballot (proposal id → points); choices of projects not in the outcome are left out. */
  ballots: readonly (readonly (readonly [string, number])[])[];
}

/**
 * A published result as a Pabulib file. project_id is the public number zero-padded to one width (so
 * another tool's plain string tie-break agrees with ours), or an imported round's own project ids;
 * voter_id is 1..n in the order given (callers pass ballots in their random id order).
 */
export function resultsPabulibFile(input: PabulibExportInput): PabulibFile {
  const { outcome } = input;
  const idOf = tieBreakIds(outcome.projects.map((project) => project.number));
  const projectId = (project: OutcomeProject) => input.pabulibIds?.get(project.proposalId) ?? idOf(project.number);
  const ids = new Map(outcome.projects.map((project) => [project.proposalId, projectId(project)]));
  const decimals = [outcome.budgetCents, ...outcome.projects.map((project) => project.costCents)].some((cents) => cents % 100 !== 0) ? 2 : 0;
  const minor = (cents: number) => (decimals === 2 ? BigInt(cents) : BigInt(cents / 100));
  const cumulative = outcome.kind === "cumulative";

  const votes = input.ballots.map((ballot, index) => {
    const kept = ballot.filter(([proposalId, points]) => ids.has(proposalId) && points > 0);
    return {
      voterId: String(index + 1),
      projects: kept.map(([proposalId]) => ids.get(proposalId)!),
      points: cumulative ? kept.map(([, points]) => points) : null,
      fields: {},
    };
  });
  const voterCounts = new Map<string, number>();
  for (const ballot of input.ballots) {
    for (const [proposalId, points] of ballot) if (points > 0) voterCounts.set(proposalId, (voterCounts.get(proposalId) ?? 0) + 1);
  }

  const meta = new Map(input.baseMeta ?? []);
  const set = (key: string, value: string) => meta.set(key, value);
  if (!input.baseMeta) {
    set("description", input.description);
    set("country", "Belgium");
    set("unit", input.city);
    set("subunit", input.neighbourhood);
    set("instance", String(input.year));
  }
  set("num_projects", String(outcome.projects.length));
  set("num_votes", String(votes.length));
  set("budget", centsToDecimal(outcome.budgetCents, decimals));
  set("vote_type", outcome.kind);
  set("rule", PABULIB_RULES[outcome.rule]);
  if (outcome.rule === "weighted" && outcome.panelWeightPercent !== undefined) set("panel_weight_percent", String(outcome.panelWeightPercent));
  set("currency", input.currency);

  return {
    meta,
    decimals,
    budget: minor(outcome.budgetCents),
    voteType: outcome.kind,
    projectColumns: ["project_id", "cost", "votes", ...(cumulative ? ["score"] : []), "name", "selected"],
    projects: outcome.projects.map((project) => ({
      id: projectId(project),
      cost: minor(project.costCents),
      fields: {
        votes: String(cumulative ? (voterCounts.get(project.proposalId) ?? 0) : project.support),
        ...(cumulative ? { score: String(project.support) } : {}),
        name: (input.names.get(project.proposalId) ?? "").replace(/[\r\n]+/g, " "),
        selected: project.funded ? "1" : "0",
      },
    })),
    voteColumns: cumulative ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
    votes,
  };
}
