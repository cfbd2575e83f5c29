import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";

/** Says that the text nearby is shown in its original language (no translation into the reader's). */
export function LanguageNote({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return <p className="language-note">{t("content.originalLanguage", { language: LOCALE_NAMES[locale] })}</p>;
}
