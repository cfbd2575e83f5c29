// Residents' reports of a comment or a proposal (decision 0036): once per reporter and item.
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { refused, type Result } from "~/kernel/result";
import type { ReportReason } from "./schema";

/**
 * Reports the proposal, or one of its comments, to moderation. A second report of the same item by
 * the same person is refused (the unique index decides, also under two simultaneous posts).
 */
export async function reportItem(
  db: Db,
  user: SessionUser,
  proposalId: string,
  input: { commentId?: string; reason: ReportReason; text: string },
): Promise<Result<{ id: string }>> {
  if (input.commentId) {
    const comment = await db.comment.findUnique({ where: { id: input.commentId }, select: { proposalId: true, deletedAt: true } });
    if (!comment || comment.proposalId !== proposalId || comment.deletedAt) return refused(404, "comments:errors.unknown");
  } else {
    const proposal = await db.proposal.findUnique({ where: { id: proposalId }, select: { status: true } });
    if (!proposal || proposal.status === "DRAFT") return refused(404, "comments:errors.unknown");
  }
  try {
    const report = await db.report.create({
      data: {
        reporterId: user.id,
        ...(input.commentId ? { commentId: input.commentId } : { proposalId }),
        reason: input.reason,
        text: input.text,
      },
      select: { id: true },
    });
    return { ok: true, id: report.id };
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "comments:errors.alreadyReported");
    throw error;
  }
}
