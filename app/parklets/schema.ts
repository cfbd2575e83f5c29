import * as z from "zod";
import { writtenIn } from "~/i18n/written-in";
import { isDay } from "~/kernel/city-time";
import { checkbox, coordinate } from "~/kernel/zod";
import { PARKLET_FEATURES } from "./features";
import { spanProblem } from "./schedule";

export const MAX_SUPPORTERS = 500;

const text = (max: number, tooLong: string) => z.string({ error: "validation.required" }).trim().max(max, tooLong);

/** The id of a row chosen in a select: any short text; the server checks that the row exists. */
const chosenId = z.string({ error: "validation.choice" }).trim().min(1, "validation.choice").max(50, "validation.choice");

/** A calendar day from an <input type="date"> ("2027-07-03"). */
const day = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(10, "parklets:validation.day")
  .refine(isDay, "parklets:validation.day");

const SPAN_MESSAGES = {
  invalidDay: "parklets:validation.day",
  order: "parklets:validation.dayOrder",
  tooLong: "parklets:validation.tooLong",
} as const;

/** First and last day (both inclusive) in order, on the field of the last one. */
function checkSpan(first: "firstDay" | "wishedFrom", last: "lastDay" | "wishedUntil") {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const firstDay = value[first];
    const lastDay = value[last];
    if (typeof firstDay !== "string" || typeof lastDay !== "string" || !isDay(firstDay) || !isDay(lastDay)) return;
    const problem = spanProblem({ firstDay, lastDay });
    if (problem) ctx.addIssue({ code: "custom", path: [last], message: SPAN_MESSAGES[problem] });
  };
}

export const parkletSchema = z.object({
  intent: z.literal("save"),
  originalLocale: writtenIn(),
  name: text(100, "parklets:validation.nameTooLong").min(1, "validation.required"),
  description: text(2000, "validation.descriptionTooLong").default(""),
  builtBy: text(200, "parklets:validation.builtByTooLong").min(1, "validation.required"),
  features: z
    .object({ benches: checkbox(), plants: checkbox(), table: checkbox(), shade: checkbox(), "bike-rack": checkbox() })
    .partial()
    .optional()
    .transform((chosen) => PARKLET_FEATURES.filter((feature) => chosen?.[feature])),
  photoAlt: text(200, "parklets:validation.altTooLong").default(""),
  removePhoto: checkbox(),
});
export type ParkletInput = z.output<typeof parkletSchema>;

export const placementSchema = z
  .object({
    intent: z.literal("plan"),
    parkletId: chosenId,
    neighbourhoodId: chosenId,
    street: text(150, "parklets:validation.streetTooLong").min(1, "validation.required"),
    latitude: coordinate(90),
    longitude: coordinate(180),
    firstDay: day,
    lastDay: day,
  })
  .superRefine((value, ctx) => {
    checkSpan("firstDay", "lastDay")(value, ctx);
    if ((value.latitude === null) !== (value.longitude === null)) {
      ctx.addIssue({ code: "custom", path: [value.latitude === null ? "latitude" : "longitude"], message: "parklets:validation.pointIncomplete" });
    }
  });
export type PlacementInput = Omit<z.output<typeof placementSchema>, "intent">;

export const doneSchema = z.object({
  intent: z.literal("done"),
  placementId: chosenId,
});

export const cancelSchema = z.object({
  intent: z.literal("cancel"),
  placementId: chosenId,
  reason: text(500, "parklets:validation.reasonTooLong").min(1, "parklets:validation.reasonRequired"),
});

export const requestSchema = z
  .object({
    neighbourhoodId: chosenId,
    street: text(150, "parklets:validation.streetTooLong").min(1, "validation.required"),
    wishedFrom: day,
    wishedUntil: day,
    reason: text(2000, "parklets:validation.reasonTooLong").min(1, "validation.required"),
    supporters: z
      .string()
      .trim()
      .max(4, "parklets:validation.supporters")
      .optional()
      .transform((value, ctx) => {
        if (!value) return 0;
        const count = Number(value);
        if (!/^\d+$/.test(value) || count > MAX_SUPPORTERS) {
          ctx.addIssue({ code: "custom", message: "parklets:validation.supporters" });
          return z.NEVER;
        }
        return count;
      }),
  })
  .superRefine(checkSpan("wishedFrom", "wishedUntil"));
export type RequestInput = z.output<typeof requestSchema>;

export const planRequestSchema = z
  .object({
    intent: z.literal("plan-request"),
    requestId: chosenId,
    parkletId: chosenId,
    firstDay: day,
    lastDay: day,
  })
  .superRefine(checkSpan("firstDay", "lastDay"));

export const declineSchema = z.object({
  intent: z.literal("decline"),
  requestId: chosenId,
  reason: text(1000, "parklets:validation.reasonTooLong").min(1, "parklets:validation.reasonRequired"),
});
