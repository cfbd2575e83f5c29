// What an imported Pabulib file becomes: importPlan(file, fileName) gives the round, its projects
// (amounts in cents, numbered in ascending string order of their Pabulib ids) and its ballots, or refuses
// a file a round cannot hold. Pure: import.server.ts parses the upload and writes the plan.
import { isLocale, type Locale } from "~/i18n/config";
import { refused, type Result } from "~/kernel/result";
import { MAX_BUDGET_CENTS } from "~/rounds/schema";
import type { PabulibFile } from "./pabulib";
import { ruleFromPabulib } from "./pabulib-mapping";
import { ruleAllowed, type BallotKind, type TallyRule } from "./tally";

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
