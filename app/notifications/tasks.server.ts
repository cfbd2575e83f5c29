// The due-time work of notifications, run by the outbox (decision 0038): a resident's daily digest,
// and a round's "voting closes in 3 days" reminder. Each is one outbox row, claimed by one instance;
// its mail is queued in the same transaction that marks the row done.
import type { Tx } from "~/db.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { fixedT } from "~/i18n/i18n.server";
import { isLocale, type Locale } from "~/i18n/config";
import { queueTask, registerOutboxTask } from "~/mail/outbox.server";
import { channelOf, isNotificationKind, votingReminderAt } from "./kinds";
import { DIGEST_TASK, notify, sendNotificationMail } from "./notify.server";

const VOTING_REMINDER_TASK = "voting-closes";

function titleIn(round: { originalLocale: string; translations: { locale: string; title: string }[] }, locale: Locale): string {
  return (round.translations.find((row) => row.locale === locale) ?? round.translations.find((row) => row.locale === round.originalLocale))?.title ?? "";
}

async function roundForNotices(tx: Tx, roundId: string) {
  return tx.budgetRound.findUniqueOrThrow({
    where: { id: roundId },
    select: {
      id: true,
      phase: true,
      votingEndsAt: true,
      originalLocale: true,
      translations: { select: { locale: true, title: true } },
      followers: { where: { following: true }, select: { userId: true }, orderBy: { createdAt: "asc" } },
    },
  });
}

/**
 * Voting opened (in the transaction that opened it): the round's followers are told, and the
 * reminder three days before it closes is queued (one row per round and closing time).
 */
export async function announceVotingOpened(tx: Tx, roundId: string, baseUrl: string, now = new Date()): Promise<void> {
  const round = await roundForNotices(tx, roundId);
  await notify(tx, {
    kind: "voting-opens",
    userIds: round.followers.map((row) => row.userId),
    path: `/vote/${round.id}`,
    baseUrl,
    namespace: "notifications",
    compose: (t, { name, locale, link }) => ({
      subject: t("email.votingOpens.subject", { round: titleIn(round, locale) }),
      text: t("email.votingOpens.body", {
        name,
        round: titleIn(round, locale),
        until: round.votingEndsAt ? formatDateTime(round.votingEndsAt, locale) : "",
        link,
      }),
    }),
  });
  const remindAt = votingReminderAt(round.votingEndsAt, now);
  if (remindAt && round.votingEndsAt) {
    const closes = round.votingEndsAt.toISOString();
    await queueTask(tx, { name: VOTING_REMINDER_TASK, key: `${round.id}.${closes}`, argument: round.id, detail: `${closes} ${baseUrl}`, dueAt: remindAt });
  }
}

/** Results published (in the transaction that published them): the round's followers are told. */
export async function announceResults(tx: Tx, roundId: string, baseUrl: string): Promise<void> {
  const round = await roundForNotices(tx, roundId);
  await notify(tx, {
    kind: "results-published",
    userIds: round.followers.map((row) => row.userId),
    path: `/rounds/${round.id}/results`,
    baseUrl,
    namespace: "notifications",
    compose: (t, { name, locale, link }) => ({
      subject: t("email.results.subject", { round: titleIn(round, locale) }),
      text: t("email.results.body", { name, round: titleIn(round, locale), link }),
    }),
  });
}

/**
 * The reminder's row came due: the followers who have not voted yet are told, unless the round no
 * longer votes or now closes at another time (then that time's row reminds, if any).
 */
async function remindVotingCloses(tx: Tx, task: { argument: string; detail: string }): Promise<void> {
  const [closes, baseUrl] = task.detail.split(" ");
  const round = await roundForNotices(tx, task.argument);
  if (round.phase !== "VOTING" || round.votingEndsAt?.toISOString() !== closes) return;
  const voted = new Set(
    (await tx.participation.findMany({ where: { roundId: round.id, userId: { not: null } }, select: { userId: true } })).map((row) => row.userId),
  );
  const votingEndsAt = round.votingEndsAt;
  await notify(tx, {
    kind: "voting-closes",
    userIds: round.followers.map((row) => row.userId).filter((id) => !voted.has(id)),
    path: `/vote/${round.id}`,
    baseUrl: baseUrl ?? "",
    namespace: "notifications",
    compose: (t, { name, locale, link }) => ({
      subject: t("email.votingCloses.subject", { round: titleIn(round, locale) }),
      text: t("email.votingCloses.body", { name, round: titleIn(round, locale), until: formatDateTime(votingEndsAt, locale), link }),
    }),
  });
}

/**
 * A resident's digest came due: one email gathering the day's notifications of the kinds they still
 * want in the digest, each with its link; nothing when there are none.
 */
async function sendDigest(tx: Tx, task: { argument: string; detail: string; dueAt: Date }): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: task.argument },
    select: { id: true, email: true, name: true, locale: true, deletedAt: true, notificationPreferences: { select: { kind: true, channel: true } } },
  });
  if (!user || user.deletedAt) return;
  const waiting = await tx.notification.findMany({
    where: { userId: user.id, inDigest: true, digestedAt: null, createdAt: { lte: task.dueAt } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const wanted = waiting.filter((row) => isNotificationKind(row.kind) && channelOf(user.notificationPreferences, row.kind) === "DIGEST");
  await tx.notification.updateMany({ where: { id: { in: waiting.map((row) => row.id) } }, data: { digestedAt: new Date() } });
  if (!wanted.length) return;
  const locale: Locale = isLocale(user.locale) ? user.locale : "nl";
  const t = await fixedT(locale, "notifications");
  const baseUrl = task.detail;
  const date = formatDate(wanted[0]!.createdAt, locale);
  const items = wanted.map((row) => `- ${row.title}\n  ${baseUrl}${row.path}`).join("\n\n");
  await sendNotificationMail(
    tx,
    { userId: user.id, email: user.email, locale, kind: "digest", baseUrl },
    { subject: t("email.digest.subject", { date }), text: t("email.digest.body", { name: user.name, date, items }) },
  );
}

registerOutboxTask(DIGEST_TASK, sendDigest);
registerOutboxTask(VOTING_REMINDER_TASK, remindVotingCloses);
