import * as z from "zod";
import { LOCALES, type Locale } from "~/i18n/config";
import { checkBoundary } from "./boundary";

/** A slug is part of public addresses (/n/<slug>): lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Room for a detailed exported outline (MAX_POINTS points of ~40 characters). */
export const MAX_BOUNDARY_CHARS = 250_000;

const placeName = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "workspace:neighbourhoods.validation.nameTooLong");

/** The neighbourhood form: its boundary arrives pasted, or read from an uploaded file by the action. */
export const neighbourhoodSchema = z.object({
  intent: z.literal("save"),
  name: placeName,
  city: placeName,
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(80, "workspace:neighbourhoods.validation.slug")
    .regex(SLUG_PATTERN, "workspace:neighbourhoods.validation.slug"),
  names: z.object(
    Object.fromEntries(LOCALES.map((locale) => [locale, z.string().trim().max(100, "workspace:neighbourhoods.validation.nameTooLong").default("")])) as Record<
      Locale,
      z.ZodDefault<z.ZodString>
    >,
  ),
  boundary: z
    .string({ error: "workspace:neighbourhoods.boundary.missing" })
    .trim()
    .min(1, "workspace:neighbourhoods.boundary.missing")
    .max(MAX_BOUNDARY_CHARS, "workspace:neighbourhoods.boundary.tooManyPoints")
    .transform((text, ctx) => {
      const check = checkBoundary(text);
      if (!check.ok) {
        ctx.addIssue({ code: "custom", message: `workspace:neighbourhoods.boundary.${check.problem}` });
        return z.NEVER;
      }
      return check.polygon;
    }),
});
export type NeighbourhoodInput = Omit<z.output<typeof neighbourhoodSchema>, "intent">;

/** Archive, restore and delete take nothing but their intent. */
export const neighbourhoodStateSchema = z.object({ intent: z.enum(["archive", "restore", "delete"], { error: "validation.choice" }) });
