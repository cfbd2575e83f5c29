// Who may do what with a proposal, and when. Pure: the server functions ask `decide()` before they
// write, and the proposal page offers exactly what `allowedActions()` allows — the same rule, so a
// button is shown if and only if pressing it is accepted.
import { can, type Role } from "~/auth/permissions";
import { refused, type Refused } from "~/kernel/result";
import { acceptsProposals, votingIsAhead, type Phase } from "~/rounds/phases";
import { isPublicStatus, type ProposalStatus } from "./lifecycle";

export type Actor = { id: string; role: Role; blocked?: boolean } | null;

/** What the policy reads of a proposal (and its round). */
export interface ProposalFacts {
  authorId: string;
  memberIds: string[];
  status: ProposalStatus;
  changesDeadline: Date | null;
  phase: Phase;
  teamsMayCreateEvents: boolean;
  /** Hidden by moderation (decision 0036): its texts and photos are kept as they were, for an appeal. */
  hidden: boolean;
}

export type ProposalRelation = "author" | "member" | "staff" | null;

/** How a user relates to a proposal: its author, a linked co-proposer, staff, or nobody in particular. */
export function relationTo(actor: Actor, proposal: Pick<ProposalFacts, "authorId" | "memberIds">): ProposalRelation {
  if (!actor) return null;
  if (actor.id === proposal.authorId) return "author";
  if (proposal.memberIds.includes(actor.id)) return "member";
  if (can(actor, "proposal:review")) return "staff";
  return null;
}

/** Drafts are visible to those who carry them and to staff; everything else is public. */
export function mayView(actor: Actor, proposal: Pick<ProposalFacts, "authorId" | "memberIds" | "status">): boolean {
  return isPublicStatus(proposal.status) || relationTo(actor, proposal) !== null;
}

