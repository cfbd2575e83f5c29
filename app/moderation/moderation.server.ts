// Staff moderation (decision 0036): open reports by item, hiding and restoring with a public reason,
// erasing the kept text (at once, or by the hourly clean-up after KEEP_HIDDEN_MS), closing comments.
// Hiding never touches a proposal's status or a ballot: only the status owner (proposals/status.server) does.
import { recordAudit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { eraseAfter } from "~/comments/rules";
import type { Db, Tx } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { refused, type Result } from "~/kernel/result";
import { queueMail } from "~/mail/outbox.server";
import { localeOf, mailCarriers } from "~/proposals/proposals.server";
import { uploadStore } from "~/uploads/store.server";
import type { ModeratedKind } from "./schema";

type Done = Result<{ proposalId: string }>;

/** Reports not yet resolved, grouped by the item they are about, the longest waiting first. */
export async function openReports(db: Db) {
  const reports = await db.report.findMany({
    where: { resolvedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      reason: true,
      text: true,
      createdAt: true,
      commentId: true,
      proposalId: true,
      comment: { select: { body: true, locale: true, hiddenAt: true, proposal: { select: { id: true, number: true } } } },
      proposal: {
        select: { id: true, number: true, hiddenAt: true, commentsClosedAt: true, originalLocale: true, texts: { select: { locale: true, title: true } } },
      },
    },
  });
  const items = new Map<
    string,
    {
      kind: ModeratedKind;
      itemId: string;
      proposalId: string;
      number: number | null;
      text: string;
      textLocale: string | null;
      hidden: boolean;
      commentsClosed: boolean;
      firstAt: Date;
      reports: { reason: string; text: string; at: Date }[];
    }
  >();
  for (const report of reports) {
    const key = report.commentId ? `comment:${report.commentId}` : `proposal:${report.proposalId}`;
    let item = items.get(key);
    if (!item) {
      const title = report.proposal?.texts.find((text) => text.locale === report.proposal?.originalLocale) ?? report.proposal?.texts[0];
      item = report.comment
        ? {
            kind: "comment",
            itemId: report.commentId!,
            proposalId: report.comment.proposal.id,
            number: report.comment.proposal.number,
            text: report.comment.body,
            textLocale: report.comment.locale,
            hidden: report.comment.hiddenAt !== null,
            commentsClosed: false,
            firstAt: report.createdAt,
            reports: [],
          }
        : {
            kind: "proposal",
            itemId: report.proposalId!,
            proposalId: report.proposalId!,
            number: report.proposal?.number ?? null,
            text: title?.title ?? "",
            textLocale: title?.locale ?? null,
            hidden: report.proposal?.hiddenAt != null,
            commentsClosed: report.proposal?.commentsClosedAt != null,
            firstAt: report.createdAt,
            reports: [],
          };
      items.set(key, item);
    }
    item.reports.push({ reason: report.reason, text: report.text, at: report.createdAt });
  }
  return [...items.values()];
}

/** How many items wait for a look (for the staff navigation). */
export async function openReportCount(db: Db): Promise<number> {
  const [comments, proposals] = await Promise.all([
    db.report.groupBy({ by: ["commentId"], where: { resolvedAt: null, commentId: { not: null } } }),
    db.report.groupBy({ by: ["proposalId"], where: { resolvedAt: null, proposalId: { not: null } } }),
  ]);
  return comments.length + proposals.length;
}

/** What moderation has hidden, the latest first: to restore it, or erase its text at once. */
export async function hiddenItems(db: Db) {
  const [comments, proposals] = await Promise.all([
    db.comment.findMany({
      where: { hiddenAt: { not: null } },
      orderBy: { hiddenAt: "desc" },
      take: 100,
      select: {
        id: true,
        body: true,
        locale: true,
        hiddenAt: true,
        hiddenReason: true,
        eraseAfter: true,
        erasedAt: true,
        proposal: { select: { id: true, number: true } },
      },
    }),
    db.proposal.findMany({
      where: { hiddenAt: { not: null } },
      orderBy: { hiddenAt: "desc" },
      take: 100,
      select: {
        id: true,
        number: true,
        originalLocale: true,
        hiddenAt: true,
        hiddenReason: true,
        eraseAfter: true,
        erasedAt: true,
        texts: { select: { locale: true, title: true } },
      },
    }),
  ]);
  return [
    ...comments.map((comment) => ({
      kind: "comment" as const,
      itemId: comment.id,
      proposalId: comment.proposal.id,
      number: comment.proposal.number,
      text: comment.body,
      textLocale: comment.locale,
      hiddenAt: comment.hiddenAt!,
      reason: comment.hiddenReason,
      eraseAfter: comment.eraseAfter,
      erased: comment.erasedAt !== null,
    })),
    ...proposals.map((proposal) => {
      const title = proposal.texts.find((text) => text.locale === proposal.originalLocale) ?? proposal.texts[0];
      return {
        kind: "proposal" as const,
        itemId: proposal.id,
        proposalId: proposal.id,
        number: proposal.number,
        text: title?.title ?? "",
        textLocale: title?.locale ?? null,
        hiddenAt: proposal.hiddenAt!,
        reason: proposal.hiddenReason,
        eraseAfter: proposal.eraseAfter,
        erased: proposal.erasedAt !== null,
      };
    }),
  ].sort((a, b) => b.hiddenAt.getTime() - a.hiddenAt.getTime());
}

async function resolveReports(tx: Tx, kind: ModeratedKind, itemId: string, now: Date): Promise<number> {
  const where = kind === "comment" ? { commentId: itemId } : { proposalId: itemId };
  const resolved = await tx.report.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: now } });
  return resolved.count;
}

