import { LOCALES } from "~/i18n/config";
import { dateToCityWallTime } from "~/kernel/city-time";
import { centsToEuroText } from "~/kernel/zod";
import { ROUND_DATE_FIELDS, type RoundDateField } from "./phases";

interface StoredRound extends Partial<Record<RoundDateField, Date | string | null>> {
  neighbourhoodId: string;
  originalLocale: string;
  budgetCents: number;
  hasReview: boolean;
  translations: { locale: string; title: string; description: string }[];
}

/** A stored round → the values of the round form (Brussels wall times, euros as typed). */
export function roundFormValues(round: StoredRound): Record<string, unknown> {
  return {
    neighbourhoodId: round.neighbourhoodId,
    originalLocale: round.originalLocale,
    budget: centsToEuroText(round.budgetCents),
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
