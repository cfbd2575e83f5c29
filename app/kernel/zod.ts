import * as z from "zod";

/** A checkbox: "on" from a plain HTML form, a boolean from react-hook-form; absent = false. */
export function checkbox() {
  return z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true");
}

const EUROS = /^\d{1,8}([.,]\d{1,2})?$/;

/** An amount in euros as typed ("40000", "40000,50", "1 250.5") → integer cents, exactly. */
export function eurosToCents(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!EUROS.test(compact)) return null;
  const [whole = "0", fraction = ""] = compact.split(/[.,]/);
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function centsToEuroText(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(2, "0")}`;
}

export function euroAmount(options: { minCents: number; maxCents: number }) {
  return z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(20, "validation.amount")
    .transform((text, ctx) => {
      const cents = eurosToCents(text);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "validation.amount" });
        return z.NEVER;
      }
      if (cents < options.minCents) {
        ctx.addIssue({ code: "custom", message: "validation.amountTooSmall" });
        return z.NEVER;
      }
      if (cents > options.maxCents) {
        ctx.addIssue({ code: "custom", message: "validation.amountTooLarge" });
        return z.NEVER;
      }
      return cents;
    });
}

/** An amount in euros that may be left empty: cents, or null when empty. */
export function optionalEuros(options: { maxCents: number }) {
  return z
    .string()
    .trim()
    .max(20, "validation.amount")
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const cents = eurosToCents(text);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "validation.amount" });
        return z.NEVER;
      }
      if (cents > options.maxCents) {
        ctx.addIssue({ code: "custom", message: "validation.amountTooLarge" });
        return z.NEVER;
      }
      return cents;
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
