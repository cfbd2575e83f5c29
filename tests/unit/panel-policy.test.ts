import { describe, expect, it } from "vitest";
import {
  decideOnPanel,
  decideOnProposal,
  decideSetup,
  isConflicted,
  panelActions,
  proposalActions,
  relationToPanel,
  scoresArePublic,
  setupActions,
  whoDecides,
  type PanelFacts,
  type PanelRelation,
  type ProposalFacts,
} from "~/panel/policy";
import type { Phase } from "~/rounds/phases";

const relation = (userId: string, seat: Partial<Omit<PanelRelation, "userId">> = {}): PanelRelation => ({
  userId,
  isMember: false,
  isChair: false,
  isViceChair: false,
  isStaff: false,
  ...seat,
});
const member = relation("member", { isMember: true });
const chair = relation("chair", { isMember: true, isChair: true });
const vice = relation("vice", { isMember: true, isViceChair: true });
const staff = relation("staff", { isStaff: true });
const outsider = relation("outsider");

const reviewing: PanelFacts = { phase: "REVIEW", mode: "SHORTLIST", chairId: "chair", viceChairId: null };
const withVice: PanelFacts = { ...reviewing, viceChairId: "vice" };
const proposal = (facts: Partial<ProposalFacts> = {}): ProposalFacts => ({
  status: "ADMISSIBLE",
  authorId: "author",
  memberIds: ["co"],
  declaredConflicts: [],
  ownReviewComplete: false,
  ...facts,
});

describe("a panel relation", () => {
  it("comes from a seat on the panel and the staff role", () => {
    expect(relationToPanel({ id: "an", role: "RESIDENT" }, { isChair: true, isViceChair: false })).toEqual(relation("an", { isMember: true, isChair: true }));
    expect(relationToPanel({ id: "vi", role: "RESIDENT" }, { isChair: false, isViceChair: true })).toEqual(
      relation("vi", { isMember: true, isViceChair: true }),
    );
    expect(relationToPanel({ id: "bo", role: "STAFF" }, null)).toEqual(relation("bo", { isStaff: true }));
    expect(relationToPanel({ id: "cy", role: "RESIDENT" }, null)).toEqual(relation("cy"));
  });
});

describe("conflicts of interest", () => {
  it("cover the author and linked co-proposers automatically, and declared ones", () => {
    const facts = proposal({ declaredConflicts: ["sister"] });
    expect(isConflicted("author", facts)).toBe(true);
    expect(isConflicted("co", facts)).toBe(true);
    expect(isConflicted("sister", facts)).toBe(true);
    expect(isConflicted("neighbour", facts)).toBe(false);
  });
});

describe("the workspace", () => {
  it("is for members and staff; the progress for the chair and staff; the name consent for members", () => {
    expect(panelActions(member)).toEqual({ viewBoard: true, viewProgress: false, consent: true });
    expect(panelActions(chair)).toEqual({ viewBoard: true, viewProgress: true, consent: true });
    // The vice-chair may have to decide: they follow the progress like the chair.
    expect(panelActions(vice)).toEqual({ viewBoard: true, viewProgress: true, consent: true });
    expect(panelActions(staff)).toEqual({ viewBoard: true, viewProgress: true, consent: false });
    expect(panelActions(outsider)).toEqual({ viewBoard: false, viewProgress: false, consent: false });
    expect(decideOnPanel(outsider, "viewBoard")).toEqual({ ok: false, status: 403, formError: "panel:errors.notMember" });
    expect(decideOnPanel(staff, "consent")).toEqual({ ok: false, status: 403, formError: "panel:errors.notMember" });
  });
});

