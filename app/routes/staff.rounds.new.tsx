import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localeFor } from "~/auth/locale.server";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { formDataToObject, parseFormData, type FieldErrors } from "~/kernel/form-data";
import { fieldsRefused } from "~/kernel/result";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { RoundSetupWizard } from "~/workspace/components/RoundSetupWizard";
import { firstStepWithErrors, initialSetup, readSetup, setupStepSchemaFor, SETUP_STEPS, stepOfField, type SetupStep } from "~/workspace/setup";
import { createRoundWithSetup } from "~/workspace/setup.server";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "proposal-form", "panel", "voting", "workspace"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.newRound");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const [neighbourhoods, locale] = await Promise.all([listNeighbourhoods(db()), localeFor(args.request, args.context)]);
  const values = { ...initialSetup(locale), neighbourhoodId: neighbourhoods.length === 1 ? neighbourhoods[0]!.id : "" };
  return { neighbourhoods, values };
}

const stepOf = (value: unknown): SetupStep => ((SETUP_STEPS as readonly unknown[]).includes(value) ? (value as SetupStep) : SETUP_STEPS[0]);

/**
 * One answer per step: back (unchecked), on to the next step once this one passes, or — from the
 * summary — Create, which reads every step again and writes the round in one transaction.
 */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const locale = await localeFor(args.request, args.context);
  const formData = await readFormData(args.request);
  const step = stepOf(formData.get("step"));
  const index = SETUP_STEPS.indexOf(step);
  const values = formDataToObject(formData);
  if (formData.get("go") === "back") return data({ intent: "setup-step", step: SETUP_STEPS[Math.max(0, index - 1)], values });

  const parsed = parseFormData(setupStepSchemaFor(step, locale), formData);
  if (!parsed.ok) return invalidFormAt(step, parsed);
  if (step !== "summary") return data({ intent: "setup-step", step: SETUP_STEPS[index + 1], values });

  const setup = readSetup(values, locale);
  // Only a changed hidden field gets here: back to the first step that has a problem.
  if (!setup.ok) return refusedAnswer(fieldsRefused(setup.errors), { intent: "setup", values, extra: { step: firstStepWithErrors(setup.errors) } });
  const result = await createRoundWithSetup(db(), user.id, setup.setup);
  if (!result.ok) return refusedAnswer(result, { intent: "setup", values, extra: { step: firstStepWithErrors(result.errors ?? {}) ?? "summary" } });
  return redirect(`/staff/rounds/${result.id}?saved=1`);
}

/** A step that did not pass: shown again, or, when only another step's field was refused (control characters in a hidden field), that step. */
function invalidFormAt(step: SetupStep, parsed: { errors: FieldErrors; values: Record<string, unknown> }) {
  const shown = Object.keys(parsed.errors).some((field) => stepOfField(field) === step) ? step : (firstStepWithErrors(parsed.errors) ?? step);
  return refusedAnswer(fieldsRefused(parsed.errors), { intent: "setup", values: parsed.values, extra: { step: shown } });
}

export default function NewRoundPage() {
  const { t } = useTranslation("rounds");
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as { step?: SetupStep; values?: Record<string, unknown> } | undefined;
  const step = answer?.step ?? "neighbourhood";
  const values = answer?.values ?? loaded.values;
  return (
    <section className="stack" aria-labelledby="new-round-title">
      <h1 id="new-round-title">{t("staff.newRound")}</h1>
      {/* A new form per step: react-hook-form starts from that step's values. */}
      <RoundSetupWizard key={step} step={step} values={values} neighbourhoods={loaded.neighbourhoods} />
    </section>
  );
}
