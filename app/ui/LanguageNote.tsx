import { useTranslation } from "react-i18next";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { useLocale } from "./useLocale";

/**
 * Says that the text nearby is shown in its original language (no translation into the reader's). Says
 * nothing when that is the page's language, or when the text's language was not recorded (null).
 */
export function LanguageNote({ locale }: { locale: Locale | null }) {
  const { t } = useTranslation();
  const pageLocale = useLocale();
  if (!locale || locale === pageLocale) return null;
  return <p className="language-note">{t("content.originalLanguage", { language: LOCALE_NAMES[locale] })}</p>;
}