async function itemProposalId(db: Db | Tx, kind: ModeratedKind, itemId: string): Promise<string | null> {
  if (kind === "proposal") return (await db.proposal.findUnique({ where: { id: itemId }, select: { status: true } }))?.status === "DRAFT" ? null : itemId;
  return (await db.comment.findUnique({ where: { id: itemId }, select: { proposalId: true } }))?.proposalId ?? null;
}

/**
 * Hides a comment or a proposal with a public reason (in the language it is written in); its open
 * reports are resolved, its text kept until eraseAfter, its author told by email in their language.
 */
export async function hideItem(
  db: Db,
  staff: SessionUser,
  item: { kind: ModeratedKind; itemId: string },
  reason: { text: string; locale: Locale },
  baseUrl: string,
): Promise<Done> {
  const proposalId = await itemProposalId(db, item.kind, item.itemId);
  if (!proposalId) return refused(404, "comments:errors.unknown");
  const now = new Date();
  const hidden = { hiddenAt: now, hiddenReason: reason.text, hiddenReasonLocale: reason.locale, hiddenById: staff.id, eraseAfter: eraseAfter(now) };
  const done = await db.$transaction(async (tx) => {
    const changed =
      item.kind === "comment"
        ? await tx.comment.updateMany({ where: { id: item.itemId, hiddenAt: null, deletedAt: null }, data: hidden })
        : await tx.proposal.updateMany({ where: { id: item.itemId, hiddenAt: null }, data: hidden });
    if (!changed.count) return false;
    const reports = await resolveReports(tx, item.kind, item.itemId, now);
    const link = `${baseUrl}/proposals/${proposalId}`;
    if (item.kind === "comment") {
      await recordAudit(tx, {
        actorId: staff.id,
        action: "comment.hide",
        entityId: item.itemId,
        details: { proposalId, reason: reason.text, reasonLocale: reason.locale, reports },
      });
      await mailCommentAuthor(tx, item.itemId, reason.text, link);
    } else {
      await recordAudit(tx, {
        actorId: staff.id,
        action: "proposal.hide",
        entityId: item.itemId,
        details: { reason: reason.text, reasonLocale: reason.locale, reports },
      });
      await mailCarriers(tx, proposalId, "comments", (t, { name, title, number }) => ({
        subject: t("email.hiddenProposal.subject", { number }),
        text: t("email.hiddenProposal.body", { name, title, number, reason: reason.text, link }),
      }));
    }
    return true;
  });
  return done ? { ok: true, proposalId } : refused(409, "comments:errors.stale");
}

