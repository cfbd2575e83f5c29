// A proposal's comments (decision 0036): the thread as residents read it, and the writes of their authors.
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { notifyAboutProposal } from "~/notifications/about-proposals.server";
import { followProposalAutomatically } from "~/notifications/follows.server";
import { storedLocale, type Locale } from "~/i18n/config";
import { refused, type Result } from "~/kernel/result";
import type { ProposalStatus } from "~/proposals/lifecycle";
import type { Phase } from "~/rounds/phases";
import { COMMENTS_PER_PAGE, commentMarks, mayDeleteComment, mayEditComment, mayReplyTo, pageCount, whyCommentsShut, type CommentSort } from "./rules";
import type { CommentInput } from "./schema";

const shownComment = {
  id: true,
  parentId: true,
  authorId: true,
  body: true,
  locale: true,
  asPanelMember: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  hiddenReasonLocale: true,
  author: { select: { name: true, role: true, deletedAt: true } },
} as const;

type Row = {
  id: string;
  parentId: string | null;
  authorId: string;
  body: string;
  locale: string;
  asPanelMember: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  hiddenReasonLocale: string | null;
  author: { name: string; role: string; deletedAt: Date | null };
};

/**
 * A comment as a reader gets it: a deleted or hidden one keeps its place in the thread without its
 * text or its writer; nobody's account id leaves the server, only whether the reader may edit or delete it.
 */
function shown(row: Row, viewerId: string | null, carrierIds: readonly string[], now: Date) {
  const gone = Boolean(row.deletedAt || row.hiddenAt);
  return {
    id: row.id,
    state: row.deletedAt ? ("deleted" as const) : row.hiddenAt ? ("hidden" as const) : ("shown" as const),
    body: gone ? "" : row.body,
    locale: storedLocale(row.locale),
    authorName: gone ? "" : row.author.name,
    /** The writer deleted their account since: the words stay, as a former resident's. */
    byFormerResident: !gone && row.author.deletedAt !== null,
    marks: gone ? [] : commentMarks({ authorId: row.authorId, asPanelMember: row.asPanelMember, authorRole: row.author.role }, carrierIds),
    createdAt: row.createdAt,
    edited: row.editedAt !== null && !gone,
    hiddenReason: row.deletedAt ? "" : row.hiddenReason,
    hiddenReasonLocale: row.deletedAt ? null : storedLocale(row.hiddenReasonLocale),
    mayEdit: mayEditComment(row, viewerId, now),
    mayDelete: mayDeleteComment(row, viewerId),
    mayReply: mayReplyTo(row),
    // Nobody reports their own words (they edit or delete them).
    mayReport: viewerId !== null && viewerId !== row.authorId && !gone,
  };
}
export type ShownComment = ReturnType<typeof shown>;

/** One page of top-level comments (newest or oldest first), each with all its replies (oldest first). */
export async function commentThread(db: Db, proposalId: string, query: { sort: CommentSort; page: number }, viewerId: string | null) {
  const proposal = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { authorId: true, members: { select: { userId: true } } } });
  const where = { proposalId, parentId: null };
  const total = await db.comment.count({ where });
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const rows = await db.comment.findMany({
    where,
    orderBy: [{ createdAt: query.sort === "oldest" ? "asc" : "desc" }, { id: "asc" }],
    skip: (page - 1) * COMMENTS_PER_PAGE,
    take: COMMENTS_PER_PAGE,
    select: { ...shownComment, replies: { select: shownComment, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  const carrierIds = [proposal.authorId, ...proposal.members.map((member) => member.userId)];
  const now = new Date();
  return {
    total,
    page,
    pages,
    sort: query.sort,
    comments: rows.map((row) => ({ ...shown(row, viewerId, carrierIds, now), replies: row.replies.map((reply) => shown(reply, viewerId, carrierIds, now)) })),
  };
}

/** What the comment section needs to know about the proposal and the reader besides the thread. */
export async function commentContext(
  db: Db,
  proposal: {
    id: string;
    status: ProposalStatus;
    hiddenAt: Date | null;
    commentsClosedAt: Date | null;
    round: { id: string; phase: Phase };
  },
  user: SessionUser | null,
) {
  const panelMember = user ? (await db.panelMember.count({ where: { roundId: proposal.round.id, userId: user.id } })) > 0 : false;
  return { shut: whyCommentsShut(proposal, proposal.round.phase), mayPostAsPanel: panelMember };
}

async function proposalForComments(db: Db, proposalId: string) {
  return db.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, status: true, hiddenAt: true, commentsClosedAt: true, roundId: true, round: { select: { phase: true } } },
  });
}

