import { Form } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import type { MapSettings } from "~/proposals/map";
import { FormError, TextAreaField, TextField, useValidatedForm } from "~/ui/form";
import { neighbourhoodSchema } from "../schema";
import { BoundaryDrawer } from "./BoundaryDrawer";

export interface NeighbourhoodFormProps {
  defaultValues: Record<string, unknown>;
  submitLabel: string;
  /** The tiles the boundary is drawn on. */
  map: MapSettings;
}

/** Name, city, slug, names per language and the boundary (pasted GeoJSON, an uploaded file, or drawn on the map). */
export function NeighbourhoodForm({ defaultValues, submitLabel, map }: NeighbourhoodFormProps) {
  const { t } = useTranslation("workspace");
  const { form, onSubmit, failure } = useValidatedForm(neighbourhoodSchema, { defaultValues: { intent: "save", ...defaultValues }, intent: "save" });

  // With JavaScript the chosen file is copied into the text field, so it is checked before sending;
  // without, the server reads the file (readNeighbourhoodForm).
  const copyFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) form.setValue("boundary", await file.text(), { shouldValidate: true });
  };

  return (
    <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError failure={failure} />
      <div className="grid-2">
        <TextField form={form} failure={failure} name="name" label={t("neighbourhoods.form.name")} hint={t("neighbourhoods.form.nameHint")} required />
        <TextField form={form} failure={failure} name="city" label={t("neighbourhoods.form.city")} required />
      </div>
      <TextField form={form} failure={failure} name="slug" label={t("neighbourhoods.form.slug")} hint={t("neighbourhoods.form.slugHint")} dir="ltr" required />
      <fieldset className="fieldset">
        <legend>{t("neighbourhoods.form.names")}</legend>
        <p className="field-hint">{t("neighbourhoods.form.namesHint")}</p>
        <div className="grid-2">
          {LOCALES.map((locale) => (
            <TextField key={locale} form={form} failure={failure} name={`names.${locale}`} label={LOCALE_NAMES[locale]} lang={locale} dir="auto" />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("neighbourhoods.form.boundary")}</legend>
        <p className="field-hint">{t("neighbourhoods.form.boundaryHint")}</p>
        <div className="field">
          <label htmlFor="field-boundaryFile">{t("neighbourhoods.form.boundaryFile")}</label>
          <input type="file" id="field-boundaryFile" name="boundaryFile" accept=".geojson,.json,application/geo+json,application/json" onChange={copyFile} />
        </div>
        <BoundaryDrawer
          initial={typeof defaultValues.boundary === "string" ? defaultValues.boundary : ""}
          map={map}
          onDraw={(geojson) => form.setValue("boundary", geojson, { shouldValidate: true })}
        />
        <TextAreaField form={form} failure={failure} name="boundary" label={t("neighbourhoods.form.boundaryText")} rows={6} dir="ltr" spellCheck={false} />
      </fieldset>
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
