import type { Locale } from "~/i18n/config";
import type { FieldErrors } from "~/kernel/form-data";
import { pointInPolygon, type GeoPolygon } from "~/kernel/geo";
import { amountProblems, totalOf, type AmountRules } from "./rules";
import { filledCostLines, proposalSchemaFor, type ProposalInput } from "./schema";

export interface RoundContext {
  rules: AmountRules;
  categoryIds: string[];
  organisationsMaySubmit: boolean;
  boundary: GeoPolygon | null;
}

/** Problems any save must avoid: a category of another round, a point outside the neighbourhood, an organisation where none may submit. */
export function saveProblems(input: ProposalInput, round: RoundContext): FieldErrors {
  const errors: FieldErrors = {};
  if (input.categoryId && !round.categoryIds.includes(input.categoryId)) errors.categoryId = "validation.choice";
  if (input.latitude !== null && input.longitude !== null && round.boundary) {
    if (!pointInPolygon({ latitude: input.latitude, longitude: input.longitude }, round.boundary)) {
      errors.latitude = "proposal-form:validation.pointOutside";
    }
  }
  if (input.carrier === "ORGANISATION" && !round.organisationsMaySubmit) errors.carrier = "proposal-form:validation.noOrganisations";
  return errors;
}

/** What submitting needs beyond a save: complete texts, a category when the round has them, costs within the rules. */
export function submissionProblems(input: ProposalInput, round: RoundContext): FieldErrors {
  const errors: FieldErrors = saveProblems(input, round);
  if (!input.summary) errors.summary = "validation.required";
  if (!input.description) errors.description = "validation.required";
  if (!input.locationText) errors.locationText = "validation.required";
  if (round.categoryIds.length > 0 && !input.categoryId) errors.categoryId = "validation.required";
  const lines = filledCostLines(input);
  const [problem] = amountProblems(totalOf(lines), round.rules);
  if (problem) errors.total = `proposal-form:validation.${problem.problem}`;
  return errors;
}

/**
 * The proposal form as "submit" checks it, in one pass: the form's own schema and what submitting
 * needs in this round (submissionProblems), so every missing field is named at once. The browser
 * and the action check with it; the capability asks submissionProblems again when it saves.
 */
export function submissionSchemaFor(locale: Locale, round: RoundContext) {
  return proposalSchemaFor(locale).superRefine(
    (input, ctx) => {
      // A field that failed its own check holds what was typed (or nothing readable) and shows that
      // check's message: it is left out here, so the rest is still checked.
      const refused = new Set(ctx.issues.map((issue) => String(issue.path?.[0])));
      const readable: ProposalInput = {
        ...input,
        costLines: refused.has("costLines") ? [] : input.costLines,
        latitude: refused.has("latitude") || refused.has("longitude") ? null : input.latitude,
        longitude: refused.has("latitude") || refused.has("longitude") ? null : input.longitude,
      };
      for (const [field, message] of Object.entries(submissionProblems(readable, round))) {
        if (refused.has(field) || (field === "total" && refused.has("costLines"))) continue;
        ctx.addIssue({ code: "custom", path: [field], message });
      }
    },
    // Also when a field's own check failed: every missing field is named in the same answer.
    { when: () => true },
  );
}