describe("reviewing a proposal", () => {
  it("is for a member without a conflict, during REVIEW, on an admissible (or already decided) proposal", () => {
    for (const status of ["ADMISSIBLE", "SHORTLISTED", "REJECTED"]) expect(decideOnProposal(member, "review", reviewing, proposal({ status })).ok).toBe(true);
    expect(decideOnProposal(member, "review", reviewing, proposal({ status: "SUBMITTED" }))).toMatchObject({
      status: 409,
      formError: "panel:errors.notReviewable",
    });
    expect(decideOnProposal(member, "review", { ...reviewing, phase: "SUBMISSION" }, proposal())).toMatchObject({
      status: 409,
      formError: "panel:errors.reviewClosed",
    });
    expect(decideOnProposal(member, "review", { ...reviewing, phase: "VOTING" }, proposal())).toMatchObject({
      status: 409,
      formError: "panel:errors.reviewClosed",
    });
    expect(decideOnProposal(relation("co", { isMember: true }), "review", reviewing, proposal())).toMatchObject({
      status: 403,
      formError: "panel:errors.conflicted",
    });
    expect(decideOnProposal(staff, "review", reviewing, proposal())).toMatchObject({ status: 403, formError: "panel:errors.notMember" });
    // Who asks is checked before whether the proposal is this round's.
    expect(decideOnProposal(outsider, "review", reviewing, null)).toMatchObject({ status: 403 });
    expect(decideOnProposal(member, "review", reviewing, null)).toMatchObject({ status: 404, formError: "panel:errors.unknownProposal" });
    expect(decideOnProposal(member, "review", null, null)).toMatchObject({ status: 404 });
  });

  it("shows a member the others' scores only after their own review is complete, never on a conflict; staff off the panel always", () => {
    expect(decideOnProposal(member, "readScores", reviewing, proposal())).toMatchObject({ status: 409 });
    expect(decideOnProposal(member, "readScores", reviewing, proposal({ ownReviewComplete: true })).ok).toBe(true);
    expect(decideOnProposal(member, "readScores", reviewing, proposal({ ownReviewComplete: true, declaredConflicts: ["member"] }))).toMatchObject({
      status: 403,
      formError: "panel:errors.conflicted",
    });
    expect(decideOnProposal(staff, "readScores", reviewing, proposal()).ok).toBe(true);
    // A member who is also staff reviews like any member: no peeking first.
    expect(decideOnProposal(relation("both", { isMember: true, isStaff: true }), "readScores", reviewing, proposal()).ok).toBe(false);
    expect(decideOnProposal(outsider, "readScores", reviewing, proposal()).ok).toBe(false);
  });

  it("lets a member declare a conflict where they could review, once", () => {
    expect(decideOnProposal(member, "declareConflict", reviewing, proposal()).ok).toBe(true);
    expect(decideOnProposal(member, "declareConflict", { ...reviewing, phase: "SUBMISSION" }, proposal())).toMatchObject({
      status: 409,
      formError: "panel:errors.reviewClosed",
    });
    expect(decideOnProposal(member, "declareConflict", reviewing, proposal({ status: "INADMISSIBLE" }))).toMatchObject({ status: 404 });
    expect(decideOnProposal(member, "declareConflict", reviewing, proposal({ declaredConflicts: ["member"] }))).toMatchObject({
      status: 403,
      formError: "panel:errors.conflicted",
    });
    expect(decideOnProposal(staff, "declareConflict", reviewing, proposal())).toMatchObject({ status: 403, formError: "panel:errors.notMember" });
  });
});

describe("who decides a proposal", () => {
  it("is the chair, unless conflicted; then the vice-chair, unless conflicted; then staff", () => {
    expect(whoDecides(withVice, proposal())).toEqual({ by: "chair", userId: "chair" });
    expect(whoDecides(withVice, proposal({ authorId: "chair" }))).toEqual({ by: "viceChair", userId: "vice", because: "chairConflicted" });
    expect(whoDecides(withVice, proposal({ memberIds: ["chair"], declaredConflicts: ["vice"] }))).toEqual({ by: "staff", because: "bothConflicted" });
    // A declared conflict counts like authorship.
    expect(whoDecides(withVice, proposal({ declaredConflicts: ["chair"] }))).toMatchObject({ by: "viceChair" });
    // The vice-chair's own conflict does not matter while the chair decides.
    expect(whoDecides(withVice, proposal({ authorId: "vice" }))).toEqual({ by: "chair", userId: "chair" });
  });

  it("falls to the next in line when a seat is empty, and always names someone", () => {
    expect(whoDecides(reviewing, proposal({ authorId: "chair" }))).toEqual({ by: "staff", because: "chairConflicted" });
    expect(whoDecides({ chairId: null, viceChairId: "vice" }, proposal())).toEqual({ by: "viceChair", userId: "vice", because: "noChair" });
    expect(whoDecides({ chairId: null, viceChairId: "vice" }, proposal({ authorId: "vice" }))).toEqual({ by: "staff", because: "viceChairConflicted" });
    expect(whoDecides({ chairId: null, viceChairId: null }, proposal())).toEqual({ by: "staff", because: "nobody" });
  });
});

