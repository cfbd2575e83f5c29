// The steps of a ballot after the voter is known (choose → review → cast), shared by the
// residents' ballot page and staff entering a paper ballot, so both go through the same checks.
import type { Db } from "~/db.server";
import { refusal } from "~/kernel/form-data";
import type { FormFailure } from "~/ui/form";
import { formatMoney } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { ballotProblem, summarise, type BallotRules } from "./ballot";
import { ballotSchemaFor, choicesOf } from "./schema";
import { castBallot, type Credential, type VoterRefused } from "./voting.server";
import { parseFormData } from "~/kernel/form-data";

export type BallotStage =
  | { stage: "choose"; choices: Record<string, number>; failure?: FormFailure }
  | { stage: "review"; choices: Record<string, number>; failure?: FormFailure }
  | { stage: "done"; receipt: string };

/** What a ballot step needs of the ballot: its round and its rules (ballotOf or castingRulesOf). */
interface StepBallot {
  round: { id: string; cumulativePoints: number | null; cumulativeMaxPerProject: number | null };
  rules: BallotRules;
}

/**
 * The next stage after a post of the ballot form, or (`voter`) the refusal of the voter found when the
 * ballot was cast: a code used, voided or limited in the meantime, which the page answers at the code step.
 */
export async function ballotStep(
  db: Db,
  ballot: StepBallot,
  credential: Credential,
  formData: FormData,
  channel: "ONLINE" | "PAPER",
  locale: Locale,
  who: { enteredBy?: string; address?: string } = {},
): Promise<{ status: number; stage: BallotStage; voter?: VoterRefused }> {
  const { round, rules } = ballot;
  const schema = ballotSchemaFor(
    rules.projects.map((project) => project.id),
    rules.method,
    round.cumulativeMaxPerProject ?? round.cumulativePoints ?? 1,
  );
  const parsed = parseFormData(schema, formData);
  if (!parsed.ok) return { status: 400, stage: { stage: "choose", choices: {}, failure: refusal(parsed.errors, parsed.values) } };
  const choices = choicesOf(parsed.data);
  const asRecord = Object.fromEntries(choices);
  if (parsed.data.step === "edit") return { status: 200, stage: { stage: "choose", choices: asRecord } };
  const problem = ballotProblem(rules, choices);
  if (problem === "overBudget") {
    // Without JavaScript there is no live budget bar: the refusal itself says by how much.
    const over = summarise(rules, choices).costCents - rules.budgetCents;
    const amounts = { over: formatMoney(over, locale), budget: formatMoney(rules.budgetCents, locale) };
    return { status: 400, stage: { stage: "choose", choices: asRecord, failure: refusal({}, {}, "voting:problems.overBudgetBy", amounts) } };
  }
  if (problem) return { status: 400, stage: { stage: "choose", choices: asRecord, failure: refusal({}, {}, `voting:problems.${problem}`) } };
  if (parsed.data.step === "review") return { status: 200, stage: { stage: "review", choices: asRecord } };
  const cast = await castBallot(db, round.id, credential, choices, channel, who.enteredBy, who.address);
  if (!cast.ok) {
    const stage: BallotStage = { stage: "review", choices: asRecord, failure: refusal({}, {}, cast.formError, cast.formErrorValues) };
    return { status: cast.status, stage, ...("voter" in cast ? { voter: cast } : {}) };
  }
  return { status: 200, stage: { stage: "done", receipt: cast.receipt } };
}
