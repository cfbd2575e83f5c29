// The zod schemas of the results forms: one for the browser and the action.
import * as z from "zod";
import { isDay } from "~/kernel/city-time";
import { writtenInOrPageLanguage } from "~/i18n/written-in";
import { checkbox } from "~/kernel/zod";
import { REALISATION_STATUSES } from "./realisation";

const text = (max: number) => z.string({ error: "validation.required" }).trim().max(max, "results:validation.tooLong");

export const publishSchema = z.object({
  intent: z.literal("publish"),
  /** The finished count staff saw (a tally job). */
  jobId: z.string().min(1, "results:errors.countUnknown").max(50, "results:errors.countUnknown"),
  confirm: checkbox().refine(Boolean, "results:validation.confirmPublish"),
});

export const withdrawSchema = z.object({
  intent: z.literal("withdraw"),
  proposalId: z.string().min(1).max(50),
  reason: text(2000).min(1, "results:validation.reasonRequired"),
  reasonLocale: writtenInOrPageLanguage(),
  confirm: checkbox().refine(Boolean, "results:validation.confirmWithdraw"),
});
export type WithdrawInput = z.output<typeof withdrawSchema>;

export const importSchema = z.object({
  neighbourhoodId: z.string({ error: "validation.required" }).min(1, "validation.required").max(50, "validation.choice"),
});

export const updateSchema = z.object({
  status: z.enum(REALISATION_STATUSES, { error: "validation.choice" }),
  text: text(4000).min(1, "validation.required"),
  textLocale: writtenInOrPageLanguage(),
  day: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((value) => isDay(value), "results:validation.day"),
  photoAlt: text(300).default(""),
});
export type UpdateInput = z.output<typeof updateSchema>;
