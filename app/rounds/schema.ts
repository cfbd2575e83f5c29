import * as z from "zod";
import { INTL_LOCALES, LOCALES, type Locale } from "~/i18n/config";
import { cityWallTimeToDate } from "~/kernel/city-time";
import { checkbox, euroAmount, oncePer } from "~/kernel/zod";
import { PHASES, ROUND_DATE_FIELDS, type RoundDateField } from "./phases";

/** Neighbourhood budgets run to tens of thousands of euros; ten million is a safe upper bound. */
export const MAX_BUDGET_CENTS = 10_000_000_00;

const translation = z.object({
  title: z.string().trim().max(150, "validation.titleTooLong").default(""),
  description: z.string().trim().max(5000, "validation.descriptionTooLong").default(""),
});

/** An optional "YYYY-MM-DDTHH:mm" on a Brussels clock → a Date (or null when left empty). */
const cityDateTime = z
  .string()
  .trim()
  .max(16, "validation.dateTime")
  .optional()
  .transform((text, ctx) => {
    if (!text) return null;
    const date = cityWallTimeToDate(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "validation.dateTime" });
      return z.NEVER;
    }
    return date;
  });

/** Pairs of dates where the first must come before the second. */
const DATE_ORDER: [RoundDateField, RoundDateField][] = [
  ["submissionStartsAt", "submissionEndsAt"],
  ["submissionEndsAt", "reviewStartsAt"],
  ["reviewStartsAt", "reviewEndsAt"],
  ["reviewEndsAt", "votingStartsAt"],
  ["submissionEndsAt", "votingStartsAt"],
  ["votingStartsAt", "votingEndsAt"],
  ["votingEndsAt", "resultsAt"],
];

const CROSS_CHECKED = new Set(["originalLocale", "translations", "hasReview", "dates"]);

/** The round form; the budget is read in `locale`, the language the form is shown in. */
export const roundSchemaFor = oncePer((locale: Locale) =>
  z
    .object({
      neighbourhoodId: z.string({ error: "validation.required" }).min(1, "validation.required").max(50, "validation.choice"),
      originalLocale: z.enum(LOCALES, { error: "validation.choice" }),
      translations: z.object(
        Object.fromEntries(LOCALES.map((locale) => [locale, translation.optional()])) as Record<Locale, z.ZodOptional<typeof translation>>,
      ),
      budget: euroAmount({ minCents: 100, maxCents: MAX_BUDGET_CENTS, intlLocale: INTL_LOCALES[locale] }),
      hasReview: checkbox(),
      dates: z.object(Object.fromEntries(ROUND_DATE_FIELDS.map((field) => [field, cityDateTime])) as Record<RoundDateField, typeof cityDateTime>),
    })
    .superRefine(
      (round, ctx) => {
        const original = round.translations[round.originalLocale];
        if (!original?.title) {
          ctx.addIssue({ code: "custom", path: ["translations", round.originalLocale, "title"], message: "validation.required" });
        }
        if (!original?.description) {
          ctx.addIssue({
            code: "custom",
            path: ["translations", round.originalLocale, "description"],
            message: "validation.required",
          });
        }
        for (const locale of LOCALES) {
          const text = round.translations[locale];
          if (text && !!text.title !== !!text.description) {
            const missing = text.title ? "description" : "title";
            ctx.addIssue({ code: "custom", path: ["translations", locale, missing], message: "validation.translationIncomplete" });
          }
        }
        for (const [first, second] of DATE_ORDER) {
          const a = round.dates[first];
          const b = round.dates[second];
          if (!round.hasReview && (first.startsWith("review") || second.startsWith("review"))) continue;
          if (a && b && a.getTime() >= b.getTime()) {
            ctx.addIssue({ code: "custom", path: ["dates", second], message: "validation.dateOrder" });
          }
        }
      },
      {
        // Also when other fields (e.g. the budget) are wrong, so the form shows every problem at once;
        // only the fields this check reads must have parsed.
        when: (payload) => payload.issues.every((issue) => !CROSS_CHECKED.has(String(issue.path?.[0]))),
      },
    ),
);
export type RoundInput = z.output<ReturnType<typeof roundSchemaFor>>;

export const advancePhaseSchema = z.object({
  intent: z.literal("advance"),
  /** The phase the staff member saw: a stale page or a double click cannot move the round twice. */
  from: z.enum(PHASES, { error: "validation.choice" }),
  to: z.enum(PHASES, { error: "validation.choice" }),
  confirm: z.literal("yes", { error: "rounds:advance.confirmRequired" }),
  /** Closing voting before its announced end needs this second, explicit confirmation (closesVotingEarly). */
  closeEarly: checkbox(),
});
