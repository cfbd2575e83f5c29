import * as z from "zod";
import { INTL_LOCALES, LOCALES, type Locale } from "~/i18n/config";
import { writtenIn, writtenInOrPageLanguage } from "~/i18n/written-in";
import { MAX_BUDGET_CENTS } from "~/rounds/schema";
import { amountCents, checkbox, coordinate, emailAddress, oncePer, optionalEuros } from "~/kernel/zod";

export const MAX_COST_LINES = 30;
export const MAX_PHOTOS = 4;
/**
 * One cost line may not exceed €100,000: far beyond any neighbourhood budget, and 30 such lines
 * still fit the 32-bit integer columns of PostgreSQL.
 */
const MAX_LINE_CENTS = 100_000_00;

const text = (max: number, tooLong: string) => z.string({ error: "validation.required" }).trim().max(max, tooLong);

/** A cost line; its amount is read in the locale the form is shown in (decision 0029). */
const costLine = (locale: Locale) =>
  z.object({
    label: text(120, "proposal-form:validation.labelTooLong"),
    amount: z
      .string()
      .trim()
      .max(30, "validation.amount")
      .transform((value, ctx) => {
        if (!value) return null;
        const amount = amountCents(value, INTL_LOCALES[locale], { maxCents: MAX_LINE_CENTS });
        if ("problem" in amount) {
          // Too large a line is "not an amount we take", as before; ambiguity gets its own message.
          ctx.addIssue({ code: "custom", message: amount.problem === "validation.amountAmbiguous" ? amount.problem : "validation.amount" });
          return z.NEVER;
        }
        return amount.cents;
      }),
  });

/**
 * The proposal form. A draft needs only a title; what is filled in must be well-formed. Submitting
 * needs more (see submissionProblems in ./submission.ts), which the server checks against the round.
 * Amounts are read in `locale`, the language the form is shown in.
 */
export const proposalSchemaFor = oncePer((locale: Locale) =>
  z
    .object({
      originalLocale: writtenIn(),
      title: text(120, "validation.titleTooLong").min(1, "validation.required"),
      summary: text(300, "proposal-form:validation.summaryTooLong").default(""),
      description: text(5000, "validation.descriptionTooLong").default(""),
      categoryId: z
        .string()
        .max(50)
        .optional()
        .transform((value) => value || null),
      costLines: z.array(costLine(locale)).max(MAX_COST_LINES, "proposal-form:validation.tooManyLines").default([]),
      locationText: text(200, "proposal-form:validation.locationTooLong").default(""),
      latitude: coordinate(90),
      longitude: coordinate(180),
      carrier: z.enum(["RESIDENTS", "ORGANISATION"], { error: "validation.choice" }).default("RESIDENTS"),
      carrierNames: text(500, "proposal-form:validation.namesTooLong").default(""),
      organisationName: text(150, "proposal-form:validation.organisationTooLong").default(""),
    })
    .superRefine((proposal, ctx) => {
      proposal.costLines.forEach((line, index) => {
        if (line.label && line.amount === null) ctx.addIssue({ code: "custom", path: ["costLines", index, "amount"], message: "validation.required" });
        if (!line.label && line.amount !== null) ctx.addIssue({ code: "custom", path: ["costLines", index, "label"], message: "validation.required" });
      });
      if ((proposal.latitude === null) !== (proposal.longitude === null)) {
        const missing = proposal.latitude === null ? "latitude" : "longitude";
        ctx.addIssue({ code: "custom", path: [missing], message: "common:validation.pointIncomplete" });
      }
      if (proposal.carrier === "ORGANISATION" && !proposal.organisationName) {
        ctx.addIssue({ code: "custom", path: ["organisationName"], message: "validation.required" });
      }
    }),
);
export type ProposalInput = z.output<ReturnType<typeof proposalSchemaFor>>;

/** Cost lines as saved: the empty rows of the form left out. */
export function filledCostLines(input: ProposalInput): { label: string; amountCents: number }[] {
  return input.costLines.flatMap((line) => (line.label && line.amount !== null ? [{ label: line.label, amountCents: line.amount }] : []));
}

