// The resident's choices per kind of notification (/account/notifications) and the one-click
// unsubscribe links of notification emails.
import type { Db, Tx } from "~/db.server";
import { hashToken, isPlausibleToken } from "~/kernel/tokens";
import { allChannels, isNotificationKind, NOTIFICATION_KINDS, type Channel, type NotificationKind } from "./kinds";

export async function preferencesOf(db: Db | Tx, userId: string): Promise<Record<NotificationKind, Channel>> {
  return allChannels(await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } }));
}

export async function savePreferences(db: Db, userId: string, channels: Record<NotificationKind, Channel>): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, channel: channels[kind] },
        update: { channel: channels[kind] },
      });
    }
  });
}

/** The kinds a digest mail carries: its unsubscribe link stops them all arriving by mail. */
async function digestKinds(tx: Tx, userId: string): Promise<NotificationKind[]> {
  const chosen = await preferencesOf(tx, userId);
  return NOTIFICATION_KINDS.filter((kind) => chosen[kind] === "DIGEST");
}

/** What an unsubscribe link names, while it is valid (the confirm page); null for an unknown or expired link. */
export async function unsubscribeLink(db: Db, token: string | undefined, now = new Date()): Promise<{ kind: string } | null> {
  if (!isPlausibleToken(token)) return null;
  const row = await db.unsubscribeToken.findUnique({ where: { id: hashToken(token) }, select: { kind: true, expiresAt: true } });
  return row && row.expiresAt > now ? { kind: row.kind } : null;
}

/**
 * One click: the link's recipient gets no more emails of the link's kind (a digest's link: none of
 * the kinds it gathers). Works logged out; the link keeps working (a second click changes nothing).
 */
export async function unsubscribe(db: Db, token: string | undefined, now = new Date()): Promise<{ kind: string } | null> {
  if (!isPlausibleToken(token)) return null;
  return db.$transaction(async (tx) => {
    const row = await tx.unsubscribeToken.findUnique({ where: { id: hashToken(token) } });
    if (!row || row.expiresAt <= now) return null;
    const kinds = isNotificationKind(row.kind) ? [row.kind] : row.kind === "digest" ? await digestKinds(tx, row.userId) : [];
    for (const kind of kinds) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: row.userId, kind } },
        create: { userId: row.userId, kind, channel: "NONE" },
        update: { channel: "NONE" },
      });
    }
    return { kind: row.kind };
  });
}

/** The latest notifications of the in-app list, newest first. */
export async function latestNotifications(db: Db, userId: string, take = 30) {
  return db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
    select: { id: true, kind: true, title: true, path: true, createdAt: true, readAt: true },
  });
}

/** Marks every notification read; the header's count goes to zero in the same transaction. */
export async function markAllRead(db: Db, userId: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
    await tx.user.update({ where: { id: userId }, data: { unreadNotifications: 0 } });
  });
}
