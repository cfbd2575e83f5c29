import * as z from "zod";
import { LOCALES } from "~/i18n/config";
import { writtenInOrPageLanguage } from "~/i18n/written-in";
import { checkbox, emailAddress } from "~/kernel/zod";

const text = (max: number, tooLong: string) => z.string({ error: "validation.required" }).trim().max(max, tooLong);

const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^\d{1,3}$/, "panel:validation.wholeNumber")
    .transform(Number)
    .pipe(z.number().min(min, "panel:validation.outOfRange").max(max, "panel:validation.outOfRange"));

export const panelSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    mode: z.enum(["SHORTLIST", "WEIGHTED"], { error: "validation.choice" }),
    weightPercent: wholeNumber(0, 100),
    scaleMin: wholeNumber(0, 9),
    scaleMax: wholeNumber(1, 10),
  })
  .superRefine((value, ctx) => {
    if (value.scaleMax <= value.scaleMin) ctx.addIssue({ code: "custom", path: ["scaleMax"], message: "panel:validation.scaleOrder" });
    if (value.mode === "WEIGHTED" && (value.weightPercent === 0 || value.weightPercent === 100)) {
      ctx.addIssue({ code: "custom", path: ["weightPercent"], message: "panel:validation.weightRange" });
    }
  });
export type PanelSettingsInput = Omit<z.output<typeof panelSettingsSchema>, "intent">;

const perLocale = (max: number) => z.object(Object.fromEntries(LOCALES.map((locale) => [locale, text(max, "panel:validation.tooLong").default("")])));

/** A criterion's name and question (what members look at) per language; it has a name in at least one. */
const criterionTexts = { names: perLocale(80), explanations: perLocale(400) };
const hasAName = (value: { names: Record<string, string> }) => Object.values(value.names).some(Boolean);
const nameRequired = { path: ["names", "nl"], message: "validation.required" };

export const criterionSchema = z
  .object({
    intent: z.literal("add-criterion"),
    ...criterionTexts,
    weight: wholeNumber(1, 100),
  })
  .refine(hasAName, nameRequired);
export type CriterionInput = z.output<typeof criterionSchema>;

/**
 * A criterion's translations afterwards, all six languages at once: a language filled in adds or
 * changes its translation, one emptied removes it. Its weight stays (it is not a translation).
 */
export const criterionTranslationsSchema = z
  .object({
    intent: z.literal("criterion-translations"),
    criterionId: z.string().trim().min(1).max(50),
    ...criterionTexts,
  })
  .refine(hasAName, nameRequired);
export type CriterionTranslationsInput = z.output<typeof criterionTranslationsSchema>;

export const memberSchema = z.object({
  intent: z.literal("add-member"),
  email: emailAddress(),
  chair: checkbox(),
});

/** Staff appoint a member (not the chair) vice-chair: the one who decides where the chair is conflicted. */
export const viceChairSchema = z.object({
  intent: z.literal("vice-chair"),
  userId: z.string({ error: "panel:validation.chooseMember" }).trim().min(1, "panel:validation.chooseMember").max(50, "panel:validation.chooseMember"),
});

export const conflictSchema = z.object({
  intent: z.literal("conflict"),
  proposalId: z.string().min(1).max(50),
  reason: text(500, "panel:validation.tooLong").default(""),
  confirm: checkbox().refine(Boolean, "panel:validation.confirmConflict"),
});

/** What the chair or staff decide about a reviewed proposal in a SHORTLIST round. */
export const PANEL_DECISIONS = ["SHORTLISTED", "REJECTED"] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

export const decisionSchema = z.object({
  intent: z.literal("decide"),
  proposalId: z.string().min(1).max(50),
  decision: z.enum(PANEL_DECISIONS, { error: "validation.choice" }),
  rationale: text(2000, "panel:validation.tooLong").min(1, "panel:validation.rationaleRequired"),
  textLocale: writtenInOrPageLanguage(),
});

/**
 * A member's review of one proposal: one score per criterion on the panel's scale (a score may be
 * left open, so a half-done review can be saved; it counts only once complete), a comment and a
 * recommendation. Built from the round's criteria, the same on client and server.
 */
export function reviewSchema(criterionIds: readonly string[], scale: { min: number; max: number }) {
  // An unchecked radio group is null in react-hook-form and absent in a plain post.
  const score = z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const number = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
      if (!(number >= scale.min && number <= scale.max)) {
        ctx.addIssue({ code: "custom", message: "panel:validation.scoreRange" });
        return z.NEVER;
      }
      return number;
    });
  return z.object({
    intent: z.literal("review"),
    scores: z.object(Object.fromEntries(criterionIds.map((id) => [id, score]))).default({}),
    comment: text(4000, "panel:validation.tooLong").default(""),
    recommendation: z.enum(["SHORTLIST", "REJECT", "ABSTAIN", ""], { error: "validation.choice" }).default(""),
  });
}
export type ReviewInput = z.output<ReturnType<typeof reviewSchema>>;
