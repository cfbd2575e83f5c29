// Dates, numbers and euro amounts in the reader's language (Intl), in the city's time zone.
import { dateTimeFormat, numberFormat } from "~/kernel/intl";
import { CITY_TIME_ZONE } from "~/kernel/city-time";
import { INTL_LOCALES, type Locale } from "./config";

export function formatMoney(cents: number, locale: Locale, options: { whole?: boolean } = {}): string {
  const whole = options.whole ?? cents % 100 === 0;
  return numberFormat(INTL_LOCALES[locale], {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(INTL_LOCALES[locale]).format(value);
}

/** A share (0–1) as a whole percentage ("42 %" in Dutch). */
export function formatPercent(share: number, locale: Locale): string {
  return numberFormat(INTL_LOCALES[locale], { style: "percent", maximumFractionDigits: 0 }).format(share);
}

export function formatDate(date: Date | string, locale: Locale): string {
  return dateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeZone: CITY_TIME_ZONE }).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale: Locale): string {
  return dateTimeFormat(INTL_LOCALES[locale], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: CITY_TIME_ZONE,
  }).format(new Date(date));
}

/** A day "YYYY-MM-DD" in the reader's language ("3 juli 2027"). */
export function formatDay(day: string, locale: Locale): string {
  return dateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * An event's start and end in the reader's language and the city's time zone, the date written
 * once when both fall on the same day ("20 december 2026, 14:00–17:00"; across days
 * "20 december 2026 om 14:00 – 21 december 2026 om 17:00"), as Intl's formatRange writes it.
 */
export function formatDateTimeRange(start: Date | string, end: Date | string, locale: Locale): string {
  const from = new Date(start);
  const until = new Date(end);
  const format = dateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeStyle: "short", timeZone: CITY_TIME_ZONE });
  // formatRange throws on an invalid date and refuses an end before the start in older engines.
  if (Number.isNaN(from.getTime()) || Number.isNaN(until.getTime()) || until.getTime() < from.getTime()) return format.format(from);
  // Engines differ in the spaces of a range (Node's ICU writes thin spaces around the dash and a
  // narrow no-break space before the Bulgarian "г.", Chromium plain spaces): one spelling, or the
  // page the server rendered would not match what the browser renders.
  return format.formatRange(from, until).replace(/[\u2009\u202f]/g, " ");
}

/** A period of whole days ("30 dagen"), in whole years when it is ("2 jaar"). */
export function formatPeriod(days: number, locale: Locale): string {
  const [value, unit] = days >= 365 && days % 365 === 0 ? [days / 365, "year"] : [days, "day"];
  return numberFormat(INTL_LOCALES[locale], { style: "unit", unit, unitDisplay: "long" }).format(value);
}
