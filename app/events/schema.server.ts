// Schemas only loaders and actions read (nothing on the page checks them in the browser). In a
// *.server module they stay out of the page's JavaScript, and zod with them (decision 0019).
import * as z from "zod";

/** The buttons on an emailed RSVP link's page: confirm a pending answer, or cancel it later. */
export const rsvpLinkSchema = z.object({ intent: z.enum(["confirm", "cancel"], { error: "validation.choice" }) });
