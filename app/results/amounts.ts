// Amounts in cents as text: a plain decimal for files (CSV, Pabulib), and any currency for a reader.
import { numberFormat } from "~/kernel/intl";
import { INTL_LOCALES, type Locale } from "~/i18n/config";

/** Cents as a plain decimal amount of currency ("1250", "1250.50"): machine-readable, no grouping. */
export function centsToDecimal(cents: number, decimals = cents % 100 === 0 ? 0 : 2): string {
  const whole = Math.trunc(cents / 100);
  const fraction = Math.abs(cents % 100);
  return decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/** An amount in any currency in the reader's language (formatMoney is for euros). */
export function formatAmount(cents: number, locale: Locale, currency = "EUR"): string {
  const whole = cents % 100 === 0;
  try {
    return numberFormat(INTL_LOCALES[locale], {
      style: "currency",
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(cents / 100);
  } catch {
    return `${centsToDecimal(cents)} ${currency}`;
  }
}
