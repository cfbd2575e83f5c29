// What Wijkbudget keeps about people, for how long, and from when: the one list behind the privacy
// page (/privacy), the table in docs/privacy.md and the hourly clean-up (each row has a test that the
// clean-up keeps the data no longer than this says).

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The kinds of personal data the clean-up deletes or erases, each with its page texts under retention.rows.<key> (privacy namespace). */
export const RETENTION = [
  /** Login sessions: deleted once unused for this long (a session is extended while used). */
  { key: "sessions", days: 30 },
  /** Emailed confirmation and password links: deleted a day after they were used or expired. */
  { key: "emailLinks", days: 1 },
  /** Counters of attempts per address or email (rate limits): deleted a day after their window began. */
  { key: "rateLimits", days: 1 },
  /** A browser an account signed in with (exempt from the login limit): deleted when its cookie has expired, a year after. */
  { key: "knownDevices", days: 365 },
  /** A visitor's answer to an event nobody confirmed: deleted a day after the link expired. */
  { key: "unconfirmedRsvps", days: 1 },
  /** Names and addresses of the people who answered an event: deleted after the event ended. */
  { key: "pastRsvps", days: 30 },
  /** Invitations by email (co-proposers, panel members), accepted or not: deleted after they were sent. */
  { key: "invitations", days: 15 },
  /** Voting codes in plain text (for the letters): erased after the batch was made. */
  { key: "plainCodes", days: 1 },
  /** An account round's voter list (who may vote, birth year): deleted after the results were published. */
  { key: "voterLists", days: 30 },
  /** The subject and text of an email sent or given up: emptied within a day; the row with the address goes after 30. */
  { key: "mailText", days: 1 },
  { key: "mailAddresses", days: 30 },
  /** The text and photos of a comment or proposal hidden by moderation, kept for an appeal: erased after it was hidden. */
  { key: "hiddenContent", days: 90 },
  /** A notification email's one-click unsubscribe link (hashed): deleted when it stops working, 90 days after the email. */
  { key: "unsubscribeLinks", days: 90 },
  /** The in-app notifications: deleted 180 days after they were made. */
  { key: "notifications", days: 180 },
  /** The details of an audit entry (values before and after, reasons): emptied; who did what and when stays. */
  { key: "auditDetails", days: 730 },
] as const satisfies readonly { key: string; days: number }[];

export type RetentionKey = (typeof RETENTION)[number]["key"];

/** How long data of `key` is kept, in milliseconds. */
export function keptFor(key: RetentionKey): number {
  return RETENTION.find((row) => row.key === key)!.days * DAY_MS;
}

/** The moment before which data of `key` is due to go, at `now`. */
export function keptSince(key: RetentionKey, now: Date): Date {
  return new Date(now.getTime() - keptFor(key));
}
