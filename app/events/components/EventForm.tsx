import { Form } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES, type Locale } from "~/i18n/config";
import { FieldShell, FormError, initialValue, TextAreaField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { TranslatedTextFields } from "~/ui/TranslatedTextFields";
import { eventSchema } from "../schema";

export function EventForm({
  neighbourhoods,
  defaultValues,
  submitLabel,
}: {
  neighbourhoods: { id: string; name: string; city: string }[];
  defaultValues: Record<string, unknown>;
  submitLabel: string;
}) {
  const { t } = useTranslation("events");
  const { form, onSubmit, failure } = useValidatedForm(eventSchema, { defaultValues, intent: "save" });
  const neighbourhoodError = useFieldError(form, "neighbourhoodId", failure);
  const localeError = useFieldError(form, "originalLocale", failure);
  const originalLocale = ((useWatch({ control: form.control, name: "originalLocale" as never }) as unknown) ?? defaultValues.originalLocale) as Locale;
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError failure={failure} />
      <FieldShell id="field-neighbourhoodId" label={t("form.neighbourhood")} error={neighbourhoodError}>
        {(describedBy, invalid) => (
          <select
            id="field-neighbourhoodId"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            defaultValue={initialValue(form, "neighbourhoodId")}
            {...form.register("neighbourhoodId")}
          >
            <option value="">{t("form.chooseNeighbourhood")}</option>
            {neighbourhoods.map((neighbourhood) => (
              <option key={neighbourhood.id} value={neighbourhood.id}>
                {neighbourhood.name} ({neighbourhood.city})
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      <FieldShell id="field-originalLocale" label={t("form.originalLocale")} error={localeError}>
        {(describedBy, invalid) => (
          <select
            id="field-originalLocale"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            defaultValue={initialValue(form, "originalLocale")}
            {...form.register("originalLocale")}
          >
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      <TranslatedTextFields form={form} failure={failure} originalLocale={originalLocale} />
      <div className="grid-2">
        <TextField form={form} failure={failure} name="startsAt" type="datetime-local" label={t("form.startsAt")} hint={t("form.timeHint")} required />
        <TextField form={form} failure={failure} name="endsAt" type="datetime-local" label={t("form.endsAt")} required />
      </div>
      <TextField form={form} failure={failure} name="place" label={t("form.place")} maxLength={200} required />
      <div className="grid-2">
        <TextField form={form} failure={failure} name="latitude" label={t("form.latitude")} hint={t("form.pointHint")} inputMode="decimal" />
        <TextField form={form} failure={failure} name="longitude" label={t("form.longitude")} inputMode="decimal" />
      </div>
      <TextField form={form} failure={failure} name="organiser" label={t("form.organiser")} maxLength={150} required />
      <TextField form={form} failure={failure} name="capacity" label={t("form.capacity")} hint={t("form.capacityHint")} inputMode="numeric" />
      <TextAreaField form={form} failure={failure} name="accessibility" label={t("form.accessibility")} hint={t("form.accessibilityHint")} rows={2} />
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