/** The comment's writer hears of it in their own language, with the proposal's title in that language where there is one. */
async function mailCommentAuthor(tx: Tx, commentId: string, reason: string, link: string) {
  const comment = await tx.comment.findUniqueOrThrow({
    where: { id: commentId },
    select: { author: { select: { name: true, email: true, locale: true } }, proposal: { select: { number: true, originalLocale: true, texts: true } } },
  });
  const locale = localeOf(comment.author.locale);
  const t = await fixedT(locale, "comments");
  const { proposal } = comment;
  const title = (proposal.texts.find((text) => text.locale === locale) ?? proposal.texts.find((text) => text.locale === proposal.originalLocale))?.title ?? "";
  await queueMail(tx, {
    to: comment.author.email,
    locale,
    subject: t("email.hiddenComment.subject"),
    text: t("email.hiddenComment.body", { name: comment.author.name, number: proposal.number, title, reason, link }),
  });
}

/** Shows a hidden item again (its text was not erased), with a reason for the log. */
export async function restoreItem(
  db: Db,
  staff: SessionUser,
  item: { kind: ModeratedKind; itemId: string },
  reason: { text: string; locale: Locale },
): Promise<Done> {
  const proposalId = await itemProposalId(db, item.kind, item.itemId);
  if (!proposalId) return refused(404, "comments:errors.unknown");
  const shown = { hiddenAt: null, hiddenReason: "", hiddenReasonLocale: null, hiddenById: null, eraseAfter: null };
  const now = new Date();
  const done = await db.$transaction(async (tx) => {
    const where = { id: item.itemId, hiddenAt: { not: null }, erasedAt: null };
    const changed = item.kind === "comment" ? await tx.comment.updateMany({ where, data: shown }) : await tx.proposal.updateMany({ where, data: shown });
    if (!changed.count) return false;
    await resolveReports(tx, item.kind, item.itemId, now);
    if (item.kind === "comment") {
      await recordAudit(tx, {
        actorId: staff.id,
        action: "comment.restore",
        entityId: item.itemId,
        details: { proposalId, reason: reason.text, reasonLocale: reason.locale },
      });
    } else {
      await recordAudit(tx, {
        actorId: staff.id,
        action: "proposal.restore",
        entityId: item.itemId,
        details: { reason: reason.text, reasonLocale: reason.locale },
      });
    }
    return true;
  });
  return done ? { ok: true, proposalId } : refused(409, "comments:errors.stale");
}

/**
 * Erases the kept text of a hidden item (and a proposal's photos); the "hidden by moderation" note
 * and its reason stay. Returns the upload names to delete once the transaction has committed.
 */
async function eraseHidden(tx: Tx, kind: ModeratedKind, itemId: string, now: Date): Promise<{ erased: boolean; uploads: string[] }> {
  const where = { id: itemId, hiddenAt: { not: null }, erasedAt: null };
  if (kind === "comment") {
    const changed = await tx.comment.updateMany({ where, data: { body: "", erasedAt: now } });
    return { erased: changed.count > 0, uploads: [] };
  }
  const changed = await tx.proposal.updateMany({ where, data: { erasedAt: now, searchText: "", locationText: "", carrierNames: "" } });
  if (!changed.count) return { erased: false, uploads: [] };
  await tx.proposalText.updateMany({ where: { proposalId: itemId }, data: { title: "", summary: "", description: "" } });
  await tx.costLine.updateMany({ where: { proposalId: itemId }, data: { label: "", labels: "{}" } });
  const photos = await tx.proposalPhoto.findMany({ where: { proposalId: itemId }, select: { fileName: true } });
  await tx.proposalPhoto.deleteMany({ where: { proposalId: itemId } });
  return { erased: true, uploads: photos.map((photo) => photo.fileName) };
}

/** Staff erase a hidden item's text at once (personal data), instead of waiting for the 90 days. */
export async function redactItem(db: Db, staff: SessionUser, item: { kind: ModeratedKind; itemId: string }): Promise<Done> {
  const proposalId = await itemProposalId(db, item.kind, item.itemId);
  if (!proposalId) return refused(404, "comments:errors.unknown");
  const uploads = await db.$transaction(async (tx) => {
    const { erased, uploads } = await eraseHidden(tx, item.kind, item.itemId, new Date());
    if (!erased) return null;
    if (item.kind === "comment") await recordAudit(tx, { actorId: staff.id, action: "comment.redact", entityId: item.itemId, details: { proposalId } });
    else await recordAudit(tx, { actorId: staff.id, action: "proposal.redact", entityId: item.itemId });
    return uploads;
  });
  if (!uploads) return refused(409, "comments:errors.stale");
  for (const name of uploads) await uploadStore(db).delete(name);
  return { ok: true, proposalId };
}

