import * as z from "zod";
import { parseAmount } from "./amount";

/** A checkbox: "on" from a plain HTML form, a boolean from react-hook-form; absent = false. */
export function checkbox() {
  return z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true");
}

/**
 * Locale-free amount text ("1250,50"): what plain exports write. Forms show amounts with
 * formatAmountInput (./amount) in the reader's locale instead.
 */
export function centsToEuroText(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(2, "0")}`;
}

/** Typed euros read in `intlLocale` (see ./amount), checked against bounds: cents, or a message key. */
export function amountCents(text: string, intlLocale: string, bounds: { minCents?: number; maxCents: number }): { cents: number } | { problem: string } {
  const reading = parseAmount(text, intlLocale);
  if (!reading.ok) return { problem: reading.problem };
  if (bounds.minCents !== undefined && reading.cents < bounds.minCents) return { problem: "validation.amountTooSmall" };
  if (reading.cents > bounds.maxCents) return { problem: "validation.amountTooLarge" };
  return { cents: reading.cents };
}

/** Room for "€ 10.000.000,00" with spaces; longer text is no amount. */
const MAX_AMOUNT_LENGTH = 30;

/** A required amount in euros, as typed in the form's locale (an Intl locale, e.g. "nl-BE") → integer cents. */
export function euroAmount(options: { minCents: number; maxCents: number; intlLocale: string }) {
  return z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(MAX_AMOUNT_LENGTH, "validation.amount")
    .transform((text, ctx) => {
      const amount = amountCents(text, options.intlLocale, options);
      if ("problem" in amount) {
        ctx.addIssue({ code: "custom", message: amount.problem });
        return z.NEVER;
      }
      return amount.cents;
    });
}

/** An amount in euros that may be left empty, as typed in the form's locale: cents, or null when empty. */
export function optionalEuros(options: { minCents?: number; maxCents: number; intlLocale: string }) {
  return z
    .string()
    .trim()
    .max(MAX_AMOUNT_LENGTH, "validation.amount")
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const amount = amountCents(text, options.intlLocale, options);
      if ("problem" in amount) {
        ctx.addIssue({ code: "custom", message: amount.problem });
        return z.NEVER;
      }
      return amount.cents;
    });
}

/** An email address, trimmed and lower-cased (accounts, invitations and RSVPs all compare it so). */
export function emailAddress() {
  return z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(254, "validation.emailTooLong")
    .pipe(z.email("validation.email"))
    .transform((value) => value.toLowerCase());
}

/** An optional coordinate typed as text ("51.0201" or "51,0201") within ±limit degrees; null when empty. */
export function coordinate(limit: number) {
  return z
    .string()
    .trim()
    .max(20, "validation.coordinate")
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const number = Number(value.replace(",", "."));
      if (!Number.isFinite(number) || Math.abs(number) > limit) {
        ctx.addIssue({ code: "custom", message: "validation.coordinate" });
        return z.NEVER;
      }
      return number;
    });
}

/**
 * A schema factory made once per key (a form's locale): useValidatedForm gets the same schema on
 * every render, and the server builds each locale's schema once.
 */
export function oncePer<K extends string, T>(make: (key: K) => T): (key: K) => T {
  const made = new Map<K, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
