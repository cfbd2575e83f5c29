// Read by loaders only, so the people list's page does not ship zod to the browser (decision 0019).
import * as z from "zod";

/** The people list's search: a part of a name or an email address, and the page. */
export const peopleSearchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
