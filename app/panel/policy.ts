// Who may do what on a round's wijkpanel, and when. Pure: the server functions ask a decide…()
// before they read or write, and the pages offer exactly what the matching …Actions() allow — the
// same rule, so a link or form is shown if and only if using it is accepted.
import { can, type Role } from "~/auth/permissions";
import { refused, type Result } from "~/kernel/result";
import { setupIsOpen, votingIsAhead, type Phase } from "~/rounds/phases";

/**
 * How someone relates to a round's panel: a seat on it (perhaps as its chair or vice-chair), staff,
 * both, or neither (an outsider). Staff follow the panel's work and decide what neither the chair nor
 * the vice-chair may (see whoDecides); only members review.
 */
export interface PanelRelation {
  userId: string;
  isMember: boolean;
  isChair: boolean;
  isViceChair: boolean;
  isStaff: boolean;
}

export function relationToPanel(user: { id: string; role: Role }, seat: { isChair: boolean; isViceChair: boolean } | null): PanelRelation {
  return { userId: user.id, isMember: !!seat, isChair: !!seat?.isChair, isViceChair: !!seat?.isViceChair, isStaff: can(user, "round:manage") };
}

export type PanelMode = "SHORTLIST" | "WEIGHTED";

/** What the policy reads of the round and its panel: its phase, its mode, who holds its two seats. */
export interface PanelFacts {
  phase: Phase;
  mode: PanelMode;
  /** The chair's user id; null while the panel has none. */
  chairId: string | null;
  /** The vice-chair's user id; null while the panel has none. */
  viceChairId: string | null;
}

/** What the policy reads of one proposal of the round, as one member sees it. */
export interface ProposalFacts {
  status: string;
  authorId: string;
  memberIds: readonly string[];
  /** The members who declared a conflict of interest with it (stored, final). */
  declaredConflicts: readonly string[];
  /** The actor's own review of it scores every criterion. */
  ownReviewComplete: boolean;
}

/** Authors and linked co-proposers are conflicted automatically (derived every time); declared conflicts add to that. */
export function isConflicted(userId: string, proposal: Pick<ProposalFacts, "authorId" | "memberIds" | "declaredConflicts">): boolean {
  return proposal.authorId === userId || proposal.memberIds.includes(userId) || proposal.declaredConflicts.includes(userId);
}

/** The panel reviews the admissible proposals; a decision does not take a proposal out of review. */
export const REVIEWABLE_STATUSES = ["ADMISSIBLE", "SHORTLISTED", "REJECTED"] as const;

export function isReviewable(status: string): boolean {
  return (REVIEWABLE_STATUSES as readonly string[]).includes(status);
}

/** The panel has not shortlisted or rejected it yet: pages say "not decided yet", not its feasibility status. */
export function awaitsPanelDecision(status: string): boolean {
  return status === "ADMISSIBLE";
}

/** Scores, conflicts and decisions happen in REVIEW only. */
export function reviewIsOpen(phase: Phase): boolean {
  return phase === "REVIEW";
}

/** Aggregate scores go public once REVIEW is over, so they cannot sway members still reviewing. */
export function scoresArePublic(phase: Phase): boolean {
  return !votingIsAhead(phase);
}

// ---------------------------------------------------------------------------------------------
// Who decides a proposal

/**
 * Who decides one proposal of a SHORTLIST round, and why: the chair, unless the chair is conflicted
 * (or the panel has none); then the vice-chair, unless the vice-chair is conflicted too (or there is
 * none); then city staff. Exactly one answer for every proposal, so no decision is ever stuck; the
 * pages say it, and decideOnProposal(…, "decide") lets exactly this person (or staff) decide.
 */
export type Decider =
  | { by: "chair"; userId: string }
  | { by: "viceChair"; userId: string; because: "chairConflicted" | "noChair" }
  | { by: "staff"; because: "bothConflicted" | "chairConflicted" | "viceChairConflicted" | "nobody" };

export function whoDecides(
  panel: Pick<PanelFacts, "chairId" | "viceChairId">,
  proposal: Pick<ProposalFacts, "authorId" | "memberIds" | "declaredConflicts">,
): Decider {
  const { chairId, viceChairId } = panel;
  const chairFree = !!chairId && !isConflicted(chairId, proposal);
  if (chairFree) return { by: "chair", userId: chairId };
  const viceFree = !!viceChairId && !isConflicted(viceChairId, proposal);
  if (viceFree) return { by: "viceChair", userId: viceChairId, because: chairId ? "chairConflicted" : "noChair" };
  if (chairId && viceChairId) return { by: "staff", because: "bothConflicted" };
  if (chairId) return { by: "staff", because: "chairConflicted" };
  if (viceChairId) return { by: "staff", because: "viceChairConflicted" };
  return { by: "staff", because: "nobody" };
}

/** Who decides, as the pages say it: whoDecides' answer with the chair's or vice-chair's name. */
export type DeciderView = Decider & { name: string | null };

/** Is `relation` the one `decider` names? Staff are named as a role: any staff member decides. */
export function isDecider(relation: PanelRelation, decider: Decider): boolean {
  return decider.by === "staff" ? relation.isStaff : relation.userId === decider.userId;
}

// ---------------------------------------------------------------------------------------------
// The panel as a whole

export const PANEL_ACTIONS = ["viewBoard", "viewProgress", "consent"] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/**
 * The workspace is for members and staff; every member's progress (and the aggregates) for the
 * chair, the vice-chair (who may have to decide) and staff; whether one's name is published is each member's own choice. In any phase.
 */
