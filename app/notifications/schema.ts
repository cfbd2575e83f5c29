import * as z from "zod";
import { CHANNELS, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

const channel = z.enum(CHANNELS, { error: "validation.choice" });

/** The preferences form (/account/notifications): one channel per kind. */
export const preferencesSchema = z.object({
  intent: z.literal("save-preferences"),
  ...(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channel])) as Record<NotificationKind, typeof channel>),
});

export type PreferencesInput = z.infer<typeof preferencesSchema>;

export const followSchema = z.object({
  intent: z.enum(["follow", "unfollow"]),
});
