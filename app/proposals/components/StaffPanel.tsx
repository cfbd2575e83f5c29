import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldShell, FormError, LocaleSelectField, TextAreaField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { useLocale } from "~/ui/useLocale";
import { coachNoteSchema, verdictSchemaFor } from "../schema";

/** Staff's feasibility verdict: admissible (optionally with the city's cost), inadmissible with a reason, or changes with a deadline. */
export function VerdictForm() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const { form, onSubmit, failure } = useValidatedForm(verdictSchemaFor(locale), {
    defaultValues: { intent: "verdict", textLocale: locale },
    intent: "verdict",
  });
  const verdictError = useFieldError(form, "verdict", failure);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="verdict" />
      <FormError failure={failure} />
      <div
        className={`field${verdictError ? " field-invalid" : ""}`}
        role="radiogroup"
        aria-labelledby="verdict-label"
        aria-describedby={verdictError ? "verdict-error" : undefined}
      >
        <p id="verdict-label" className="label">
          {t("verdict.choose")}
        </p>
        {(["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"] as const).map((verdict) => (
          <label key={verdict} className="radio">
            <input type="radio" value={verdict} {...form.register("verdict")} /> {t(`verdict.options.${verdict}`)}
          </label>
        ))}
        {verdictError ? (
          <p className="field-error" id="verdict-error">
            {verdictError}
          </p>
        ) : null}
      </div>
      <TextField form={form} failure={failure} name="cityCost" label={t("verdict.cityCost")} hint={t("verdict.cityCostHint")} inputMode="decimal" />
      <TextAreaField form={form} failure={failure} name="note" label={t("verdict.note")} hint={t("verdict.noteHint")} rows={3} />
      <LocaleSelectField form={form} failure={failure} name="textLocale" label={t("common:content.writtenIn")} />
      <TextField form={form} failure={failure} name="deadline" type="datetime-local" label={t("verdict.deadline")} hint={t("verdict.deadlineHint")} />
      <div>
        <button type="submit" className="button">
          {t("verdict.submit")}
        </button>
      </div>
    </Form>
  );
}

export function CoachForm({ staff, coachId }: { staff: { id: string; name: string }[]; coachId: string | null }) {
  const { t } = useTranslation("proposals");
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="coach" />
      <FieldShell id="field-coachId" label={t("coach.assign")}>
        {() => (
          <select id="field-coachId" name="coachId" defaultValue={coachId ?? ""}>
            <option value="">{t("coach.none")}</option>
            {staff.map((person) => (
              <option key={person.id} value={person.id} dir="auto">
                {person.name}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      <button type="submit" className="button button-secondary">
        {t("coach.save")}
      </button>
    </Form>
  );
}

export function CoachNoteForm() {
  const { t } = useTranslation("proposals");
  const { form, onSubmit, failure } = useValidatedForm(coachNoteSchema, { defaultValues: { intent: "coach-note" }, intent: "coach-note" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="coach-note" />
      <TextAreaField form={form} failure={failure} name="body" label={t("coach.newNote")} hint={t("coach.noteHint")} rows={3} />
      <button type="submit" className="button button-secondary">
        {t("coach.addNote")}
      </button>
    </Form>
  );
}
