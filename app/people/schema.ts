import * as z from "zod";
import { ROLES } from "~/auth/permissions";

const id = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.choice");

export const BLOCK_REASON_MAX = 500;

/** Staff block an account with a reason its owner will read. */
export const blockSchema = z.object({
  intent: z.literal("block"),
  reason: z.string({ error: "validation.required" }).trim().min(3, "people:validation.reason").max(BLOCK_REASON_MAX, "people:validation.reasonTooLong"),
});

/** An admin gives the account a role. */
export const roleSchema = z.object({
  intent: z.literal("role"),
  role: z.enum(ROLES, { error: "validation.choice" }),
});

/** Forms that are only their button. */
export const plainIntentSchema = z.object({ intent: z.enum(["unblock", "deactivate", "reactivate"], { error: "validation.choice" }) });

/** Verify the account as a resident for a round that votes with accounts, or appoint it to a round's panel. */
export const roundChoiceSchema = z.object({
  intent: z.enum(["verify", "panel"]),
  roundId: id,
});

/** Make the (staff) account the coach of a proposal. */
export const coachSchema = z.object({
  intent: z.literal("coach"),
  proposalId: id,
});

export const PERSON_INTENTS = ["block", "unblock", "role", "deactivate", "reactivate", "verify", "panel", "coach"] as const;
export type PersonIntent = (typeof PERSON_INTENTS)[number];
