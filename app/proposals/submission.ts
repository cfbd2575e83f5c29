import type { FieldErrors } from "~/kernel/form-data";
import { pointInPolygon, type GeoPolygon } from "~/kernel/geo";
import { amountProblems, totalOf, type AmountRules } from "./rules";
import { filledCostLines, type ProposalInput } from "./schema";

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
