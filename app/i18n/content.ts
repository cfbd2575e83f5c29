import { isLocale, LOCALES, type Locale } from "./config";

export interface LocalizedText {
  locale: string;
}

/**
 * The version of user content to show a reader: their language when it exists, otherwise the
 * original (the page then says which language that is).
 */
export function pickLocalized<T extends LocalizedText>(
  versions: readonly T[],
  readerLocale: Locale,
  originalLocale: string,
): { text: T; locale: Locale; isReaderLanguage: boolean } | null {
  const inReaderLanguage = versions.find((version) => version.locale === readerLocale);
  if (inReaderLanguage) return { text: inReaderLanguage, locale: readerLocale, isReaderLanguage: true };
  const original = versions.find((version) => version.locale === originalLocale) ?? versions[0];
  if (!original) return null;
  return { text: original, locale: isLocale(original.locale) ? original.locale : readerLocale, isReaderLanguage: false };
}

/**
 * The language versions a form filled in completely (title and description), as rows to store;
 * a language left empty is no translation.
 */
export function filledTranslations(translations: Partial<Record<Locale, { title: string; description: string } | undefined>>) {
  return LOCALES.flatMap((locale) => {
    const text = translations[locale];
    return text?.title && text.description ? [{ locale, title: text.title, description: text.description }] : [];
  });
}

/**
 * A name kept as JSON per language ({"nl": "Ontmoeting", …}) in the reader's language, else the
 * original (Dutch, else any), saying which language the text is in.
 */
export function pickName(namesJson: string, locale: Locale): { text: string; locale: Locale; isReaderLanguage: boolean } | null {
  let names: Record<string, string> = {};
  try {
    names = JSON.parse(namesJson) as Record<string, string>;
  } catch {
    return null;
  }
  if (names[locale]) return { text: names[locale], locale, isReaderLanguage: true };
  const original = names.nl ? "nl" : Object.keys(names).find((code) => names[code]);
  if (!original) return null;
  const originalLocale = isLocale(original) ? original : locale;
  return { text: names[original]!, locale: originalLocale, isReaderLanguage: originalLocale === locale };
}

/** Translations kept as JSON per language ({"en": "Benches", …}); anything unreadable or not a text is left out. */
export function parseTranslations(json: string): Partial<Record<Locale, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const result: Partial<Record<Locale, string>> = {};
  for (const [code, value] of Object.entries(parsed)) {
    if (isLocale(code) && typeof value === "string" && value) result[code] = value;
  }
  return result;
}

/**
 * A text written in `originalLocale` with its translations as JSON per language (a cost line's
 * label): in the reader's language when translated, else the original, saying which language it is in.
 */
export function pickTranslated(
  original: string,
  translationsJson: string,
  readerLocale: Locale,
  originalLocale: string,
): { text: string; locale: Locale; isReaderLanguage: boolean } {
  const translated = parseTranslations(translationsJson)[readerLocale];
  if (translated) return { text: translated, locale: readerLocale, isReaderLanguage: true };
  const locale = isLocale(originalLocale) ? originalLocale : readerLocale;
  return { text: original, locale, isReaderLanguage: locale === readerLocale };
}

/** The languages, once each, of the picked texts not in the reader's language (for the notes saying so). */
export function originalLanguagesOf(...picks: ({ locale: Locale; isReaderLanguage: boolean } | null)[]): Locale[] {
  return [...new Set(picks.flatMap((pick) => (pick && !pick.isReaderLanguage ? [pick.locale] : [])))];
}

/** A name kept as JSON per language ({"nl": "Ontmoeting", …}) in the reader's language, else Dutch, else any. */
export function localizedName(namesJson: string, locale: Locale): string {
  return pickName(namesJson, locale)?.text ?? "";
}
