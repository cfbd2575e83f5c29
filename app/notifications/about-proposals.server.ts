// Notifications about a proposal: to the people carrying it (a verdict, changes requested) or to
// everyone following it (a panel decision, a new comment), each with the title in their language.
import type { TFunction } from "i18next";
import type { Tx } from "~/db.server";
import type { Locale, Namespace } from "~/i18n/config";
import type { NotificationKind } from "./kinds";
import { notify, type RecipientContext } from "./notify.server";

export interface ProposalContext extends RecipientContext {
  title: string;
  number: number | null;
}

/**
 * The proposal's audience: its followers, and the people carrying it who never said otherwise
 * (authors and co-proposers follow automatically; the proposals before following began have no row).
 */
export async function proposalAudience(tx: Tx, proposalId: string): Promise<string[]> {
  const proposal = await tx.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { authorId: true, members: { select: { userId: true } }, followers: { select: { userId: true, following: true } } },
  });
  const stopped = new Set(proposal.followers.filter((row) => !row.following).map((row) => row.userId));
  const carriers = [proposal.authorId, ...proposal.members.map((member) => member.userId)].filter((id) => !stopped.has(id));
  return [...carriers, ...proposal.followers.filter((row) => row.following).map((row) => row.userId)];
}

/** The author and linked co-proposers: told of what concerns them as carriers, following or not. */
async function carriers(tx: Tx, proposalId: string): Promise<string[]> {
  const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { authorId: true, members: { select: { userId: true } } } });
  return [proposal.authorId, ...proposal.members.map((member) => member.userId)];
}

export async function notifyAboutProposal(
  tx: Tx,
  input: {
    proposalId: string;
    kind: NotificationKind;
    to: "carriers" | "audience";
    namespace: Namespace;
    baseUrl: string;
    /** Who caused it (a commenter): not told of their own doing. */
    exceptUserId?: string;
    compose: (t: TFunction, context: ProposalContext) => { subject: string; text: string };
  },
): Promise<number> {
  const proposal = await tx.proposal.findUniqueOrThrow({
    where: { id: input.proposalId },
    select: { number: true, originalLocale: true, texts: { select: { locale: true, title: true } } },
  });
  const titleIn = (locale: Locale) =>
    (proposal.texts.find((row) => row.locale === locale) ?? proposal.texts.find((row) => row.locale === proposal.originalLocale))?.title ?? "";
  const people = input.to === "carriers" ? await carriers(tx, input.proposalId) : await proposalAudience(tx, input.proposalId);
  return notify(tx, {
    kind: input.kind,
    userIds: people.filter((id) => id !== input.exceptUserId),
    path: `/proposals/${input.proposalId}`,
    baseUrl: input.baseUrl,
    namespace: input.namespace,
    compose: (t, context) => input.compose(t, { ...context, title: titleIn(context.locale), number: proposal.number }),
  });
}