const SHUT_MESSAGES = {
  draft: "comments:errors.notPublic",
  hidden: "comments:errors.hidden",
  closed: "comments:errors.closed",
  phase: "comments:errors.phase",
} as const;

/** A new comment or a reply (one level), while the proposal's comments are open. */
export async function postComment(db: Db, user: SessionUser, proposalId: string, input: CommentInput, baseUrl: string): Promise<Result<{ id: string }>> {
  const proposal = await proposalForComments(db, proposalId);
  if (!proposal) return refused(404, "comments:errors.unknown");
  const shut = whyCommentsShut(proposal, proposal.round.phase);
  if (shut) return refused(shut === "draft" ? 404 : 409, SHUT_MESSAGES[shut]);
  const parentId = input.intent === "reply" ? (input.parentId ?? null) : null;
  if (input.intent === "reply") {
    const parent = parentId ? await db.comment.findUnique({ where: { id: parentId } }) : null;
    if (!parent || parent.proposalId !== proposalId) return refused(404, "comments:errors.unknown");
    if (!mayReplyTo(parent)) return refused(409, "comments:errors.noReply");
  }
  if (input.asPanelMember && (await db.panelMember.count({ where: { roundId: proposal.roundId, userId: user.id } })) === 0) {
    return refused(403, "comments:errors.notPanel");
  }
  const comment = await db.$transaction(async (tx) => {
    const created = await tx.comment.create({
      data: { proposalId, authorId: user.id, parentId, body: input.body, locale: input.locale, asPanelMember: input.asPanelMember },
      select: { id: true },
    });
    // Commenters follow what they commented on; its followers hear of the comment (not its writer).
    await followProposalAutomatically(tx, user.id, proposalId);
    await notifyAboutProposal(tx, {
      proposalId,
      kind: "comment",
      to: "audience",
      namespace: "notifications",
      baseUrl,
      exceptUserId: user.id,
      compose: (t, { name, title, link }) => ({
        subject: t(parentId ? "email.reply.subject" : "email.comment.subject", { title }),
        text: t(parentId ? "email.reply.body" : "email.comment.body", { name, title, writer: user.name, link: `${link}#comments` }),
      }),
    });
    return created;
  });
  return { ok: true, id: comment.id };
}

async function ownComment(db: Db, proposalId: string, commentId: string) {
  const comment = await db.comment.findUnique({ where: { id: commentId } });
  return comment && comment.proposalId === proposalId ? comment : null;
}

/** The author changes the text within the edit window; the WHERE keeps a late or hidden edit out. */
export async function editComment(
  db: Db,
  user: SessionUser,
  proposalId: string,
  input: { commentId: string; body: string; locale: Locale },
): Promise<Result<{ id: string }>> {
  const comment = await ownComment(db, proposalId, input.commentId);
  if (!comment) return refused(404, "comments:errors.unknown");
  const now = new Date();
  if (comment.authorId !== user.id) return refused(403, "comments:errors.notYours");
  if (!mayEditComment(comment, user.id, now)) return refused(409, "comments:errors.editWindow");
  const changed = await db.comment.updateMany({
    where: { id: comment.id, authorId: user.id, deletedAt: null, hiddenAt: null },
    data: { body: input.body, locale: input.locale, editedAt: now },
  });
  return changed.count ? { ok: true, id: comment.id } : refused(409, "comments:errors.editWindow");
}

/** The author deletes their own comment: its text goes at once; its replies stay. */
export async function deleteComment(db: Db, user: SessionUser, proposalId: string, commentId: string): Promise<Result<{ id: string }>> {
  const comment = await ownComment(db, proposalId, commentId);
  if (!comment) return refused(404, "comments:errors.unknown");
  if (comment.authorId !== user.id) return refused(403, "comments:errors.notYours");
  if (!mayDeleteComment(comment, user.id)) return refused(409, "comments:errors.gone");
  const changed = await db.comment.updateMany({
    where: { id: comment.id, authorId: user.id, deletedAt: null, hiddenAt: null },
    data: { body: "", deletedAt: new Date() },
  });
  return changed.count ? { ok: true, id: comment.id } : refused(409, "comments:errors.gone");
}
