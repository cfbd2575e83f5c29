import { isLocale, type Locale } from "./config";

export interface LocalizedText {
  locale: string;
}

/**
 * The version of user content to show a reader: their language when it exists, otherwise the
 * original (the page then says which language that is).
 */
export function pickLocalized<T extends LocalizedText>(
  versions: T[],
  readerLocale: Locale,
  originalLocale: string,
): { text: T; locale: Locale; isReaderLanguage: boolean } | null {
  const inReaderLanguage = versions.find((version) => version.locale === readerLocale);
  if (inReaderLanguage) return { text: inReaderLanguage, locale: readerLocale, isReaderLanguage: true };
  const original = versions.find((version) => version.locale === originalLocale) ?? versions[0];
  if (!original) return null;
  return { text: original, locale: isLocale(original.locale) ? original.locale : readerLocale, isReaderLanguage: false };
}
