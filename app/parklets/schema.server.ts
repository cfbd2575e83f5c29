// Schemas only loaders and actions read (nothing on the page checks them in the browser). In a
// *.server module they stay out of the page's JavaScript, and zod with them (decision 0019).
import * as z from "zod";

/** The parklet overview's street search from the query string; anything unusable is ignored. */
export const streetSearchSchema = z.object({ street: z.string().trim().max(100).catch("").default("") });
