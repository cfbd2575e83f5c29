// Which proposals moderation hid, for pages whose data comes from elsewhere (the panel's workspace,
// event pages, served photos): they show the hidden note instead of the text (decision 0036).
import type { Db } from "~/db.server";
import { storedLocale } from "~/i18n/config";
import type { HiddenNote } from "./hidden";

/** The hidden ones among these proposals, with their public reason. */
export async function hiddenProposals(db: Db, proposalIds: readonly string[]): Promise<Map<string, HiddenNote>> {
  if (proposalIds.length === 0) return new Map();
  const hidden = await db.proposal.findMany({
    where: { id: { in: [...new Set(proposalIds)] }, hiddenAt: { not: null } },
    select: { id: true, hiddenReason: true, hiddenReasonLocale: true },
  });
  return new Map(hidden.map((proposal) => [proposal.id, { reason: proposal.hiddenReason, locale: storedLocale(proposal.hiddenReasonLocale) }]));
}

/**
 * Whether an upload is a photo of a proposal moderation hid: "hidden", "shown" (a photo of a
 * proposal that is not hidden) or null (not a proposal's photo).
 */
export async function proposalPhotoState(db: Db, fileName: string): Promise<"hidden" | "shown" | null> {
  const photo = await db.proposalPhoto.findFirst({ where: { fileName }, select: { proposal: { select: { hiddenAt: true } } } });
  if (!photo) return null;
  return photo.proposal.hiddenAt ? "hidden" : "shown";
}
