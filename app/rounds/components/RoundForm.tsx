import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { FormError, LocaleSelectField, SelectField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { TranslatedTextFields } from "~/ui/TranslatedTextFields";
import { ROUND_DATE_FIELDS } from "../phases";
import { useLocale } from "~/ui/useLocale";
import { roundSchemaFor } from "../schema";

export interface RoundFormProps {
  neighbourhoods: { id: string; name: string; city: string }[];
  defaultValues: Record<string, unknown>;
  submitLabel: string;
  /** Budget and review cannot change once review or voting has started. */
  budgetLocked?: boolean;
}

export function RoundForm({ neighbourhoods, defaultValues, submitLabel, budgetLocked }: RoundFormProps) {
  const { t } = useTranslation("rounds");
  const { form, onSubmit, failure } = useValidatedForm(roundSchemaFor(useLocale()), { defaultValues, intent: "save" });
  const hasReviewError = useFieldError(form, "hasReview", failure);
  const originalLocale = form.watch("originalLocale") ?? defaultValues.originalLocale;

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        name="neighbourhoodId"
        label={t("form.neighbourhood")}
        placeholder={t("form.chooseNeighbourhood")}
        options={neighbourhoods.map((neighbourhood) => ({ value: neighbourhood.id, label: `${neighbourhood.name} (${neighbourhood.city})` }))}
      />
      <LocaleSelectField form={form} failure={failure} name="originalLocale" label={t("form.originalLocale")} hint={t("form.originalLocaleHint")} />
      <TranslatedTextFields form={form} failure={failure} originalLocale={originalLocale as Locale} />
      <TextField
        form={form}
        failure={failure}
        name="budget"
        label={t("form.budget")}
        hint={budgetLocked ? t("form.budgetLocked") : t("form.budgetHint")}
        inputMode="decimal"
        readOnly={budgetLocked}
        required
      />
      <div className={`field field-checkbox${hasReviewError ? " field-invalid" : ""}`}>
        <input
          type="checkbox"
          id="field-hasReview"
          defaultChecked={Boolean(form.formState.defaultValues?.hasReview)}
          disabled={budgetLocked}
          aria-describedby="field-hasReview-hint"
          {...form.register("hasReview")}
        />
        <label htmlFor="field-hasReview">{t("form.hasReview")}</label>
        <p className="field-hint" id="field-hasReview-hint">
          {t("form.hasReviewHint")}
        </p>
        {budgetLocked && defaultValues.hasReview ? <input type="hidden" name="hasReview" value="on" /> : null}
      </div>
      <fieldset className="fieldset">
        <legend>{t("form.dates")}</legend>
        <p className="field-hint">{t("form.datesHint")}</p>
        <div className="grid-2">
          {ROUND_DATE_FIELDS.map((field) => (
            <TextField key={field} form={form} failure={failure} name={`dates.${field}`} type="datetime-local" label={t(`dates.${field}`)} />
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
