// Deleting one's own account (issue #24 item 4): the person goes, what they did stays counted. The
// account row stays as a tombstone — emptied of email, name, password and language, marked deleted —
// so proposals, reviews and participations keep their meaning and show "former resident"; ballots were
// never linked to anyone (decision 0010) and stay counted. Answers to events are cancelled (waiting
// lists move up) and deleted, and every row that only names the address goes.
import { recordAudit } from "~/audit/audit.server";
import { verifyPassword } from "~/auth/password.server";
import type { SessionUser } from "~/auth/session.server";
import type { Db, Tx } from "~/db.server";
import { withdrawAnswersOf } from "~/events/events.server";
import { fieldRefused, refused, type Result } from "~/kernel/result";
import { rememberDeletedVoter } from "~/voting/voting.server";

/** The address a deleted account is left with: unique, never deliverable (.invalid), naming nobody. */
export const tombstoneAddress = (userId: string) => `deleted-${userId}@deleted.invalid`;

export async function deleteOwnAccount(db: Db, user: SessionUser, password: string, baseUrl: string, now = new Date()): Promise<Result> {
  // Staff and admin accounts are deactivated by an admin, so that their actions keep a name.
  if (user.role !== "RESIDENT") return refused(403, "auth:deleteAccount.staffRefused");
  const account = await db.user.findUnique({ where: { id: user.id }, select: { id: true, email: true, name: true, passwordHash: true, deletedAt: true } });
  if (!account || account.deletedAt) return refused(404, "auth:deleteAccount.gone");
  if (!(await verifyPassword(account.passwordHash, password))) return fieldRefused("password", "auth:account.wrongPassword");

  await withdrawAnswersOf(db, account, baseUrl, now);
  await db.$transaction(async (tx) => {
    await rememberDeletedVoter(tx, account.id, account.email);
    await tx.session.deleteMany({ where: { userId: account.id } });
    await tx.knownDevice.deleteMany({ where: { userId: account.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: account.id } });
    await tx.emailToken.deleteMany({ where: { userId: account.id } });
    await tx.outboxMessage.deleteMany({ where: { OR: [{ userId: account.id }, { to: account.email }] } });
    await forgetMailMentioning(tx, account);
    // Counters keyed by the address (login:account:<email>, reset:account:<email>…) or the account id.
    await tx.rateLimit.deleteMany({ where: { OR: [{ key: { contains: account.email } }, { key: { contains: account.id } }] } });
    await tx.proposalInvite.deleteMany({ where: { email: account.email } });
    await tx.panelInvite.deleteMany({ where: { email: account.email } });
    await tx.roundVoter.deleteMany({ where: { userId: account.id } });
    // What they followed, chose and were told: theirs alone, it goes (notification titles may name others).
    await tx.proposalFollow.deleteMany({ where: { userId: account.id } });
    await tx.roundFollow.deleteMany({ where: { userId: account.id } });
    await tx.notificationPreference.deleteMany({ where: { userId: account.id } });
    await tx.notification.deleteMany({ where: { userId: account.id } });
    await tx.unsubscribeToken.deleteMany({ where: { userId: account.id } });
    await tx.panelMember.updateMany({ where: { userId: account.id }, data: { namePublic: false } });
    await tx.user.update({
      where: { id: account.id },
      data: {
        email: tombstoneAddress(account.id),
        name: "",
        passwordHash: "",
        locale: null,
        totpKey: null,
        totpEnabledAt: null,
        emailVerifiedAt: null,
        searchText: "",
        blockedReason: null,
        unreadNotifications: 0,
        deletedAt: now,
      },
    });
    await recordAudit(tx, { actorId: account.id, action: "user.delete", entityId: account.id });
  });
  return { ok: true };
}

/** `name` as a whole word of `text` (so "An" is not found in "Antwerpen"). */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
}

/**
 * Mail to other people that names the account (an invitation it sent, a reply it wrote): a sent one is
 * emptied now rather than within the day, one not yet sent is not sent.
 */
async function forgetMailMentioning(tx: Tx, account: { name: string; email: string }): Promise<void> {
  const candidates = await tx.outboxMessage.findMany({
    where: { OR: [{ subject: { contains: account.name } }, { text: { contains: account.name } }, { text: { contains: account.email } }] },
    select: { id: true, subject: true, text: true, sentAt: true, failedAt: true },
  });
  const named = candidates.filter((mail) => mail.text.includes(account.email) || mentions(mail.subject, account.name) || mentions(mail.text, account.name));
  const finished = named.filter((mail) => mail.sentAt || mail.failedAt).map((mail) => mail.id);
  const waiting = named.filter((mail) => !mail.sentAt && !mail.failedAt).map((mail) => mail.id);
  await tx.outboxMessage.updateMany({ where: { id: { in: finished } }, data: { subject: "", text: "" } });
  await tx.outboxMessage.deleteMany({ where: { id: { in: waiting } } });
}
