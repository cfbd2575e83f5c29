// The rules of a proposal's comments (decision 0036), shared by the page and the server.
import { keptFor } from "~/privacy/retention";
import { isPublicStatus, type ProposalStatus } from "~/proposals/lifecycle";
import { commentsAreOpen, type Phase } from "~/rounds/phases";

/** An author may change the text of a comment for this long after posting it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Text hidden by moderation is kept this long for an appeal, then erased (staff may erase it at once). */
export const KEEP_HIDDEN_MS = keptFor("hiddenContent");
export const COMMENTS_PER_PAGE = 20;
export const MAX_COMMENT_LENGTH = 2000;
export const COMMENT_SORTS = ["newest", "oldest"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Why nobody may comment now, or null when comments are open. */
export type CommentsShut = "hidden" | "closed" | "phase" | "draft";

export function whyCommentsShut(
  proposal: { status: ProposalStatus; hiddenAt: Date | string | null; commentsClosedAt: Date | string | null },
  phase: Phase,
): CommentsShut | null {
  if (!isPublicStatus(proposal.status)) return "draft";
  if (proposal.hiddenAt) return "hidden";
  if (proposal.commentsClosedAt) return "closed";
  if (!commentsAreOpen(phase)) return "phase";
  return null;
}

interface OwnComment {
  authorId: string;
  createdAt: Date | string;
  deletedAt: Date | string | null;
  hiddenAt: Date | string | null;
}

/** The author may edit within EDIT_WINDOW_MS of posting, while it is neither deleted nor hidden. */
export function mayEditComment(comment: OwnComment, userId: string | null, now: Date): boolean {
  return (
    userId !== null &&
    comment.authorId === userId &&
    !comment.deletedAt &&
    !comment.hiddenAt &&
    now.getTime() - new Date(comment.createdAt).getTime() <= EDIT_WINDOW_MS
  );
}

/** The author may delete their own comment (once); a hidden one stays for moderation's appeal. */
export function mayDeleteComment(comment: OwnComment, userId: string | null): boolean {
  return userId !== null && comment.authorId === userId && !comment.deletedAt && !comment.hiddenAt;
}

/** Replies go one level deep: only a top-level comment that is still there takes replies. */
export function mayReplyTo(parent: { parentId: string | null; deletedAt: Date | string | null; hiddenAt: Date | string | null }): boolean {
  return parent.parentId === null && !parent.deletedAt && !parent.hiddenAt;
}

export type CommentMark = "author" | "panel" | "staff";

/**
 * How a comment's writer is marked: one of the proposal's authors, a panel member of the round
 * speaking as such (they chose to), city staff.
 */
export function commentMarks(comment: { authorId: string; asPanelMember: boolean; authorRole: string }, carrierIds: readonly string[]): CommentMark[] {
  const marks: CommentMark[] = [];
  if (carrierIds.includes(comment.authorId)) marks.push("author");
  if (comment.asPanelMember) marks.push("panel");
  if (comment.authorRole === "STAFF" || comment.authorRole === "ADMIN") marks.push("staff");
  return marks;
}

/** The sort and page asked for in the query (?comments=oldest&commentsPage=2); anything else gives the default. */
export function threadQuery(params: URLSearchParams): { sort: CommentSort; page: number } {
  const sort = params.get("comments") === "oldest" ? "oldest" : "newest";
  const page = Number(params.get("commentsPage"));
  return { sort, page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1 };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
}

/** When the text of something hidden now is erased. */
export function eraseAfter(hiddenAt: Date): Date {
  return new Date(hiddenAt.getTime() + KEEP_HIDDEN_MS);
}
