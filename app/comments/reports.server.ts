// Residents' reports of a comment or a proposal (decision 0036): one open report per reporter and item.
import type { SessionUser } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { refused, type Result } from "~/kernel/result";
import type { ReportReason } from "./schema";

/**
 * Reports the proposal, or one of its comments, to moderation. While the same person's report of the
 * same item is open, a second one is refused (the unique index decides, also under two simultaneous
 * posts); once staff resolved it (hid, restored or dismissed), reporting again renews that row as a new
 * open report (decision 0036).
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
  const item = input.commentId ? { commentId: input.commentId } : { proposalId };
  const report = { reason: input.reason, text: input.text };
  // The WHERE on resolvedAt lets only one of two simultaneous posts renew it; the other then meets the index.
  const renewed = await db.report.updateMany({
    where: { reporterId: user.id, ...item, resolvedAt: { not: null } },
    data: { ...report, createdAt: new Date(), resolvedAt: null },
  });
  if (renewed.count) {
    const { id } = await db.report.findFirstOrThrow({ where: { reporterId: user.id, ...item }, select: { id: true } });
    return { ok: true, id };
  }
  try {
    const created = await db.report.create({ data: { reporterId: user.id, ...item, ...report }, select: { id: true } });
    return { ok: true, id: created.id };
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "comments:errors.alreadyReported");
    throw error;
  }
}
