import { Form } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, isLocale, type Locale } from "~/i18n/config";
import { ROUND_DATE_FIELDS } from "~/rounds/phases";
import { TALLY_RULES } from "~/results/tally";
import { BALLOT_METHODS, rulesFor, type BallotMethod } from "~/voting/ballot";
import {
  FormError,
  LocaleSelectField,
  SelectField,
  TextAreaField,
  TextField,
  useFieldError,
  useValidatedForm,
  type AnyForm,
  type FormFailure,
} from "~/ui/form";
import { TranslatedTextFields } from "~/ui/TranslatedTextFields";
import { useLocale } from "~/ui/useLocale";
import { CRITERIA_ROWS, SETUP_STEPS, STEP_FIELDS, setupStepSchemaFor, type SetupStep } from "../setup";

export interface RoundSetupWizardProps {
  step: SetupStep;
  values: Record<string, unknown>;
  neighbourhoods: { id: string; name: string; city: string }[];
}

/** A value at a dotted path of the nested form values ("translations.fr.title"). */
function valueAt(values: Record<string, unknown>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), values);
}

const isChecked = (value: unknown) => value === true || value === "on" || value === "true";

/**
 * The wizard, one step at a time. Every other step's answers travel in hidden inputs, so the form works
 * without JavaScript (the server answers each step with the next); with it, react-hook-form checks the
 * step with the same schema before sending. "Back" never checks: nothing is lost by going back.
 */
