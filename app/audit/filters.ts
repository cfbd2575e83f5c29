// The audit log's filters read from the query parameters (round, actor, action, from, to, page) with zod,
// on the server only (filter-links.ts writes them back into links without zod, decision 0019). Pure.
import * as z from "zod";
import { isDay } from "~/kernel/city-time";
import { isPlausibleId } from "~/kernel/ids";
import type { AuditFilter } from "./filter-links";

/** A select or date field left at "all" sends an empty value: no filter. */
const blank = (value: unknown) => (value === "" ? undefined : value);
const id = z.preprocess(blank, z.string().refine(isPlausibleId).optional());
const day = z.preprocess(blank, z.string().refine(isDay).optional());

export const auditQuerySchema = z
  .object({
    round: id,
    actor: id,
    action: z.preprocess(
      blank,
      z
        .string()
        .regex(/^[a-z]+\.[a-z-]+$/)
        .optional(),
    ),
    from: day,
    to: day,
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(1_000_000).default(1)),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "range" });

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The query of a log page or file, or the key of the message saying why it cannot be used. */
export function parseAuditQuery(params: URLSearchParams): { ok: true; filter: AuditFilter; page: number } | { ok: false; messageKey: string } {
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const range = parsed.error.issues.some((issue) => issue.message === "range");
    return { ok: false, messageKey: range ? "audit:errors.range" : "audit:errors.badFilter" };
  }
  const { page, ...filter } = parsed.data;
  return { ok: true, filter, page };
}
