import { useTranslation } from "react-i18next";
import { languageAttributes, LOCALE_NAMES, LOCALES, type Locale } from "~/i18n/config";
import { TextAreaField, TextField, type AnyForm, type FormFailure } from "./form";

/**
 * Title and description in every UI language, the original first (required) and the others as
 * optional translations, under `translations.<locale>.title|description`.
 */
export function TranslatedTextFields({ form, failure, originalLocale }: { form: AnyForm; failure?: FormFailure; originalLocale: Locale }) {
  const { t } = useTranslation("rounds");
  const ordered = [...LOCALES].sort((a, b) => Number(b === originalLocale) - Number(a === originalLocale));
  return (
    <>
      {ordered.map((code) => (
        <fieldset key={code} className="fieldset" {...languageAttributes(code)}>
          <legend>
            {LOCALE_NAMES[code]}
            {code === originalLocale ? ` · ${t("form.original")}` : ` · ${t("form.translationOptional")}`}
          </legend>
          <TextField form={form} failure={failure} name={`translations.${code}.title`} label={t("form.title")} maxLength={150} />
          <TextAreaField
            form={form}
            failure={failure}
            name={`translations.${code}.description`}
            label={t("form.description")}
            rows={code === originalLocale ? 6 : 3}
          />
        </fieldset>
      ))}
    </>
  );
}