/** Closes an item's open reports without acting on it. */
export async function dismissReports(db: Db, staff: SessionUser, item: { kind: ModeratedKind; itemId: string }): Promise<Done> {
  const proposalId = await itemProposalId(db, item.kind, item.itemId);
  if (!proposalId) return refused(404, "comments:errors.unknown");
  const reports = await db.$transaction(async (tx) => {
    const count = await resolveReports(tx, item.kind, item.itemId, new Date());
    if (!count) return 0;
    if (item.kind === "comment")
      await recordAudit(tx, { actorId: staff.id, action: "comment.reports-dismiss", entityId: item.itemId, details: { reports: count } });
    else await recordAudit(tx, { actorId: staff.id, action: "proposal.reports-dismiss", entityId: item.itemId, details: { reports: count } });
    return count;
  });
  return reports ? { ok: true, proposalId } : refused(409, "comments:errors.stale");
}

/** Staff close a proposal's comments before their phases end, with a public reason. */
export async function closeComments(db: Db, staff: SessionUser, proposalId: string, reason: { text: string; locale: Locale }): Promise<Done> {
  if (!(await itemProposalId(db, "proposal", proposalId))) return refused(404, "comments:errors.unknown");
  const done = await db.$transaction(async (tx) => {
    const changed = await tx.proposal.updateMany({
      where: { id: proposalId, commentsClosedAt: null },
      data: { commentsClosedAt: new Date(), commentsClosedReason: reason.text, commentsClosedReasonLocale: reason.locale },
    });
    if (!changed.count) return false;
    await recordAudit(tx, {
      actorId: staff.id,
      action: "proposal.comments-close",
      entityId: proposalId,
      details: { reason: reason.text, reasonLocale: reason.locale },
    });
    return true;
  });
  return done ? { ok: true, proposalId } : refused(409, "comments:errors.stale");
}

export async function reopenComments(db: Db, staff: SessionUser, proposalId: string): Promise<Done> {
  if (!(await itemProposalId(db, "proposal", proposalId))) return refused(404, "comments:errors.unknown");
  const done = await db.$transaction(async (tx) => {
    const changed = await tx.proposal.updateMany({
      where: { id: proposalId, commentsClosedAt: { not: null } },
      data: { commentsClosedAt: null, commentsClosedReason: "", commentsClosedReasonLocale: null },
    });
    if (!changed.count) return false;
    await recordAudit(tx, { actorId: staff.id, action: "proposal.comments-reopen", entityId: proposalId });
    return true;
  });
  return done ? { ok: true, proposalId } : refused(409, "comments:errors.stale");
}

/** The hourly clean-up: the text of items hidden longer than KEEP_HIDDEN_MS is erased (audited, by nobody). */
export async function eraseExpiredHidden(db: Db, now = new Date()): Promise<{ comments: number; proposals: number }> {
  const due = { eraseAfter: { lte: now }, erasedAt: null, hiddenAt: { not: null } };
  const comments = await db.comment.findMany({ where: due, select: { id: true, proposalId: true }, take: 500 });
  const proposals = await db.proposal.findMany({ where: due, select: { id: true }, take: 100 });
  let erasedComments = 0;
  for (const comment of comments) {
    const erased = await db.$transaction(async (tx) => {
      const { erased } = await eraseHidden(tx, "comment", comment.id, now);
      if (erased) await recordAudit(tx, { actorId: null, action: "comment.erase", entityId: comment.id, details: { proposalId: comment.proposalId } });
      return erased;
    });
    if (erased) erasedComments++;
  }
  let erasedProposals = 0;
  for (const proposal of proposals) {
    const uploads = await db.$transaction(async (tx) => {
      const { erased, uploads } = await eraseHidden(tx, "proposal", proposal.id, now);
      if (!erased) return null;
      await recordAudit(tx, { actorId: null, action: "proposal.erase", entityId: proposal.id });
      return uploads;
    });
    if (!uploads) continue;
    erasedProposals++;
    for (const name of uploads) await uploadStore(db).delete(name);
  }
  return { comments: erasedComments, proposals: erasedProposals };
}
