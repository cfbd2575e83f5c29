// The kinds of notification a resident may choose how to receive (issue #23), the channels, and the
// default of each kind. Account and security mail, invitations and moderation notices are no kind:
// they are sent directly, whatever the preferences say.
import { addDays, cityToday, cityWallTimeToDate } from "~/kernel/city-time";

export const NOTIFICATION_KINDS = [
  "feasibility-verdict",
  "changes-requested",
  "panel-decision",
  "comment",
  "voting-opens",
  "voting-closes",
  "results-published",
  "event-changed",
  "parklet-answered",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** EMAIL: an email at once; DIGEST: gathered into one email a day; NONE: only the in-app list. */
export const CHANNELS = ["EMAIL", "DIGEST", "NONE"] as const;

export type Channel = (typeof CHANNELS)[number];

/** What concerns the resident's own proposal, event or request comes at once; comments, daily. */
export const DEFAULT_CHANNEL: Record<NotificationKind, Channel> = {
  "feasibility-verdict": "EMAIL",
  "changes-requested": "EMAIL",
  "panel-decision": "EMAIL",
  comment: "DIGEST",
  "voting-opens": "EMAIL",
  "voting-closes": "EMAIL",
  "results-published": "EMAIL",
  "event-changed": "EMAIL",
  "parklet-answered": "EMAIL",
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

/** The channel of `kind` for a resident whose saved choices are `saved` (kinds without one: the default). */
export function channelOf(saved: readonly { kind: string; channel: string }[], kind: NotificationKind): Channel {
  const chosen = saved.find((row) => row.kind === kind)?.channel;
  return isChannel(chosen) ? chosen : DEFAULT_CHANNEL[kind];
}

/** Every kind with its channel, in the order of NOTIFICATION_KINDS (the preferences form). */
export function allChannels(saved: readonly { kind: string; channel: string }[]): Record<NotificationKind, Channel> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channelOf(saved, kind)])) as Record<NotificationKind, Channel>;
}

/** The day on the city's calendar (YYYY-MM-DD) a digest gathers, for `moment`: half past midnight belongs to the new day. */
export function digestDay(moment: Date): string {
  return cityToday(moment);
}

/** A day's digest goes the next morning at six on the city's clock, in winter and in summer. */
export function digestDueAt(day: string): Date {
  return cityWallTimeToDate(`${addDays(day, 1)}T06:00`)!;
}

/** The reminder goes this long before voting closes. */
export const VOTING_REMINDER_MS = 3 * 24 * 60 * 60 * 1000;

/** When a round closing at `votingEndsAt` is reminded of; null when that moment has passed at `now`. */
export function votingReminderAt(votingEndsAt: Date | null, now: Date): Date | null {
  if (!votingEndsAt) return null;
  const at = new Date(votingEndsAt.getTime() - VOTING_REMINDER_MS);
  return at > now ? at : null;
}
