import { data, redirect } from "@remix-run/node";
import { readFormData } from "~/http/read-form.server";
import type { SessionUser } from "~/auth/session.server";
import type { Locale } from "~/i18n/config";
import { rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { formDataToObject, parseFormData, refusal } from "~/kernel/form-data";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { applyRowIntent } from "./form-values";
import { createProposal, updateProposal } from "./proposals.server";
import { proposalSchemaFor } from "./schema";
import { submissionSchemaFor, type RoundContext } from "./submission";

/** The cost lines as rows of text, whatever a crafted post sent, so the form can show them again. */
function withCostLineRows(values: Record<string, unknown>): Record<string, unknown> {
  const lines = Array.isArray(values.costLines) ? values.costLines : [];
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    ...values,
    costLines: lines.map((line) => {
      const row = (line ?? {}) as Record<string, unknown>;
      return { label: text(row.label), amount: text(row.amount) };
    }),
  };
}

/**
 * The proposal form's action, shared by "new" and "edit": row buttons (without JavaScript) come
 * back with one row more or less; "save" keeps a draft; "submit" submits. Amounts are read in
 * `locale`, the language the form was shown in. A submit, and any save of a proposal that is no
 * longer a draft (`alwaysComplete`), is checked against the round (`context`) in the same pass as
 * the form, so every missing field is named in one answer, as the browser does.
 */
export async function handleProposalForm(
  request: Request,
  user: SessionUser,
  target: { roundId: string } | { proposalId: string },
  locale: Locale,
  round: { context: RoundContext; alwaysComplete: boolean },
) {
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "save");
  const values = withCostLineRows(formDataToObject(formData));
  const rows = applyRowIntent(values, intent);
  if (rows) return data(refusal({}, rows));
  if (intent !== "save" && intent !== "submit") throw new Response("Unknown form", { status: 400 });
  const limited = await rateLimited(db(), [{ key: `proposal:account:${user.id}`, rule: RATE_LIMITS.proposalSavesPerAccount }], values);
  if (limited) return limited;
  const complete = intent === "submit" || round.alwaysComplete;
  const parsed = parseFormData(complete ? submissionSchemaFor(locale, round.context) : proposalSchemaFor(locale), formData);
  // Sent back with the cost lines as rows (see withCostLineRows), so the form can show them again.
  if (!parsed.ok) return invalidForm({ errors: parsed.errors, values });
  const options = { submit: intent === "submit" };
  const result =
    "roundId" in target
      ? await createProposal(db(), user, target.roundId, parsed.data, options)
      : await updateProposal(db(), user, target.proposalId, parsed.data, options);
  if (!result.ok) return refusedAnswer(result, { values });
  return redirect(`/proposals/${result.id}?${options.submit ? "submitted" : "saved"}=1`);
}
