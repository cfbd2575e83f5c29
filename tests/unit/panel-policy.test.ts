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
  type PanelFacts,
  type PanelRelation,
  type ProposalFacts,
} from "~/panel/policy";
import type { Phase } from "~/rounds/phases";

const relation = (userId: string, seat: Partial<Omit<PanelRelation, "userId">> = {}): PanelRelation => ({
  userId,
  isMember: false,
  isChair: false,
  isStaff: false,
  ...seat,
});
const member = relation("member", { isMember: true });
const chair = relation("chair", { isMember: true, isChair: true });
const staff = relation("staff", { isStaff: true });
const outsider = relation("outsider");

const reviewing: PanelFacts = { phase: "REVIEW", mode: "SHORTLIST" };
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
    expect(relationToPanel({ id: "an", role: "RESIDENT" }, { isChair: true })).toEqual({ userId: "an", isMember: true, isChair: true, isStaff: false });
    expect(relationToPanel({ id: "bo", role: "STAFF" }, null)).toEqual({ userId: "bo", isMember: false, isChair: false, isStaff: true });
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

describe("deciding on a proposal", () => {
  it("is for the chair and staff in SHORTLIST rounds during REVIEW; a conflicted chair leaves it to staff", () => {
    expect(decideOnProposal(chair, "decide", reviewing, proposal()).ok).toBe(true);
    expect(decideOnProposal(staff, "decide", reviewing, proposal({ authorId: "staff" })).ok).toBe(true);
    expect(decideOnProposal(chair, "decide", reviewing, proposal({ authorId: "chair" }))).toMatchObject({ status: 403, formError: "panel:errors.conflicted" });
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