describe("deciding on a proposal", () => {
  it("is for exactly whoever whoDecides names, in SHORTLIST rounds during REVIEW", () => {
    expect(decideOnProposal(chair, "decide", reviewing, proposal()).ok).toBe(true);
    // Staff decide only what falls to them: not what the chair decides.
    expect(decideOnProposal(staff, "decide", reviewing, proposal())).toMatchObject({ status: 403, formError: "panel:errors.decidedBy.chair" });
    expect(decideOnProposal(staff, "decide", reviewing, proposal({ authorId: "chair" })).ok).toBe(true);
    expect(decideOnProposal(chair, "decide", reviewing, proposal({ authorId: "chair" }))).toMatchObject({
      status: 403,
      formError: "panel:errors.conflictedDecision",
    });
    expect(decideOnProposal(vice, "decide", reviewing, proposal())).toMatchObject({ status: 403 });
    expect(decideOnProposal(member, "decide", reviewing, proposal())).toMatchObject({ status: 403, formError: "panel:errors.notChair" });
    expect(decideOnProposal(chair, "decide", { ...reviewing, mode: "WEIGHTED" }, proposal())).toMatchObject({
      status: 409,
      formError: "panel:errors.notShortlist",
    });
    // The round's mode is checked before whether the proposal is the round's.
    expect(decideOnProposal(staff, "decide", { ...reviewing, mode: "WEIGHTED" }, null)).toMatchObject({ status: 409 });
    expect(decideOnProposal(chair, "decide", { ...reviewing, phase: "VOTING" }, proposal())).toMatchObject({
      status: 409,
      formError: "panel:errors.reviewClosed",
    });
    expect(decideOnProposal(chair, "decide", reviewing, proposal({ status: "ON_BALLOT" }))).toMatchObject({
      status: 409,
      formError: "panel:errors.notReviewable",
    });
  });

  it("lets the vice-chair decide where the chair is conflicted, and staff where both are", () => {
    const chairs = proposal({ authorId: "chair" });
    expect(decideOnProposal(vice, "decide", withVice, chairs).ok).toBe(true);
    expect(decideOnProposal(chair, "decide", withVice, chairs)).toMatchObject({ status: 403, formError: "panel:errors.conflictedDecision" });
    expect(decideOnProposal(staff, "decide", withVice, chairs)).toMatchObject({ status: 403, formError: "panel:errors.decidedBy.viceChair" });
    expect(decideOnProposal(member, "decide", withVice, chairs)).toMatchObject({ status: 403, formError: "panel:errors.notChair" });
    // Not the vice-chair's while the chair decides.
    expect(decideOnProposal(vice, "decide", withVice, proposal())).toMatchObject({ status: 403, formError: "panel:errors.decidedBy.chair" });
    const both = proposal({ authorId: "chair", declaredConflicts: ["vice"] });
    expect(decideOnProposal(staff, "decide", withVice, both).ok).toBe(true);
    expect(decideOnProposal(vice, "decide", withVice, both)).toMatchObject({ status: 403, formError: "panel:errors.conflictedDecision" });
    expect(decideOnProposal(chair, "decide", withVice, both)).toMatchObject({ status: 403 });
    // A member who is staff too decides as staff.
    expect(decideOnProposal(relation("both", { isMember: true, isStaff: true }), "decide", withVice, both).ok).toBe(true);
  });

  it("offers on a row exactly what each decision allows", () => {
    expect(proposalActions(chair, reviewing, proposal({ ownReviewComplete: true }))).toEqual({
      review: true,
      readScores: true,
      declareConflict: true,
      decide: true,
    });
    expect(proposalActions(staff, { ...reviewing, mode: "WEIGHTED" }, proposal())).toEqual({
      review: false,
      readScores: true,
      declareConflict: false,
      decide: false,
    });
    expect(proposalActions(outsider, reviewing, proposal())).toEqual({ review: false, readScores: false, declareConflict: false, decide: false });
  });
});

describe("the set-up", () => {
  const PHASES: Phase[] = ["DRAFT", "SUBMISSION", "REVIEW", "VOTING", "PUBLISHED"];
  it("locks mode, scale and criteria when REVIEW starts and members when it ends; invitations may always be revoked", () => {
    expect(PHASES.map((phase) => setupActions(phase))).toEqual([
      { settings: true, criteria: true, members: true, revokeInvite: true },
      { settings: true, criteria: true, members: true, revokeInvite: true },
      { settings: false, criteria: false, members: true, revokeInvite: true },
      { settings: false, criteria: false, members: false, revokeInvite: true },
      { settings: false, criteria: false, members: false, revokeInvite: true },
    ]);
    expect(decideSetup("criteria", "REVIEW")).toEqual({ ok: false, status: 409, formError: "panel:errors.setupLocked" });
    expect(decideSetup("members", "VOTING")).toEqual({ ok: false, status: 409, formError: "panel:errors.membersLocked" });
  });

  it("publishes aggregate scores only once REVIEW is over", () => {
    expect(PHASES.map(scoresArePublic)).toEqual([false, false, false, true, true]);
  });
});