export const translationSchema = z.object({
  locale: writtenIn(),
  title: text(120, "validation.titleTooLong").min(1, "validation.required"),
  summary: text(300, "proposal-form:validation.summaryTooLong").min(1, "validation.required"),
  description: text(5000, "validation.descriptionTooLong").min(1, "validation.required"),
  /** Cost line id → its label in this language; a line left empty has no translation in it. */
  costLabels: z.record(z.string().max(64), text(120, "proposal-form:validation.labelTooLong")).default({}),
});

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailAddress(),
});

export const photoAltSchema = z.object({
  intent: z.literal("add-photo"),
  altText: text(200, "proposal-form:validation.altTooLong").min(1, "proposal-form:validation.altRequired"),
});

/** Staff's verdict; the city's checked cost is read in `locale`, the language the form is shown in. */
export const verdictSchemaFor = oncePer((locale: Locale) =>
  z
    .object({
      intent: z.literal("verdict"),
      verdict: z.enum(["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"], { error: "validation.choice" }),
      cityCost: z.string().trim().max(30, "validation.amount").optional(),
      note: text(2000, "proposal-form:validation.noteTooLong").default(""),
      textLocale: writtenInOrPageLanguage(),
      deadline: z.string().trim().max(16).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.verdict !== "ADMISSIBLE" && !value.note) {
        ctx.addIssue({ code: "custom", path: ["note"], message: "proposal-form:validation.reasonRequired" });
      }
      if (value.verdict === "ADMISSIBLE" && value.cityCost) {
        const amount = amountCents(value.cityCost, INTL_LOCALES[locale], { minCents: 1, maxCents: MAX_BUDGET_CENTS });
        if ("problem" in amount) ctx.addIssue({ code: "custom", path: ["cityCost"], message: amount.problem });
      }
      if (value.verdict === "CHANGES_REQUESTED" && !value.deadline) {
        ctx.addIssue({ code: "custom", path: ["deadline"], message: "validation.required" });
      }
    })
    .transform(({ cityCost, ...verdict }) => {
      const amount = verdict.verdict === "ADMISSIBLE" && cityCost ? amountCents(cityCost, INTL_LOCALES[locale], { maxCents: MAX_BUDGET_CENTS }) : null;
      return { ...verdict, cityCostCents: amount && "cents" in amount ? amount.cents : null };
    }),
);

export const coachNoteSchema = z.object({
  intent: z.literal("coach-note"),
  body: text(2000, "proposal-form:validation.noteTooLong").min(1, "validation.required"),
});

/** A round's amount rules; the amounts are read in `locale`, the language the form is shown in. */
export const roundRulesSchemaFor = oncePer((locale: Locale) =>
  z
    .object({
      intent: z.literal("rules"),
      minAmount: optionalEuros({ maxCents: MAX_BUDGET_CENTS, intlLocale: INTL_LOCALES[locale] }),
      maxAmount: optionalEuros({ maxCents: MAX_BUDGET_CENTS, intlLocale: INTL_LOCALES[locale] }),
      maxSharePercent: z
        .string()
        .trim()
        .max(3, "proposal-form:validation.percent")
        .optional()
        .transform((value, ctx) => {
          if (!value) return null;
          const percent = Number(value);
          if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
            ctx.addIssue({ code: "custom", message: "proposal-form:validation.percent" });
            return z.NEVER;
          }
          return percent;
        }),
      organisationsMaySubmit: checkbox(),
      teamsMayCreateEvents: checkbox(),
    })
    .refine((rules) => rules.minAmount === null || rules.maxAmount === null || rules.minAmount <= rules.maxAmount, {
      path: ["maxAmount"],
      message: "proposal-form:validation.maxBelowMin",
    }),
);

export const categorySchema = z
  .object({
    intent: z.literal("add-category"),
    names: z.object(Object.fromEntries(LOCALES.map((locale) => [locale, text(60, "proposal-form:validation.categoryTooLong").default("")]))),
  })
  .refine((value) => Object.values(value.names).some(Boolean), { path: ["names", "nl"], message: "validation.required" });
