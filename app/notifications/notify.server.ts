// Every notification goes through here (issue #23): written in the caller's transaction, in the
// recipient's language, into their in-app list, and by email at once, in the day's digest or not at
// all, as they chose. Each email carries a fresh one-click unsubscribe link for its kind.
import type { TFunction } from "i18next";
import type { Db, Tx } from "~/db.server";
import { isLocale, type Locale, type Namespace } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import { queueMail, queueTask } from "~/mail/outbox.server";
import { keptFor, keptSince } from "~/privacy/retention";
import { channelOf, digestDay, digestDueAt, type NotificationKind } from "./kinds";

export interface RecipientContext {
  name: string;
  locale: Locale;
  /** The absolute link to the thing the notification is about. */
  link: string;
}

export interface Notice {
  kind: NotificationKind;
  /** The people to tell (duplicates and deleted accounts are skipped). */
  userIds: readonly string[];
  /** The page the notification is about, a path on the site. */
  path: string;
  baseUrl: string;
  /** The namespace `compose` translates from. */
  namespace: Namespace;
  /** The subject (also the in-app line) and the text, greeting the recipient by name. */
  compose: (t: TFunction, context: RecipientContext) => { subject: string; text: string };
}

/** Tells each recipient of `notice` in `tx`; returns how many emails were queued at once. */
export async function notify(tx: Tx, notice: Notice): Promise<number> {
  let emailed = 0;
  for (const userId of new Set(notice.userIds)) {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, locale: true, deletedAt: true, notificationPreferences: { where: { kind: notice.kind } } },
    });
    if (!user || user.deletedAt) continue;
    const channel = channelOf(user.notificationPreferences, notice.kind);
    const locale = isLocale(user.locale) ? user.locale : "nl";
    const link = `${notice.baseUrl}${notice.path}`;
    const message = notice.compose(await fixedT(locale, notice.namespace), { name: user.name, locale, link });
    await tx.notification.create({
      data: { userId: user.id, kind: notice.kind, title: message.subject, path: notice.path, inDigest: channel === "DIGEST" },
    });
    await tx.user.update({ where: { id: user.id }, data: { unreadNotifications: { increment: 1 } } });
    if (channel === "DIGEST") await queueDigest(tx, user.id, notice.baseUrl);
    if (channel !== "EMAIL") continue;
    await sendNotificationMail(tx, { userId: user.id, email: user.email, locale, kind: notice.kind, baseUrl: notice.baseUrl }, message);
    emailed++;
  }
  return emailed;
}

/** The day's digest of `userId`: one due-time row per recipient and day, however many notifications it gathers. */
async function queueDigest(tx: Tx, userId: string, baseUrl: string, now = new Date()): Promise<void> {
  const day = digestDay(now);
  await queueTask(tx, { name: DIGEST_TASK, key: `${userId}.${day}`, argument: userId, detail: baseUrl, userId, dueAt: digestDueAt(day) });
}

export const DIGEST_TASK = "digest";

/** Queues one notification email with its own unsubscribe link (footer and List-Unsubscribe headers). */
export async function sendNotificationMail(
  tx: Tx,
  to: { userId: string; email: string; locale: Locale; kind: NotificationKind | "digest"; baseUrl: string },
  message: { subject: string; text: string },
): Promise<void> {
  const token = generateToken();
  await tx.unsubscribeToken.create({
    data: { id: hashToken(token), userId: to.userId, kind: to.kind, expiresAt: new Date(Date.now() + keptFor("unsubscribeLinks")) },
  });
  const unsubscribe = `${to.baseUrl}/unsubscribe/${token}`;
  const t = await fixedT(to.locale, "notifications");
  const footer = t(to.kind === "digest" ? "email.footerDigest" : "email.footer", {
    kind: to.kind === "digest" ? "" : t(`kinds.${to.kind}`),
    unsubscribe,
    settings: `${to.baseUrl}/account/notifications`,
  });
  await queueMail(
    tx,
    { to: to.email, locale: to.locale, subject: message.subject, text: `${message.text}\n\n-- \n${footer}\n` },
    { headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
  );
}

/** Deletes unsubscribe links that stopped working and in-app notifications kept long enough (retention list). */
export async function pruneNotifications(db: Db, now = new Date()): Promise<{ links: number; notifications: number }> {
  const links = await db.unsubscribeToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const notifications = await db.notification.deleteMany({ where: { createdAt: { lte: keptSince("notifications", now) } } });
  return { links: links.count, notifications: notifications.count };
}
