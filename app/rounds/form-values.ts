import { INTL_LOCALES, LOCALES, type Locale } from "~/i18n/config";
import { dateToCityWallTime } from "~/kernel/city-time";
import { formatAmountInput } from "~/kernel/amount";
import { ROUND_DATE_FIELDS, type RoundDateField } from "./phases";

interface StoredRound extends Partial<Record<RoundDateField, Date | string | null>> {
  neighbourhoodId: string;
  originalLocale: string;
  budgetCents: number;
  hasReview: boolean;
  translations: { locale: string; title: string; description: string }[];
}

/** A stored round → the values of the round form (Brussels wall times, the budget as `locale` writes it). */
export function roundFormValues(round: StoredRound, locale: Locale): Record<string, unknown> {
  return {
    neighbourhoodId: round.neighbourhoodId,
    originalLocale: round.originalLocale,
    budget: formatAmountInput(round.budgetCents, INTL_LOCALES[locale]),
    hasReview: round.hasReview,
    translations: Object.fromEntries(
      LOCALES.map((locale) => {
        const text = round.translations.find((row) => row.locale === locale);
        return [locale, { title: text?.title ?? "", description: text?.description ?? "" }];
      }),
    ),
    dates: Object.fromEntries(
      ROUND_DATE_FIELDS.map((field) => {
        const value = round[field];
        return [field, value ? dateToCityWallTime(new Date(value)) : ""];
      }),
    ),
  };
}
