// The round set-up wizard's steps and their checks, pure. Each step's check is the capabilities' own
// schemas (rounds, proposals' rules, panel, voting) run on everything entered so far, keeping the
// problems that belong to the step's fields: a conflict shows at the step where it arises. Create reads
// every step again (the state travels through the browser in hidden fields, so it is not trusted).
import * as z from "zod";
import { LOCALES, type Locale } from "~/i18n/config";
import { fieldErrorsOf, type FieldErrors } from "~/kernel/form-data";
import { criterionSchema, panelSettingsSchema, type CriterionInput, type PanelSettingsInput } from "~/panel/schema";
import { roundRulesSchemaFor } from "~/proposals/schema";
import { ROUND_DATE_FIELDS } from "~/rounds/phases";
import { roundSchemaFor, type RoundInput } from "~/rounds/schema";
import { rulesFor } from "~/voting/ballot";
import { VOTING_SETTINGS_FIELDS, votingSettingsSchema, type VotingSettingsInput } from "~/voting/schema";

export const SETUP_STEPS = ["neighbourhood", "texts", "budget", "themes", "dates", "panel", "voting", "summary"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** Criteria rows the panel step offers (more can be added later on the panel page). */
export const CRITERIA_ROWS = 5;
export const MAX_THEMES = 12;

/** The fields each step shows; every other field travels in hidden inputs. */
export const STEP_FIELDS: Record<SetupStep, readonly string[]> = {
  neighbourhood: ["neighbourhoodId"],
  texts: ["originalLocale", ...LOCALES.flatMap((locale) => [`translations.${locale}.title`, `translations.${locale}.description`])],
  budget: ["budget", "minAmount", "maxAmount", "maxSharePercent", "organisationsMaySubmit", "teamsMayCreateEvents"],
  themes: ["themes"],
  dates: ["hasReview", ...ROUND_DATE_FIELDS.map((field) => `dates.${field}`)],
  panel: [
    "panelMode",
    "weightPercent",
    "scaleMin",
    "scaleMax",
    ...Array.from({ length: CRITERIA_ROWS }, (_, i) => [`criteria.${i}.name`, `criteria.${i}.weight`]).flat(),
  ],
  voting: VOTING_SETTINGS_FIELDS,
  summary: [],
};

/** The step a field is shown on. */
export function stepOfField(field: string): SetupStep {
  return SETUP_STEPS.find((step) => STEP_FIELDS[step].includes(field)) ?? "summary";
}

/** What a new wizard starts with: sensible defaults a city usually keeps. */
export function initialSetup(locale: Locale): Record<string, unknown> {
  return {
    originalLocale: locale,
    hasReview: true,
    panelMode: "SHORTLIST",
    weightPercent: "0",
    scaleMin: "1",
    scaleMax: "5",
    ballotMethod: "APPROVAL_BUDGET",
    tallyRule: "greedy",
    eligibility: "CODES",
    minimumAge: "16",
  };
}

export interface RoundSetup {
  round: RoundInput;
  rules: { minAmount: number | null; maxAmount: number | null; maxSharePercent: number | null; organisationsMaySubmit: boolean; teamsMayCreateEvents: boolean };
  /** Theme names, in the round's original language. */
  themes: Record<string, string>[];
  /** Null for a round without review: it has no panel. */
  panel: { settings: PanelSettingsInput; criteria: CriterionInput[] } | null;
  voting: VotingSettingsInput;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Every step's input read and checked together: the set-up, or each problem on its field. */
export function readSetup(values: Record<string, unknown>, locale: Locale): { ok: true; setup: RoundSetup } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const round = roundSchemaFor(locale).safeParse({
    neighbourhoodId: values.neighbourhoodId,
    originalLocale: values.originalLocale,
    translations: values.translations ?? {},
    budget: values.budget,
    hasReview: values.hasReview,
    dates: values.dates ?? {},
  });
  if (!round.success) {
    Object.assign(errors, fieldErrorsOf(round.error));
    if (errors["dates.votingStartsAt"] === "validation.dateOrder" && votingStartsBeforeReviewEnds(values, locale)) {
      errors["dates.votingStartsAt"] = "workspace:setup.validation.votingBeforeReviewEnds";
    }
  }

  const rules = roundRulesSchemaFor(locale).safeParse({
    intent: "rules",
    ...pick(
      values,
      STEP_FIELDS.budget.filter((field) => field !== "budget"),
    ),
  });
  if (!rules.success) Object.assign(errors, fieldErrorsOf(rules.error));
  else if (round.success) {
    // The same limit the rules page keeps: no proposal may be required to ask more than the whole budget.
    for (const field of ["minAmount", "maxAmount"] as const) {
      const amount = rules.data[field];
      if (amount !== null && amount > round.data.budget) errors[field] = "proposal-form:validation.aboveBudget";
    }
  }

  const themeNames = text(values.themes)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (themeNames.length > MAX_THEMES) errors.themes = "workspace:setup.validation.tooManyThemes";
  else if (themeNames.some((name) => name.length > 60)) errors.themes = "proposal-form:validation.categoryTooLong";
  const themeLocale = round.success ? round.data.originalLocale : locale;

  const hasReview = round.success ? round.data.hasReview : Boolean(values.hasReview);
  const rows = Array.isArray(values.criteria) ? (values.criteria as unknown[]) : [];
  const filledRows = rows
    .slice(0, CRITERIA_ROWS)
    .map((row, index) => ({ index, name: text((row as Record<string, unknown> | null)?.name), weight: text((row as Record<string, unknown> | null)?.weight) }))
    .filter((row) => row.name || row.weight);
  let panel: RoundSetup["panel"] = null;
  if (!hasReview) {
    // Without a review phase there is no panel, so nothing for it to weigh or score with.
    if (values.panelMode === "WEIGHTED" || filledRows.length > 0) errors.panelMode = "workspace:setup.validation.noReviewNoPanel";
    // Nor a weight in the result: one entered would be dropped without a word.
    const weight = text(values.weightPercent);
    if (weight !== "" && !/^0+$/.test(weight)) errors.weightPercent = "workspace:setup.validation.noReviewNoWeight";
  } else {
    const settings = panelSettingsSchema.safeParse({
      intent: "settings",
      mode: values.panelMode,
      weightPercent: values.weightPercent,
      scaleMin: values.scaleMin,
      scaleMax: values.scaleMax,
    });
    if (!settings.success) Object.assign(errors, renamed(fieldErrorsOf(settings.error), { mode: "panelMode" }));
    const criteria: CriterionInput[] = [];
    for (const row of filledRows) {
      const criterion = criterionSchema.safeParse({ intent: "add-criterion", names: { [themeLocale]: row.name }, explanations: {}, weight: row.weight });
      if (criterion.success) criteria.push(criterion.data);
      else {
        const rowErrors = fieldErrorsOf(criterion.error);
        if (Object.keys(rowErrors).some((field) => field.startsWith("names"))) errors[`criteria.${row.index}.name`] = "validation.required";
        if (rowErrors.weight) errors[`criteria.${row.index}.weight`] = rowErrors.weight;
      }
    }
    if (settings.success && settings.data.mode === "WEIGHTED" && filledRows.length === 0)
      errors["criteria.0.name"] = "workspace:setup.validation.weightedNeedsCriteria";
    if (settings.success) panel = { settings: settings.data, criteria };
  }

  const voting = votingSettingsSchema.safeParse({ intent: "voting-settings", ...pick(values, STEP_FIELDS.voting) });
  if (!voting.success) Object.assign(errors, fieldErrorsOf(voting.error));
  else if (!rulesFor(voting.data.ballotMethod).includes(voting.data.tallyRule)) errors.tallyRule = "voting:validation.ruleForMethod";

  if (Object.keys(errors).length > 0 || !round.success || !rules.success || !voting.success) return { ok: false, errors };
  const { intent: _rules, ...ruleValues } = rules.data;
  const { intent: _voting, ...votingValues } = voting.data;
  return {
    ok: true,
    setup: { round: round.data, rules: ruleValues, themes: themeNames.map((name) => ({ [themeLocale]: name })), panel, voting: votingValues },
  };
}

/** The rounds' date order says "after the previous date"; the wizard names the conflict staff most often meet. */
function votingStartsBeforeReviewEnds(values: Record<string, unknown>, locale: Locale): boolean {
  if (!values.hasReview) return false;
  const dates = roundSchemaFor(locale).shape.dates.safeParse(values.dates ?? {});
  if (!dates.success) return false;
  const { reviewEndsAt, votingStartsAt } = dates.data;
  return !!reviewEndsAt && !!votingStartsAt && votingStartsAt.getTime() <= reviewEndsAt.getTime();
}

function pick(values: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((field) => [field, values[field]]));
}

function renamed(errors: FieldErrors, names: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [names[field] ?? field, message]));
}

/** The problems that belong to `step`'s fields (earlier steps were checked when they were left). */
export function stepErrors(step: SetupStep, values: Record<string, unknown>, locale: Locale): FieldErrors {
  const result = readSetup(values, locale);
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).filter(([field]) => stepOfField(field) === step));
}

/** The first step with a problem (where Create sends staff back to when the hidden state was changed). */
export function firstStepWithErrors(errors: FieldErrors): SetupStep | null {
  const steps = new Set(Object.keys(errors).map(stepOfField));
  return SETUP_STEPS.find((step) => steps.has(step)) ?? null;
}

/** One zod schema per step, shared by react-hook-form in the browser and the action: the step's problems on its fields. */
export function setupStepSchemaFor(step: SetupStep, locale: Locale) {
  return z.looseObject({}).superRefine((values, ctx) => {
    for (const [field, message] of Object.entries(stepErrors(step, values, locale))) ctx.addIssue({ code: "custom", path: field.split("."), message });
  });
}
