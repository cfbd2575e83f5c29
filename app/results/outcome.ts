// A round's result as the app stores and shows it. Pure: no Remix, no Prisma (results.server.ts reads the
// database and calls these).
//
//   computeRoundOutcome(input)     runs the tally (tally.ts) on a round's projects and grouped ballots and
//                                  returns the JSON-serialisable RoundOutcome stored in RoundResult.outcome
//   tieBreakIds(numbers)           public number → the tally's project id: zero-padded to one width, so the
//                                  engine's plain string order is number order (lower number wins a tie)
//   outcomeChanges(prev, next)     what a recount changed: withdrawn, newly funded, no longer funded
//   resultsCsv(rows)               the public CSV (;-separated, formula-safe)
//   resultsPabulibFile(input)      a published round as a Pabulib file (write it with writePabulib)
//   importPlan(file, fileName)     a parsed Pabulib file → what the importer creates (amounts in cents,
//                                  projects numbered in ascending string order of their Pabulib ids)
//   zod schemas of the results forms (publish, withdraw, import, realisation update)
import { z } from "zod";
import { INTL_LOCALES, isLocale, type Locale } from "~/i18n/config";
import { MAX_BUDGET_CENTS } from "~/rounds/schema";
import { isDay } from "~/kernel/city-time";
import { checkbox } from "~/kernel/zod";
import type { PabulibFile } from "./pabulib";
import { rational, type Rational } from "~/kernel/rational";
import { refused, type Result } from "~/kernel/result";
import { isTallyRule, ruleAllowed, TALLY_RULES, tally, weightedTally, type BallotKind, type Election, type TallyBallot, type TallyRule } from "./tally";

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
export function computeRoundOutcome(input: OutcomeInput): RoundOutcome {
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
    result = tally(election, input.rule);
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

// ---------------------------------------------------------------------------------------------
// Downloads

export interface CsvRow {
  number: number;
  title: string;
  costCents: number;
  support: number;
  funded: boolean;
}

/** Cents as a plain decimal amount of currency ("1250", "1250.50"): machine-readable, no grouping. */
export function centsToDecimal(cents: number, decimals = cents % 100 === 0 ? 0 : 2): string {
  const whole = Math.trunc(cents / 100);
  const fraction = Math.abs(cents % 100);
  return decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/** A cell a spreadsheet program will not run as a formula, quoted when it holds ; " or a line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The public results as CSV: `number;title;cost;support;funded` (cost in euros with a decimal point,
 * funded 1 or 0), CRLF line ends, semicolons as Belgian spreadsheet programs expect.
 */
export function resultsCsv(rows: readonly CsvRow[]): string {
  const lines = [["number", "title", "cost", "support", "funded"]];
  for (const row of rows) {
    lines.push([String(row.number), row.title, centsToDecimal(row.costCents, 2), String(row.support), row.funded ? "1" : "0"]);
  }
  return lines.map((line) => line.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

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

// ---------------------------------------------------------------------------------------------
// Import

/** Largest value an Int column holds on PostgreSQL. */
const MAX_INT = 2_147_483_647;

export interface ImportProject {
  pabulibId: string;
  number: number;
  name: string;
  costCents: number;
  /** The file's `selected` column: true, false, or null when the file has none. */
  selected: boolean | null;
}

export interface ImportPlan {
  title: string;
  locale: Locale;
  currency: string;
  budgetCents: number;
  ballotMethod: "APPROVAL_BUDGET" | "CUMULATIVE";
  tallyRule: TallyRule;
  /** The file's META rule when it is not one we implement (greedy is used instead). */
  unknownRule: string | null;
  projects: ImportProject[];
  /** Per voter: project indices (into `projects`) and points, first entry kept when a project repeats. */
  ballots: { projects: number[]; points: number[] }[];
}

/**
 * What an imported file becomes. Projects are numbered 1..k in ascending plain string order of their
 * Pabulib ids, so the tie-break on zero-padded numbers orders them exactly as the engine orders the
 * file's own ids. Amounts are converted to cents exactly; a file needing more precision, or amounts a
 * round cannot hold, is refused.
 */
export function importPlan(file: PabulibFile, fileName: string): Result<{ plan: ImportPlan }> {
  if (file.decimals > 2) {
    const factor = 10n ** BigInt(file.decimals - 2);
    if ([file.budget, ...file.projects.map((project) => project.cost)].some((amount) => amount % factor !== 0n)) {
      return refused(400, "results:import.errors.decimals");
    }
  }
  const toCents = (amount: bigint) => (file.decimals <= 2 ? amount * 10n ** BigInt(2 - file.decimals) : amount / 10n ** BigInt(file.decimals - 2));
  const budget = toCents(file.budget);
  if (budget > BigInt(MAX_BUDGET_CENTS)) return refused(400, "results:import.errors.budgetTooLarge");
  if (file.projects.length === 0) return refused(400, "results:import.errors.noProjects");
  if (file.projects.length > 1000) return refused(400, "results:import.errors.tooManyProjects");
  if (file.projects.some((project) => toCents(project.cost) > BigInt(MAX_INT))) return refused(400, "results:import.errors.costTooLarge");
  if (file.votes.some((vote) => vote.points?.some((points) => points > MAX_INT))) return refused(400, "results:import.errors.pointsTooLarge");

  const ordered = [...file.projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indexOf = new Map(ordered.map((project, index) => [project.id, index]));
  const projects = ordered.map((project, index): ImportProject => {
    const selected = project.fields.selected?.trim();
    return {
      pabulibId: project.id,
      number: index + 1,
      name: (project.fields.name ?? "").trim().slice(0, 150) || project.id,
      costCents: Number(toCents(project.cost)),
      selected: selected === "1" ? true : selected === "0" ? false : null,
    };
  });
  const ballots = file.votes.map((vote) => {
    const seen = new Set<number>();
    const chosen: number[] = [];
    const points: number[] = [];
    vote.projects.forEach((id, i) => {
      const index = indexOf.get(id)!;
      if (seen.has(index)) return;
      seen.add(index);
      const given = vote.points ? vote.points[i] : 1;
      if (given <= 0) return;
      chosen.push(index);
      points.push(given);
    });
    return { projects: chosen, points };
  });

  const language = file.meta.get("language")?.trim().toLowerCase();
  const named = file.meta.get("rule");
  const rule = ruleFromPabulib(named);
  const kind: BallotKind = file.voteType;
  const tallyRule: TallyRule = rule && ruleAllowed(kind, rule) ? rule : "greedy";
  const currency = (file.meta.get("currency") ?? "").trim().toUpperCase();
  return {
    ok: true,
    plan: {
      title: (file.meta.get("description") ?? "").trim().slice(0, 150) || fileName.slice(0, 150),
      locale: isLocale(language) ? language : "nl",
      currency: /^[A-Z]{3}$/.test(currency) ? currency : "EUR",
      budgetCents: Number(budget),
      ballotMethod: kind === "cumulative" ? "CUMULATIVE" : "APPROVAL_BUDGET",
      tallyRule,
      unknownRule: named !== undefined && tallyRule !== rule ? named.trim().slice(0, 60) : null,
      projects,
      ballots,
    },
  };
}

/** An amount in any currency in the reader's language (formatMoney is for euros). */
export function formatAmount(cents: number, locale: Locale, currency = "EUR"): string {
  const whole = cents % 100 === 0;
  try {
    return new Intl.NumberFormat(INTL_LOCALES[locale], {
      style: "currency",
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(cents / 100);
  } catch {
    return `${centsToDecimal(cents)} ${currency}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Forms (one schema for the browser and the action)

const text = (max: number) => z.string({ error: "validation.required" }).trim().max(max, "results:validation.tooLong");

export const publishSchema = z.object({
  intent: z.literal("publish"),
  confirm: checkbox().refine(Boolean, "results:validation.confirmPublish"),
});

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  proposalId: z.string().min(1).max(50),
  reason: text(2000).min(1, "results:validation.reasonRequired"),
  confirm: checkbox().refine(Boolean, "results:validation.confirmWithdraw"),
});
export type WithdrawInput = z.output<typeof withdrawSchema>;

export const importSchema = z.object({
  neighbourhoodId: z.string({ error: "validation.required" }).min(1, "validation.required").max(50, "validation.choice"),
});

export const REALISATION_STATUSES = ["IN_PROGRESS", "REALISED"] as const;
export type RealisationStatus = (typeof REALISATION_STATUSES)[number];

export const updateSchema = z.object({
  status: z.enum(REALISATION_STATUSES, { error: "validation.choice" }),
  text: text(4000).min(1, "validation.required"),
  day: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((value) => isDay(value), "results:validation.day"),
  photoAlt: text(300).default(""),
});
export type UpdateInput = z.output<typeof updateSchema>;

/** Where a funded project stands: updates move it forward only (FUNDED → IN_PROGRESS → REALISED). */
const PROGRESS = ["FUNDED", "IN_PROGRESS", "REALISED"] as const;

export function mayMoveTo(current: string, next: RealisationStatus): boolean {
  const from = (PROGRESS as readonly string[]).indexOf(current);
  return from !== -1 && PROGRESS.indexOf(next) >= from;
}

export function isRealisable(status: string): boolean {
  return (PROGRESS as readonly string[]).includes(status);
}
