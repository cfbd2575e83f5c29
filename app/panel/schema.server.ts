// Schemas only loaders and actions read (nothing on the page checks them in the browser). In a
// *.server module they stay out of the page's JavaScript, and zod with them (decision 0019).
import * as z from "zod";
import { checkbox } from "~/kernel/zod";

/** The panel board's one form: may the member's name be shown with the panel's decisions? */
export const consentSchema = z.object({
  intent: z.literal("consent"),
  namePublic: checkbox(),
});
