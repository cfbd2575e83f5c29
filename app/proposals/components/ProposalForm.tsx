import { Form } from "@remix-run/react";
import { useEffect, useMemo, useRef, type MouseEvent } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { INTL_LOCALES, type Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { FormError, initialValue, LocaleSelectField, SelectField, TextAreaField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { parseAmount } from "~/kernel/amount";

import { useHydrated } from "~/ui/useHydrated";
import { localizedName } from "~/i18n/content";
import type { GeoPolygon } from "~/kernel/geo";
import { amountProblems, type AmountRules } from "../rules";
import type { MapSettings } from "~/proposals/map";
import { MapPicker } from "./MapPicker";
import { MAX_COST_LINES, proposalSchemaFor } from "../schema";
import { submissionSchemaFor } from "../submission";

/**
 * A row button keeps the focus where it is while pressed: leaving a field shows its error, and
 * the layout moving under the pointer between press and release would swallow the click.
 */
const keepFocusWhilePressed = (event: MouseEvent) => event.preventDefault();

/** A line's cents for the running total; what cannot be read yet counts as nothing. */
function amountOr0(text: string, intlLocale: string): number {
  const reading = parseAmount(text, intlLocale);
  return reading.ok ? reading.cents : 0;
}

export interface ProposalFormProps {
  defaultValues: Record<string, unknown>;
  categories: { id: string; names: string }[];
  organisationsMaySubmit: boolean;
  /** The round's rules in words, shown beside the cost lines. */
  rulesText: string[];
  rules: AmountRules;
  /** The reader's language: labels, and how amounts are typed and shown. */
  locale: Locale;
  /** Whether the "submit" button is offered (drafts in SUBMISSION, or after requested changes). */
  maySubmit: boolean;
  /** A proposal that is no longer a draft: every save must be as complete as a submission. */
  alwaysComplete: boolean;
  saveLabel: string;
  submitLabel: string;
  /** The neighbourhood's outline and the tile server, for the optional map. */
  boundary: GeoPolygon | null;
  map: MapSettings;
}

export function ProposalForm({
  defaultValues,
  categories,
  organisationsMaySubmit,
  rulesText,
  rules,
  locale,
  maySubmit,
  alwaysComplete,
  saveLabel,
  submitLabel,
  boundary,
  map,
}: ProposalFormProps) {
  const { t } = useTranslation("proposal-form");
  // What submitting needs, checked with the action's schema when "submit" is pressed: all at once.
  const submission = useMemo(
    () => submissionSchemaFor(locale, { rules, categoryIds: categories.map((category) => category.id), organisationsMaySubmit, boundary }),
    [locale, rules, categories, organisationsMaySubmit, boundary],
  );
  // Amounts are typed and read in the reader's language (decision 0029), here and in the action.
  const { form, onSubmit, failure } = useValidatedForm(alwaysComplete ? submission : proposalSchemaFor(locale), {
    defaultValues,
    strict: alwaysComplete ? undefined : { schema: submission, strictFor: (button) => button === "submit" },
  });
  // The fields a submission needs; a draft needs only its title.
  const needed = maySubmit || alwaysComplete;
  const addLineButton = useRef<HTMLButtonElement>(null);
  const lines = useFieldArray({ control: form.control, name: "costLines" as never });
  const watchedLines = useWatch({ control: form.control, name: "costLines" as never }) as unknown;
  const total = (Array.isArray(watchedLines) ? (watchedLines as { amount?: unknown }[]) : []).reduce(
    (sum, line) => sum + (typeof line?.amount === "string" ? amountOr0(line.amount, INTL_LOCALES[locale]) : 0),
    0,
  );
  // The round's amount rules, checked while typing (the server checks them again on submit).
  const [liveProblem] = total > 0 ? amountProblems(total, rules) : [];
  const linesError = useFieldError(form, "costLines", failure);
  const totalError = useFieldError(form, "total", failure);
  const carrierError = useFieldError(form, "carrier", failure);
  // A refused total belongs to the lines as they were: once they change, the live check speaks.
  const { clearErrors } = form;
  useEffect(() => clearErrors("total" as never), [total, clearErrors]);
  const hydrated = useHydrated();
  const [latitudeText, longitudeText] = useWatch({ control: form.control, name: ["latitude", "longitude"] as never }) as [string?, string?];
  const coordinate = (text?: string) => (text && Number.isFinite(Number(text.replace(",", "."))) ? Number(text.replace(",", ".")) : null);

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      {/* Enter in a text field presses the form's first submit button: make that "save", not "remove line 1". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
      <FormError failure={failure} form={form} />
      {needed && !alwaysComplete ? <p>{t("form.requiredNote")}</p> : null}
      <fieldset className="fieldset">
        <legend>{t("form.idea")}</legend>
        <LocaleSelectField form={form} failure={failure} name="originalLocale" label={t("form.originalLocale")} hint={t("form.originalLocaleHint")} />
        <TextField form={form} failure={failure} name="title" label={t("form.title")} hint={t("form.titleHint")} maxLength={120} required />
        <TextAreaField
          form={form}
          failure={failure}
          name="summary"
          label={t("form.summary")}
          hint={t("form.summaryHint")}
          rows={2}
          maxLength={300}
          required={needed}
        />
        <TextAreaField
          form={form}
          failure={failure}
          name="description"
          label={t("form.description")}
          hint={t("form.descriptionHint")}
          rows={8}
          required={needed}
        />
        {categories.length > 0 ? (
          <SelectField
            form={form}
            failure={failure}
            name="categoryId"
            label={t("form.category")}
            placeholder={t("form.chooseCategory")}
            required={needed}
            options={categories.map((category) => ({ value: category.id, label: localizedName(category.names, locale) }))}
          />
        ) : null}
      </fieldset>

      {/* The costs' own errors (the total, the lines as a whole) describe the group, beside its rules. */}
      <fieldset
        className="fieldset"
        aria-describedby={["cost-rules", totalError || liveProblem ? "field-total-error" : null, linesError ? "field-costLines-error" : null]
          .filter(Boolean)
          .join(" ")}
      >
        <legend>{t("form.costs")}</legend>
        <ul className="field-hint" id="cost-rules">
          {rulesText.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        <ol className="cost-lines">
          {lines.fields.map((field, index) => (
            <li key={field.id} className="cost-line">
              <TextField
                form={form}
                failure={failure}
                name={`costLines.${index}.label`}
                label={t("form.lineLabel", { number: index + 1 })}
                maxLength={120}
                required={needed && index === 0}
              />
              <TextField
                form={form}
                failure={failure}
                name={`costLines.${index}.amount`}
                label={t("form.lineAmount", { number: index + 1 })}
                inputMode="decimal"
                required={needed && index === 0}
              />
              <button
                type="submit"
                name="intent"
                value={`remove-line-${index}`}
                className="button button-secondary button-compact"
                onMouseDown={keepFocusWhilePressed}
                onClick={(event) => {
                  event.preventDefault();
                  lines.remove(index);
                  // The pressed button is gone: keyboard users go on from "add a cost item".
                  addLineButton.current?.focus();
                }}
              >
                {t("form.removeLine", { number: index + 1 })}
              </button>
            </li>
          ))}
        </ol>
        {lines.fields.length < MAX_COST_LINES ? (
          <button
            type="submit"
            name="intent"
            value="add-line"
            className="button button-secondary"
            ref={addLineButton}
            onMouseDown={keepFocusWhilePressed}
            onClick={(event) => {
              event.preventDefault();
              lines.append({ label: "", amount: "" });
            }}
          >
            {t("form.addLine")}
          </button>
        ) : null}
        <p className={`total${totalError ? " field-invalid" : ""}`} aria-live="polite">
          <strong>{t("form.total")}</strong> <output htmlFor="cost-rules">{formatMoney(total, locale)}</output>
        </p>
        {totalError || liveProblem ? (
          <p className="field-error" id="field-total-error">
            {totalError ?? t(`validation.${liveProblem!.problem}`)}
          </p>
        ) : null}
        {linesError ? (
          <p className="field-error" id="field-costLines-error">
            {linesError}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("form.where")}</legend>
        <TextField
          form={form}
          failure={failure}
          name="locationText"
          label={t("form.locationText")}
          hint={t("form.locationHint")}
          maxLength={200}
          required={needed}
        />
        <p className="field-hint">{t("form.pointHint")}</p>
        <div className="grid-2">
          <TextField form={form} failure={failure} name="latitude" label={t("form.latitude")} inputMode="decimal" />
          <TextField form={form} failure={failure} name="longitude" label={t("form.longitude")} inputMode="decimal" />
        </div>
        {hydrated && boundary ? (
          <MapPicker
            boundary={boundary}
            map={map}
            latitude={coordinate(latitudeText)}
            longitude={coordinate(longitudeText)}
            onPick={(point) => {
              form.setValue("latitude" as never, String(point.latitude) as never, { shouldValidate: true });
              form.setValue("longitude" as never, String(point.longitude) as never, { shouldValidate: true });
            }}
          />
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t("form.who")}</legend>
        {organisationsMaySubmit ? (
          <div
            className={`field${carrierError ? " field-invalid" : ""}`}
            role="radiogroup"
            aria-labelledby="carrier-label"
            aria-describedby={carrierError ? "carrier-error" : undefined}
          >
            <p id="carrier-label" className="label">
              {t("form.carrier")}
            </p>
            {(["RESIDENTS", "ORGANISATION"] as const).map((kind) => (
              <label key={kind} className="radio">
                <input type="radio" value={kind} defaultChecked={(initialValue(form, "carrier") ?? "RESIDENTS") === kind} {...form.register("carrier")} />{" "}
                {t(`form.carrierKinds.${kind}`)}
              </label>
            ))}
            {carrierError ? (
              <p className="field-error" id="carrier-error">
                {carrierError}
              </p>
            ) : null}
          </div>
        ) : (
          <input type="hidden" name="carrier" value="RESIDENTS" />
        )}
        <TextAreaField form={form} failure={failure} name="carrierNames" label={t("form.carrierNames")} hint={t("form.carrierNamesHint")} rows={2} />
        {organisationsMaySubmit ? (
          <TextField
            form={form}
            failure={failure}
            name="organisationName"
            label={t("form.organisationName")}
            hint={t("form.organisationHint")}
            maxLength={150}
          />
        ) : null}
      </fieldset>

      <div className="button-row">
        <button type="submit" name="intent" value="save" className="button button-secondary">
          {saveLabel}
        </button>
        {maySubmit ? (
          <button type="submit" name="intent" value="submit" className="button">
            {submitLabel}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