export function RoundSetupWizard({ step, values, neighbourhoods }: RoundSetupWizardProps) {
  const { t } = useTranslation("workspace");
  const locale = useLocale();
  const { form, onSubmit, failure } = useValidatedForm(setupStepSchemaFor(step, locale), { defaultValues: values, intent: "setup" });
  const index = SETUP_STEPS.indexOf(step);
  const hidden = SETUP_STEPS.filter((other) => other !== step).flatMap((other) => STEP_FIELDS[other]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "back") return;
    onSubmit(event);
  };

  return (
    <div className="stack">
      <ol className="setup-steps">
        {SETUP_STEPS.map((name, position) => (
          <li key={name} aria-current={name === step ? "step" : undefined} className={position < index ? "muted" : undefined}>
            {t(`setup.steps.${name}`)}
          </li>
        ))}
      </ol>
      <Form method="post" noValidate onSubmit={submit} className="stack">
        <h2 id="setup-step-title">{t("setup.stepTitle", { number: index + 1, total: SETUP_STEPS.length, step: t(`setup.steps.${step}`) })}</h2>
        <input type="hidden" name="intent" value="setup" />
        <input type="hidden" name="step" value={step} />
        {hidden.map((name) => {
          const value = valueAt(values, name);
          if (
            name === "hasReview" ||
            name === "organisationsMaySubmit" ||
            name === "teamsMayCreateEvents" ||
            name === "codesPerHousehold" ||
            name === "selfDeclaredVoters"
          ) {
            return isChecked(value) ? <input key={name} type="hidden" name={name} value="on" /> : null;
          }
          return value === undefined || value === null || value === "" ? null : <input key={name} type="hidden" name={name} value={String(value)} />;
        })}
        <FormError failure={failure} />
        <StepFields step={step} form={form} failure={failure} values={values} neighbourhoods={neighbourhoods} />
        <div className="button-row">
          {index > 0 ? (
            <button type="submit" name="go" value="back" formNoValidate className="button button-secondary">
              {t("setup.back")}
            </button>
          ) : null}
          {step === "summary" ? (
            <button type="submit" name="go" value="create" className="button">
              {t("setup.create")}
            </button>
          ) : (
            <button type="submit" name="go" value="next" className="button">
              {t("setup.next")}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}

function Checkbox({ form, failure, name, label, checked }: { form: AnyForm; failure?: FormFailure; name: string; label: string; checked: boolean }) {
  const error = useFieldError(form, name, failure);
  const id = `field-${name}`;
  return (
    <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
      <input type="checkbox" id={id} defaultChecked={checked} aria-describedby={error ? `${id}-error` : undefined} {...form.register(name)} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function StepFields({
  step,
  form,
  failure,
  values,
  neighbourhoods,
}: {
  step: SetupStep;
  form: AnyForm;
  failure?: FormFailure;
  values: Record<string, unknown>;
  neighbourhoods: RoundSetupWizardProps["neighbourhoods"];
}) {
  const { t } = useTranslation("workspace");
  const shared = { form, failure };
  switch (step) {
    case "neighbourhood":
      return (
        <SelectField
          {...shared}
          name="neighbourhoodId"
          label={t("rounds:form.neighbourhood")}
          hint={t("setup.neighbourhoodHint")}
          placeholder={t("rounds:form.chooseNeighbourhood")}
          options={neighbourhoods.map((neighbourhood) => ({ value: neighbourhood.id, label: `${neighbourhood.name} (${neighbourhood.city})` }))}
        />
      );
    case "texts": {
      const originalLocale = String(form.watch("originalLocale") ?? values.originalLocale);
      return (
        <>
          <LocaleSelectField {...shared} name="originalLocale" label={t("rounds:form.originalLocale")} hint={t("rounds:form.originalLocaleHint")} />
          <TranslatedTextFields {...shared} originalLocale={(isLocale(originalLocale) ? originalLocale : "nl") as Locale} />
        </>
      );
    }
    case "budget":
      return (
        <>
          <TextField {...shared} name="budget" label={t("rounds:form.budget")} hint={t("rounds:form.budgetHint")} inputMode="decimal" required />
          <div className="grid-2">
            <TextField {...shared} name="minAmount" label={t("proposals:rulesPage.minAmount")} inputMode="decimal" />
            <TextField {...shared} name="maxAmount" label={t("proposals:rulesPage.maxAmount")} inputMode="decimal" />
          </div>
          <TextField
            {...shared}
            name="maxSharePercent"
            label={t("proposals:rulesPage.maxShare")}
            hint={t("proposals:rulesPage.maxShareHint")}
            inputMode="numeric"
          />
          <Checkbox
            {...shared}
            name="organisationsMaySubmit"
            label={t("proposals:rulesPage.organisations")}
            checked={isChecked(values.organisationsMaySubmit)}
          />
          <Checkbox
            {...shared}
            name="teamsMayCreateEvents"
            label={t("proposals:rulesPage.teamsMayCreateEvents")}
            checked={isChecked(values.teamsMayCreateEvents)}
          />
        </>
      );
    case "themes":
      return <TextAreaField {...shared} name="themes" label={t("setup.themes")} hint={t("setup.themesHint")} rows={6} />;
    case "dates":
      return (
        <>
          <Checkbox {...shared} name="hasReview" label={t("rounds:form.hasReview")} checked={isChecked(values.hasReview)} />
          <p className="field-hint">{t("rounds:form.hasReviewHint")}</p>
          <fieldset className="fieldset">
            <legend>{t("rounds:form.dates")}</legend>
            <p className="field-hint">{t("rounds:form.datesHint")}</p>
            <div className="grid-2">
              {ROUND_DATE_FIELDS.map((field) => (
                <TextField key={field} {...shared} name={`dates.${field}`} type="datetime-local" label={t(`rounds:dates.${field}`)} />
              ))}
            </div>
          </fieldset>
        </>
      );
    case "panel":
      return <PanelFields {...shared} values={values} />;
    case "voting":
      return <VotingFields {...shared} />;
    case "summary":
      return <Summary values={values} neighbourhoods={neighbourhoods} />;
  }
}

function PanelFields({ form, failure, values }: { form: AnyForm; failure?: FormFailure; values: Record<string, unknown> }) {
  const { t } = useTranslation("workspace");
  const shared = { form, failure };
  return (
    <>
      {isChecked(values.hasReview) ? <p>{t("setup.panelIntro")}</p> : <p className="alert">{t("setup.noReviewHint")}</p>}
      <SelectField
        {...shared}
        name="panelMode"
        label={t("panel:setup.mode")}
        hint={t("panel:setup.modeHint")}
        options={(["SHORTLIST", "WEIGHTED"] as const).map((mode) => ({ value: mode, label: t(`panel:modes.${mode}`) }))}
      />
      <TextField {...shared} name="weightPercent" label={t("panel:setup.weightPercent")} hint={t("panel:setup.weightPercentHint")} inputMode="numeric" />
      <div className="grid-2">
        <TextField {...shared} name="scaleMin" label={t("panel:setup.scaleMin")} inputMode="numeric" />
        <TextField {...shared} name="scaleMax" label={t("panel:setup.scaleMax")} inputMode="numeric" />
      </div>
      {Array.from({ length: CRITERIA_ROWS }, (_, row) => (
        <fieldset key={row} className="fieldset">
          <legend>{t("setup.criterion", { number: row + 1 })}</legend>
          <div className="grid-2">
            <TextField {...shared} name={`criteria.${row}.name`} label={t("panel:setup.criterionName")} maxLength={80} />
            <TextField {...shared} name={`criteria.${row}.weight`} label={t("panel:setup.weight")} inputMode="numeric" />
          </div>
        </fieldset>
      ))}
    </>
  );
}

function VotingFields({ form, failure }: { form: AnyForm; failure?: FormFailure }) {
  const { t } = useTranslation("voting");
  const shared = { form, failure };
  const method = form.watch("ballotMethod") as BallotMethod | undefined;
  return (
    <>
      <SelectField
        {...shared}
        name="ballotMethod"
        label={t("staff.method")}
        options={BALLOT_METHODS.map((value) => ({ value, label: t(`methods.${value}`) }))}
      />
      <div className="grid-2">
        <TextField
          {...shared}
          name="approvalLimit"
          label={t("staff.approvalLimit")}
          hint={t("staff.onlyFor", { method: t("methods.APPROVAL_K") })}
          inputMode="numeric"
        />
        <TextField
          {...shared}
          name="cumulativePoints"
          label={t("staff.cumulativePoints")}
          hint={t("staff.onlyFor", { method: t("methods.CUMULATIVE") })}
          inputMode="numeric"
        />
        <TextField
          {...shared}
          name="cumulativeMaxPerProject"
          label={t("staff.cumulativeMax")}
          hint={t("staff.onlyFor", { method: t("methods.CUMULATIVE") })}
          inputMode="numeric"
        />
      </div>
      <SelectField
        {...shared}
        name="tallyRule"
        label={t("staff.rule")}
        hint={t("staff.ruleHint")}
        options={TALLY_RULES.filter((rule) => !method || !BALLOT_METHODS.includes(method) || rulesFor(method).includes(rule)).map((value) => ({
          value,
          label: t(`rules.${value}`),
        }))}
      />
      <SelectField
        {...shared}
        name="eligibility"
        label={t("staff.eligibility")}
        hint={t("staff.eligibilityHint")}
        options={(["CODES", "ACCOUNTS"] as const).map((value) => ({ value, label: t(`eligibility.${value}`) }))}
      />
      <TextField {...shared} name="minimumAge" label={t("staff.minimumAge")} hint={t("staff.minimumAgeHint")} inputMode="numeric" />
      <Checkbox {...shared} name="codesPerHousehold" label={t("staff.perHousehold")} checked={isChecked(form.formState.defaultValues?.codesPerHousehold)} />
      <Checkbox {...shared} name="selfDeclaredVoters" label={t("staff.selfDeclared")} checked={isChecked(form.formState.defaultValues?.selfDeclaredVoters)} />
    </>
  );
}

function Summary({ values, neighbourhoods }: { values: Record<string, unknown>; neighbourhoods: RoundSetupWizardProps["neighbourhoods"] }) {
  const { t } = useTranslation("workspace");
  const neighbourhood = neighbourhoods.find((candidate) => candidate.id === values.neighbourhoodId);
  const originalLocale = String(values.originalLocale ?? "");
  const text = (path: string) => {
    const value = valueAt(values, path);
    return typeof value === "string" && value.trim() ? value : null;
  };
  const yesNo = (value: unknown) => (isChecked(value) ? t("setup.yes") : t("setup.no"));
  const criteria = Array.from({ length: CRITERIA_ROWS }, (_, row) => [text(`criteria.${row}.name`), text(`criteria.${row}.weight`)] as const).filter(
    ([name]) => name,
  );
  const rows: [string, ReactNode][] = [
    [t("rounds:form.neighbourhood"), neighbourhood ? <bdi>{`${neighbourhood.name} (${neighbourhood.city})`}</bdi> : null],
    [t("rounds:form.originalLocale"), isLocale(originalLocale) ? LOCALE_NAMES[originalLocale] : null],
    [t("rounds:form.title"), <bdi key="title">{text(`translations.${originalLocale}.title`)}</bdi>],
    [t("rounds:form.budget"), text("budget")],
    [t("proposals:rulesPage.minAmount"), text("minAmount")],
    [t("proposals:rulesPage.maxAmount"), text("maxAmount")],
    [t("proposals:rulesPage.maxShare"), text("maxSharePercent")],
    [
      t("setup.themes"),
      text("themes")
        ?.split("\n")
        .filter((line) => line.trim())
        .join(" · "),
    ],
    [t("rounds:form.hasReview"), yesNo(values.hasReview)],
    ...ROUND_DATE_FIELDS.map((field): [string, ReactNode] => [t(`rounds:dates.${field}`), text(`dates.${field}`)?.replace("T", " ")]),
    ...(isChecked(values.hasReview)
      ? ([
          [t("panel:setup.mode"), text("panelMode") ? t(`panel:modes.${text("panelMode")}`) : null],
          [t("panel:setup.weightPercent"), text("weightPercent")],
          [t("setup.criteria"), criteria.map(([name, weight]) => `${name} (${weight ?? "–"})`).join(" · ")],
        ] as [string, ReactNode][])
      : []),
    [t("voting:staff.method"), text("ballotMethod") ? t(`voting:methods.${text("ballotMethod")}`) : null],
    [t("voting:staff.rule"), text("tallyRule") ? t(`voting:rules.${text("tallyRule")}`) : null],
    [t("voting:staff.eligibility"), text("eligibility") ? t(`voting:eligibility.${text("eligibility")}`) : null],
    [t("voting:staff.minimumAge"), text("minimumAge")],
  ];
  return (
    <>
      <p>{t("setup.summaryIntro")}</p>
      <dl className="facts">
        {rows
          .filter(([, value]) => value !== null && value !== undefined && value !== "")
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
