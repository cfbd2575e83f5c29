import * as z from "zod";
import { LOCALES } from "~/i18n/config";
import { MAX_BUDGET_CENTS } from "~/rounds/schema";
import { checkbox, coordinate, emailAddress, eurosToCents, optionalEuros } from "~/kernel/zod";

export const MAX_COST_LINES = 30;
export const MAX_PHOTOS = 4;
/**
 * One cost line may not exceed €100,000: far beyond any neighbourhood budget, and 30 such lines
 * still fit the 32-bit integer columns of PostgreSQL.
 */
const MAX_LINE_CENTS = 100_000_00;

const text = (max: number, tooLong: string) => z.string({ error: "validation.required" }).trim().max(max, tooLong);

const costLine = z.object({
  label: text(120, "proposal-form:validation.labelTooLong"),
  amount: z
    .string()
    .trim()
    .max(20, "validation.amount")
    .transform((value, ctx) => {
      if (!value) return null;
      const cents = eurosToCents(value);
      if (cents === null || cents > MAX_LINE_CENTS) {
        ctx.addIssue({ code: "custom", message: "validation.amount" });
        return z.NEVER;
      }
      return cents;
    }),
});

/**
 * The proposal form. A draft needs only a title; what is filled in must be well-formed. Submitting
 * needs more (see submissionProblems in ./submission.ts), which the server checks against the round.
 */
export const proposalSchema = z
  .object({
    originalLocale: z.enum(LOCALES, { error: "validation.choice" }),
    title: text(120, "validation.titleTooLong").min(1, "validation.required"),
    summary: text(300, "proposal-form:validation.summaryTooLong").default(""),
    description: text(5000, "validation.descriptionTooLong").default(""),
    categoryId: z
      .string()
      .max(50)
      .optional()
      .transform((value) => value || null),
    costLines: z.array(costLine).max(MAX_COST_LINES, "proposal-form:validation.tooManyLines").default([]),
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
  });
export type ProposalInput = z.output<typeof proposalSchema>;

/** Cost lines as saved: the empty rows of the form left out. */
export function filledCostLines(input: ProposalInput): { label: string; amountCents: number }[] {
  return input.costLines.flatMap((line) => (line.label && line.amount !== null ? [{ label: line.label, amountCents: line.amount }] : []));
}

export const translationSchema = z.object({
  locale: z.enum(LOCALES, { error: "validation.choice" }),
  title: text(120, "validation.titleTooLong").min(1, "validation.required"),
  summary: text(300, "proposal-form:validation.summaryTooLong").min(1, "validation.required"),
  description: text(5000, "validation.descriptionTooLong").min(1, "validation.required"),
});

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailAddress(),
});

export const photoAltSchema = z.object({
  intent: z.literal("add-photo"),
  altText: text(200, "proposal-form:validation.altTooLong").min(1, "proposal-form:validation.altRequired"),
});

export const verdictSchema = z
  .object({
    intent: z.literal("verdict"),
    verdict: z.enum(["ADMISSIBLE", "INADMISSIBLE", "CHANGES_REQUESTED"], { error: "validation.choice" }),
    cityCost: z.string().trim().max(20).optional(),
    note: text(2000, "proposal-form:validation.noteTooLong").default(""),
    deadline: z.string().trim().max(16).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.verdict !== "ADMISSIBLE" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "proposal-form:validation.reasonRequired" });
    }
    if (value.verdict === "ADMISSIBLE" && value.cityCost) {
      const cents = eurosToCents(value.cityCost);
      if (cents === null) ctx.addIssue({ code: "custom", path: ["cityCost"], message: "validation.amount" });
      else if (cents === 0) ctx.addIssue({ code: "custom", path: ["cityCost"], message: "validation.amountTooSmall" });
      else if (cents > MAX_BUDGET_CENTS) ctx.addIssue({ code: "custom", path: ["cityCost"], message: "validation.amountTooLarge" });
    }
    if (value.verdict === "CHANGES_REQUESTED" && !value.deadline) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "validation.required" });
    }
  });

export const coachNoteSchema = z.object({
  intent: z.literal("coach-note"),
  body: text(2000, "proposal-form:validation.noteTooLong").min(1, "validation.required"),
});

export const roundRulesSchema = z
  .object({
    intent: z.literal("rules"),
    minAmount: optionalEuros({ maxCents: MAX_BUDGET_CENTS }),
    maxAmount: optionalEuros({ maxCents: MAX_BUDGET_CENTS }),
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
  });

export const categorySchema = z
  .object({
    intent: z.literal("add-category"),
    names: z.object(Object.fromEntries(LOCALES.map((locale) => [locale, text(60, "proposal-form:validation.categoryTooLong").default("")]))),
  })
  .refine((value) => Object.values(value.names).some(Boolean), { path: ["names", "nl"], message: "validation.required" });
