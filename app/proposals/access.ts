import { can, type Role } from "~/auth/permissions";

export interface ProposalPeople {
  authorId: string;
  memberIds: string[];
}

export type ProposalRelation = "author" | "member" | "staff" | null;

/** How a user relates to a proposal: its author, a linked co-proposer, staff, or nobody in particular. */
export function relationTo(user: { id: string; role: Role } | null, proposal: ProposalPeople): ProposalRelation {
  if (!user) return null;
  if (user.id === proposal.authorId) return "author";
  if (proposal.memberIds.includes(user.id)) return "member";
  if (can(user, "proposal:review")) return "staff";
  return null;
}

/** Authors, linked co-proposers and staff may change a proposal (when its lifecycle allows). */
export function mayChange(relation: ProposalRelation): boolean {
  return relation !== null;
}

/** Drafts are visible to those who may change them; everything else is public. */
export function mayView(relation: ProposalRelation, status: string): boolean {
  return status !== "DRAFT" || relation !== null;
}

/**
 * Authors and co-proposers translate while they may edit; staff translate any proposal that is
 * still in the running (to help readers of other languages, also during voting).
 */
export function mayTranslate(relation: ProposalRelation, status: string, editable: boolean): boolean {
  if (relation === "staff") return status !== "WITHDRAWN";
  return (relation === "author" || relation === "member") && editable;
}

/** Co-proposers are invited by the people who carry the proposal, while it can still be written. */
export function mayInvite(relation: ProposalRelation, editable: boolean): boolean {
  return (relation === "author" || relation === "member") && editable;
}
