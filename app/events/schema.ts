import * as z from "zod";
import { LOCALES, type Locale } from "~/i18n/config";
import { cityWallTimeToDate } from "~/kernel/city-time";
import { coordinate, emailAddress } from "~/kernel/zod";

const text = (max: number) => z.string({ error: "validation.required" }).trim().max(max, "events:validation.tooLong");

const wallTime = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(16, "validation.dateTime")
  .transform((value, ctx) => {
    const date = cityWallTimeToDate(value);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "validation.dateTime" });
      return z.NEVER;
    }
    return date;
  });

const translation = z.object({ title: text(150).default(""), description: text(5000).default("") });

export const MAX_CAPACITY = 10_000;

export const eventSchema = z
  .object({
    intent: z.literal("save"),
    neighbourhoodId: z.string({ error: "validation.required" }).min(1, "validation.required").max(50, "validation.choice"),
    originalLocale: z.enum(LOCALES, { error: "validation.choice" }),
    translations: z.object(Object.fromEntries(LOCALES.map((locale) => [locale, translation.optional()])) as Record<Locale, z.ZodOptional<typeof translation>>),
    startsAt: wallTime,
    endsAt: wallTime,
    place: text(200).min(1, "validation.required"),
    latitude: coordinate(90),
    longitude: coordinate(180),
    organiser: text(150).min(1, "validation.required"),
    capacity: z
      .string()
      .trim()
      .max(6, "events:validation.capacity")
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const number = Number(value);
        if (!Number.isInteger(number) || number < 1 || number > MAX_CAPACITY) {
          ctx.addIssue({ code: "custom", message: "events:validation.capacity" });
          return z.NEVER;
        }
        return number;
      }),
    accessibility: text(1000).default(""),
    /** Optional: the round or proposal the event is about (e.g. the info session on submitting ideas). */
    roundId: z
      .string()
      .max(50, "validation.choice")
      .optional()
      .transform((value) => value || null),
    proposalId: z
      .string()
      .max(50, "validation.choice")
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((event, ctx) => {
    const original = event.translations[event.originalLocale];
    if (!original?.title) ctx.addIssue({ code: "custom", path: ["translations", event.originalLocale, "title"], message: "validation.required" });
    if (!original?.description) {
      ctx.addIssue({ code: "custom", path: ["translations", event.originalLocale, "description"], message: "validation.required" });
    }
    // A time that failed its own check (still empty, unreadable) reaches this refinement as the text
    // typed, not a Date: its field has its error already, and there is no order to check yet.
    const { startsAt, endsAt } = event as { startsAt: unknown; endsAt: unknown };
    if (startsAt instanceof Date && endsAt instanceof Date && endsAt.getTime() <= startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.dateOrder" });
    }
    if ((event.latitude === null) !== (event.longitude === null)) {
      ctx.addIssue({ code: "custom", path: [event.latitude === null ? "latitude" : "longitude"], message: "common:validation.pointIncomplete" });
    }
  });
export type EventInput = z.output<typeof eventSchema>;

/** A visitor's RSVP: a name and an address to confirm to; logged-in residents skip this. */
export const rsvpSchema = z.object({
  intent: z.literal("rsvp"),
  name: text(100).min(1, "validation.required"),
  email: emailAddress(),
});

export const cancelEventSchema = z.object({
  intent: z.literal("cancel-event"),
  reason: text(1000).min(1, "events:validation.reasonRequired"),
});
