// Schemas only loaders and actions read (nothing on the page checks them in the browser). In a
// *.server module they stay out of the page's JavaScript, and zod with them (decision 0019).
import * as z from "zod";
import { PUBLIC_STATUSES } from "./lifecycle";

/** The proposal list's filters from the query string; anything unusable is simply ignored. */
export const listFiltersSchema = z.object({
  q: z.string().max(100).catch("").default(""),
  category: z.string().max(50).catch("").default(""),
  status: z.enum(PUBLIC_STATUSES).optional().catch(undefined),
  sort: z.enum(["newest", "amount"]).catch("newest").default("newest"),
});
