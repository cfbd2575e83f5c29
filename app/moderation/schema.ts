import * as z from "zod";
import { writtenIn } from "~/i18n/written-in";
import { MAX_ID_LENGTH } from "~/kernel/ids";

export const MODERATED_KINDS = ["comment", "proposal"] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];

const item = {
  kind: z.enum(MODERATED_KINDS, { error: "validation.choice" }),
  itemId: z.string({ error: "validation.required" }).min(1, "validation.required").max(MAX_ID_LENGTH, "validation.required"),
};
const reason = () =>
  z.string({ error: "validation.required" }).trim().min(1, "comments:validation.reasonRequired").max(1000, "comments:validation.reasonTooLong");

/** Hide an item (the reason is public, in the language it is written in) or restore it (with a reason too). */
export const moderateSchema = z.object({
  intent: z.enum(["hide", "restore"]),
  ...item,
  reason: reason(),
  reasonLocale: writtenIn(),
});

/** Erase a hidden item's kept text at once (personal data), or close its open reports without acting. */
export const itemActionSchema = z.object({
  intent: z.enum(["redact", "dismiss"]),
  ...item,
});

/** Close a proposal's comments before their time, with a public reason. */
export const closeCommentsSchema = z.object({
  intent: z.literal("close-comments"),
  proposalId: item.itemId,
  reason: reason(),
  reasonLocale: writtenIn(),
});

export const reopenCommentsSchema = z.object({
  intent: z.literal("reopen-comments"),
  proposalId: item.itemId,
});
