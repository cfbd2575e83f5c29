import { Form } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { useLocale } from "~/ui/useLocale";
import { FormError, LocaleSelectField, SelectField, TextAreaField, TextField, useValidatedForm, type AnyForm, type FormFailure } from "~/ui/form";
import { TranslatedTextFields } from "~/ui/TranslatedTextFields";
import { eventSchema } from "../schema";

export interface EventLinkChoices {
  rounds: { id: string; neighbourhoodId: string; originalLocale: string; translations: { locale: string; title: string }[] }[];
  proposals: { id: string; roundId: string; number: number | null; originalLocale: string; texts: { locale: string; title: string }[] }[];
}

export function EventForm({
  neighbourhoods,
  defaultValues,
  submitLabel,
  links,
}: {
  neighbourhoods: { id: string; name: string; city: string }[];
  defaultValues: Record<string, unknown>;
  submitLabel: string;
  /** Rounds and proposals staff may link the event to (a proposal team's event is linked by the server). */
  links?: EventLinkChoices;
}) {
  const { t } = useTranslation("events");
  const { form, onSubmit, failure } = useValidatedForm(eventSchema, { defaultValues, intent: "save" });
  const originalLocale = ((useWatch({ control: form.control, name: "originalLocale" as never }) as unknown) ?? defaultValues.originalLocale) as Locale;
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
      <LocaleSelectField form={form} failure={failure} name="originalLocale" label={t("form.originalLocale")} />
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
      {links ? <LinkFields form={form} failure={failure} links={links} /> : null}
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

function LinkFields({ form, failure, links }: { form: AnyForm; failure?: FormFailure; links: EventLinkChoices }) {
  const { t } = useTranslation("events");
  const locale = useLocale();
  return (
    <div className="grid-2">
      <SelectField
        form={form}
        failure={failure}
        name="roundId"
        label={t("form.round")}
        hint={t("form.linkHint")}
        placeholder={t("form.noLink")}
        options={links.rounds.map((round) => ({
          value: round.id,
          label: pickLocalized(round.translations, locale, round.originalLocale)?.text.title ?? "",
        }))}
      />
      <SelectField
        form={form}
        failure={failure}
        name="proposalId"
        label={t("form.proposal")}
        placeholder={t("form.noLink")}
        options={links.proposals.map((proposal) => ({
          value: proposal.id,
          label: `#${proposal.number} ${pickLocalized(proposal.texts, locale, proposal.originalLocale)?.text.title ?? ""}`,
        }))}
      />
    </div>
  );
}