export const PROPOSAL_ACTIONS = [
  "edit",
  "submit",
  "withdraw",
  "translate",
  "invite",
  "revokeInvite",
  "editPeople",
  "verdict",
  "coach",
  "organiseEvent",
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

const CARRIERS: readonly ProposalRelation[] = ["author", "member"];
const CARRIERS_AND_STAFF: readonly ProposalRelation[] = ["author", "member", "staff"];

/** Who may ask for each action (anyone else: 403). */
const WHO: Record<ProposalAction, readonly ProposalRelation[]> = {
  edit: CARRIERS_AND_STAFF,
  submit: CARRIERS_AND_STAFF,
  withdraw: CARRIERS,
  translate: CARRIERS_AND_STAFF,
  invite: CARRIERS,
  revokeInvite: CARRIERS,
  // Removing co-proposers (only the author removes others; a co-proposer may leave: see removeCoProposer).
  editPeople: CARRIERS,
  verdict: ["staff"],
  coach: ["staff"],
  organiseEvent: CARRIERS,
};

/** The actions by which the people carrying a proposal post. */
const POSTING_ACTIONS: readonly ProposalAction[] = ["edit", "submit", "translate", "invite", "organiseEvent"];

interface Moment extends ProposalFacts {
  now: Date;
}

/** Requested changes may be made until the deadline staff set, and never once voting opens. */
function changesWindowOpen(p: Moment): boolean {
  return p.status === "CHANGES_REQUESTED" && votingIsAhead(p.phase) && !!p.changesDeadline && p.now < p.changesDeadline;
}

/** A draft or a submitted proposal while SUBMISSION lasts, and one with requested changes until its deadline. */
function editable(p: Moment): boolean {
  if (p.status === "DRAFT" || p.status === "SUBMITTED") return acceptsProposals(p.phase);
  return changesWindowOpen(p);
}

/** A draft is submitted during SUBMISSION; a proposal with requested changes is resubmitted before its deadline. */
function submittable(p: Moment): boolean {
  if (p.status === "DRAFT") return acceptsProposals(p.phase);
  return changesWindowOpen(p);
}

const WITHDRAWABLE: readonly ProposalStatus[] = ["DRAFT", "SUBMITTED", "ADMISSIBLE", "CHANGES_REQUESTED", "SHORTLISTED"];

/**
 * Staff give a feasibility verdict on a submitted proposal before voting; also on one whose
 * requested changes did not come in time (its deadline passed), so it does not stay in limbo.
 */
function awaitsVerdict(p: Moment): boolean {
  if (!votingIsAhead(p.phase)) return false;
  if (p.status === "SUBMITTED") return true;
  return p.status === "CHANGES_REQUESTED" && !!p.changesDeadline && p.now >= p.changesDeadline;
}

/**
 * What a hidden proposal refuses, to everyone (staff restore it first): anything that would change the
 * text, photos or people kept for an appeal, or post under it. Withdrawing and leaving stay possible.
 */
const FROZEN_WHILE_HIDDEN: readonly ProposalAction[] = ["edit", "submit", "translate", "invite", "organiseEvent"];

/** When each action is possible, for someone allowed to ask: the refusal (409) when it is not. */
function notNow(action: ProposalAction, relation: ProposalRelation, p: Moment): Refused | null {
  const unless = (allowed: boolean, key: string) => (allowed ? null : refused(409, key));
  if (p.hidden && FROZEN_WHILE_HIDDEN.includes(action)) return refused(409, "proposals:errors.hiddenByModeration");
  switch (action) {
    case "edit":
    case "invite":
    case "editPeople":
      return unless(editable(p), "proposals:errors.editClosed");
    case "submit":
      return unless(editable(p), "proposals:errors.editClosed") ?? unless(submittable(p), "proposals:errors.submitClosed");
    case "withdraw":
      return unless(WITHDRAWABLE.includes(p.status) && votingIsAhead(p.phase), "proposals:errors.withdrawClosed");
    case "translate":
      // Staff translate any proposal still in the running (for readers of other languages, also during voting).
      return unless(relation === "staff" ? p.status !== "WITHDRAWN" : editable(p), "proposals:errors.editClosed");
    case "verdict":
      return unless(awaitsVerdict(p), "proposals:errors.verdictClosed");
    // Coaching, and taking back an invitation nobody accepted yet, are always possible.
    case "coach":
    case "revokeInvite":
      return null;
    case "organiseEvent":
      return (
        unless(p.teamsMayCreateEvents, "events:errors.teamsMayNot") ?? unless(p.status !== "DRAFT" && p.status !== "WITHDRAWN", "events:errors.teamsMayNot")
      );
  }
}

/**
 * May `actor` do `action` with this proposal now? A proposal they may not see is unknown (404);
 * someone who may see it but not do this gets 403; the right person at the wrong moment gets 409.
 */
export function decide(actor: Actor, proposal: ProposalFacts, action: ProposalAction, now: Date): { ok: true; relation: ProposalRelation } | Refused {
  if (!mayView(actor, proposal)) return refused(404, "proposals:errors.unknown");
  const relation = relationTo(actor, proposal);
  if (!WHO[action].includes(relation)) return refused(403, "proposals:errors.notYours");
  // Adding to a proposal is posting, which a blocked account may not do (permissions.ts); withdrawing and leaving stay possible.
  if (relation !== "staff" && POSTING_ACTIONS.includes(action) && !can(actor, "proposal:create")) return refused(403, "errors:blocked.short");
  return notNow(action, relation, { ...proposal, now }) ?? { ok: true, relation };
}

/** Everything `actor` may do with the proposal now: what its page offers. */
export function allowedActions(actor: Actor, proposal: ProposalFacts, now: Date): Record<ProposalAction, boolean> {
  return Object.fromEntries(PROPOSAL_ACTIONS.map((action) => [action, decide(actor, proposal, action, now).ok])) as Record<ProposalAction, boolean>;
}