export function decideOnPanel(relation: PanelRelation, action: PanelAction): Result {
  switch (action) {
    case "viewBoard":
      return relation.isMember || relation.isStaff ? { ok: true } : refused(403, "panel:errors.notMember");
    case "viewProgress":
      return relation.isChair || relation.isViceChair || relation.isStaff ? { ok: true } : refused(403, "panel:errors.notChair");
    case "consent":
      return relation.isMember ? { ok: true } : refused(403, "panel:errors.notMember");
  }
}

/** What the workspace offers `relation`. */
export function panelActions(relation: PanelRelation): Record<PanelAction, boolean> {
  return Object.fromEntries(PANEL_ACTIONS.map((action) => [action, decideOnPanel(relation, action).ok])) as Record<PanelAction, boolean>;
}

// ---------------------------------------------------------------------------------------------
// One proposal under review

export const REVIEW_ACTIONS = ["review", "readScores", "declareConflict", "decide"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const unknownProposal = () => refused(404, "panel:errors.unknownProposal");

/**
 * May `relation` do `action` with this proposal now? `proposal` is null when the round (`panel`
 * null) or this round has no such proposal: membership is per round. Someone with no part in the
 * action gets 403, the right person at the wrong moment 409, a conflicted member 403.
 */
export function decideOnProposal(relation: PanelRelation, action: ReviewAction, panel: PanelFacts | null, proposal: ProposalFacts | null): Result {
  const conflicted = !!proposal && isConflicted(relation.userId, proposal);
  switch (action) {
    // Scoring: a member, during REVIEW, on a reviewable proposal, without a conflict.
    case "review":
      if (!relation.isMember) return refused(403, "panel:errors.notMember");
      if (!panel || !proposal) return unknownProposal();
      if (!reviewIsOpen(panel.phase)) return refused(409, "panel:errors.reviewClosed");
      if (!isReviewable(proposal.status)) return refused(409, "panel:errors.notReviewable");
      if (conflicted) return refused(403, "panel:errors.conflicted");
      return { ok: true };
    // Others' scores: a member sees them only once their own review is complete (nobody copies the
    // others), never on a conflict; staff who are not on the panel see them.
    case "readScores":
      if (!relation.isMember && !relation.isStaff) return refused(403, "panel:errors.notMember");
      if (!panel || !proposal) return unknownProposal();
      if (relation.isMember && conflicted) return refused(403, "panel:errors.conflicted");
      if (relation.isMember && !proposal.ownReviewComplete) return refused(409, "panel:sheet.othersHidden");
      return { ok: true };
    // A member declares a conflict with a proposal they could review; declarations are final.
    case "declareConflict":
      if (!relation.isMember) return refused(403, "panel:errors.notMember");
      if (!panel || !proposal || !isReviewable(proposal.status)) return unknownProposal();
      if (!reviewIsOpen(panel.phase)) return refused(409, "panel:errors.reviewClosed");
      if (conflicted) return refused(403, "panel:errors.conflicted");
      return { ok: true };
    // In SHORTLIST rounds exactly the one whoDecides() names decides during REVIEW (and may change
    // the decision until it ends): the chair, the vice-chair where the chair is conflicted, staff
    // where both are. Anyone else is refused, a conflicted chair or vice-chair as conflicted.
    case "decide": {
      if (!relation.isChair && !relation.isViceChair && !relation.isStaff) return refused(403, "panel:errors.notChair");
      if (panel && panel.mode !== "SHORTLIST") return refused(409, "panel:errors.notShortlist");
      if (!panel || !proposal) return unknownProposal();
      if (!reviewIsOpen(panel.phase)) return refused(409, "panel:errors.reviewClosed");
      if (!isReviewable(proposal.status)) return refused(409, "panel:errors.notReviewable");
      const decider = whoDecides(panel, proposal);
      if (isDecider(relation, decider)) return { ok: true };
      if (conflicted) return refused(403, "panel:errors.conflictedDecision");
      return refused(403, `panel:errors.decidedBy.${decider.by}`);
    }
  }
}

/** What the workspace and the review sheet offer `relation` for this proposal. */
export function proposalActions(relation: PanelRelation, panel: PanelFacts, proposal: ProposalFacts): Record<ReviewAction, boolean> {
  return Object.fromEntries(REVIEW_ACTIONS.map((action) => [action, decideOnProposal(relation, action, panel, proposal).ok])) as Record<ReviewAction, boolean>;
}

// ---------------------------------------------------------------------------------------------
// Set-up (staff: the route requires round:manage)

export const SETUP_ACTIONS = ["settings", "criteria", "members", "revokeInvite"] as const;
export type SetupAction = (typeof SETUP_ACTIONS)[number];

/**
 * Mode, scale and criteria change until REVIEW starts (changing them would invalidate scores);
 * members are appointed, removed or join until REVIEW ends (someone may move away mid-review); an
 * invitation nobody accepted may always be taken back.
 */
export function decideSetup(action: SetupAction, phase: Phase): Result {
  switch (action) {
    case "settings":
    case "criteria":
      return setupIsOpen(phase) ? { ok: true } : refused(409, "panel:errors.setupLocked");
    case "members":
      return votingIsAhead(phase) ? { ok: true } : refused(409, "panel:errors.membersLocked");
    case "revokeInvite":
      return { ok: true };
  }
}

/** What the set-up page offers in this phase. */
export function setupActions(phase: Phase): Record<SetupAction, boolean> {
  return Object.fromEntries(SETUP_ACTIONS.map((action) => [action, decideSetup(action, phase).ok])) as Record<SetupAction, boolean>;
}
