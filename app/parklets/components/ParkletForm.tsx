import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import { FieldShell, FormError, SelectField, TextAreaField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { PARKLET_FEATURES } from "../features";
import { parkletSchema } from "../schema";

export interface ParkletFormProps {
  /** The parklet being edited, or null for a new one. */
  parkletId: string | null;
  defaultValues: Record<string, unknown>;
  photo: { fileName: string; alt: string } | null;
}

/**
 * The catalogue form. It posts as multipart (the photo travels with it); react-hook-form checks the
 * fields while typing, the server checks everything again, the photo by its content.
 */
export function ParkletForm({ parkletId, defaultValues, photo }: ParkletFormProps) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(parkletSchema, { defaultValues, intent: "save" });
  const photoError = useFieldError(form, "photo", failure);
  const action = `/staff/parklets/edit${parkletId ? `?id=${encodeURIComponent(parkletId)}` : ""}`;
  return (
    <Form method="post" action={action} encType="multipart/form-data" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        name="originalLocale"
        label={t("form.originalLocale")}
        placeholder={t("form.chooseLanguage")}
        options={LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code] }))}
      />
      <TextField form={form} failure={failure} name="name" label={t("form.name")} hint={t("form.nameHint")} maxLength={100} />
      <TextField form={form} failure={failure} name="builtBy" label={t("form.builtBy")} hint={t("form.builtByHint")} maxLength={200} />
      <TextAreaField form={form} failure={failure} name="description" label={t("form.description")} rows={4} />
      <fieldset className="fieldset">
        <legend>{t("form.features")}</legend>
        {PARKLET_FEATURES.map((feature) => (
          <div key={feature} className="field field-checkbox">
            <input
              type="checkbox"
              id={`field-feature-${feature}`}
              defaultChecked={Boolean((defaultValues.features as Record<string, boolean> | undefined)?.[feature])}
              {...form.register(`features.${feature}`)}
            />
            <label htmlFor={`field-feature-${feature}`}>{t(`features.${feature}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.photo")}</legend>
        {photo ? (
          <>
            <p className="muted">{t("form.currentPhoto")}</p>
            <div className="photo-grid">
              <img src={`/uploads/${photo.fileName}`} alt={photo.alt} loading="lazy" />
            </div>
            <div className="field field-checkbox">
              <input type="checkbox" id="field-removePhoto" defaultChecked={Boolean(defaultValues.removePhoto)} {...form.register("removePhoto")} />
              <label htmlFor="field-removePhoto">{t("form.removePhoto")}</label>
            </div>
          </>
        ) : null}
        <FieldShell id="field-photo" label={photo ? t("form.newPhoto") : t("form.photoFile")} hint={t("form.photoHint")} error={photoError}>
          {(describedBy, invalid) => (
            <input
              id="field-photo"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </FieldShell>
        <TextField form={form} failure={failure} name="photoAlt" label={t("form.photoAlt")} hint={t("form.photoAltHint")} maxLength={200} />
      </fieldset>
      <div>
        <button type="submit" className="button">
          {t("form.save")}
        </button>
      </div>
    </Form>
  );
}
