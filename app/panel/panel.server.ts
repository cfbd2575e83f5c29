// The wijkpanel's data: set-up by staff, membership, conflicts, reviews, decisions and the public
// report. Every function asks policy.ts who may do what, and the pages' offers come from the same
// rule, so routes stay thin and tests hit the rules.
import { LOCALES, storedLocale, type Locale } from "~/i18n/config";
import { parseTranslations } from "~/i18n/content";
import { changesOf } from "~/audit/actions";
import { moveProposal } from "~/proposals/status.server";
import { recordAudit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { generateToken, hashToken, isPlausibleToken } from "~/kernel/tokens";
import { inTransaction, type Db, type Tx } from "~/db.server";
import { fixedT } from "~/i18n/i18n.server";
import { queueMail } from "~/mail/outbox.server";
import { keptSince } from "~/privacy/retention";
import { INVITE_LIFETIME_MS, localeOf } from "~/proposals/proposals.server";
import { notifyAboutProposal } from "~/notifications/about-proposals.server";
import type { Phase } from "~/rounds/phases";
import type { Rational } from "~/kernel/rational";
import { fieldRefused, fieldsRefused, refused, type Refused, type Result } from "~/kernel/result";
import {
  decideOnPanel,
  decideOnProposal,
  decideSetup,
  isConflicted,
  isReviewable,
  panelActions,
  proposalActions,
  relationToPanel,
  REVIEWABLE_STATUSES,
  setupActions,
  whoDecides,
  type DeciderView,
  type PanelFacts,
  type PanelRelation,
  type ProposalFacts,
  type ReviewAction,
  type SetupAction,
} from "./policy";
import type { CriterionInput, CriterionTranslationsInput, PanelDecision, PanelSettingsInput, ReviewInput } from "./schema";
import { isComplete, memberScore, panelScore, type MemberReview } from "./scores";

/** Statuses a reviewed proposal moves on to once voting opens; the report keeps showing them. */
const AFTER_REVIEW = ["ON_BALLOT", "FUNDED", "NOT_FUNDED", "IN_PROGRESS", "REALISED"] as const;

const DEFAULT_SETTINGS = { mode: "SHORTLIST", weightPercent: 0, scaleMin: 1, scaleMax: 5 } as const;

export async function panelSettings(db: Db | Tx, roundId: string) {
  const panel = await db.panel.findUnique({ where: { roundId } });
  return panel ?? { roundId, ...DEFAULT_SETTINGS };
}

export async function panelCriteria(db: Db | Tx, roundId: string) {
  return db.panelCriterion.findMany({ where: { roundId }, orderBy: { position: "asc" } });
}

async function roundPhase(db: Db | Tx, roundId: string): Promise<Phase | null> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
  return round?.phase ?? null;
}

// ---------------------------------------------------------------------------------------------
// Set-up (staff)

/** The staff set-up page: settings, criteria, members, open invitations, and what may change now. */
export async function panelSetup(db: Db, round: { id: string; phase: Phase }) {
  const roundId = round.id;
  const [settings, criteria, members, invites] = await Promise.all([
    panelSettings(db, roundId),
    panelCriteria(db, roundId),
    db.panelMember.findMany({
      where: { roundId },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ isChair: "desc" }, { isViceChair: "desc" }, { createdAt: "asc" }],
    }),
    db.panelInvite.findMany({ where: { roundId, acceptedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, email: true, createdAt: true } }),
  ]);
  const now = Date.now();
  return {
    settings,
    criteria,
    members,
    // Who decides each proposal under review (SHORTLIST rounds): staff see where it falls to them.
    deciders: settings.mode === "SHORTLIST" ? await proposalDeciders(db, roundId) : [],
    invites: invites.map((invite) => ({ ...invite, expired: invite.createdAt.getTime() + INVITE_LIFETIME_MS < now })),
    may: setupActions(round.phase),
  };
}

/** May staff make this change to the round's panel now (see decideSetup)? */
async function setupCheck(db: Db | Tx, roundId: string, action: SetupAction): Promise<Result> {
  const phase = await roundPhase(db, roundId);
  if (!phase) return refused(404, "errors:roundUnknown");
  return decideSetup(action, phase);
}

export async function savePanelSettings(db: Db | Tx, actorId: string, roundId: string, input: PanelSettingsInput): Promise<Result> {
  const check = await setupCheck(db, roundId, "settings");
  if (!check.ok) return check;
  const data = {
    mode: input.mode,
    weightPercent: input.mode === "WEIGHTED" ? input.weightPercent : 0,
    scaleMin: input.scaleMin,
    scaleMax: input.scaleMax,
  };
  await inTransaction(db, async (tx) => {
    await tx.panel.upsert({ where: { roundId }, create: { roundId, ...data }, update: data });
    await recordAudit(tx, { actorId, action: "panel.settings", entityId: roundId, details: data });
  });
  return { ok: true };
}

export async function addCriterion(db: Db | Tx, actorId: string, roundId: string, input: CriterionInput): Promise<Result> {
  const check = await setupCheck(db, roundId, "criteria");
  if (!check.ok) return check;
  const filled = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value));
  await inTransaction(db, async (tx) => {
    const { _max } = await tx.panelCriterion.aggregate({ where: { roundId }, _max: { position: true } });
    const criterion = await tx.panelCriterion.create({
      data: {
        roundId,
        position: (_max.position ?? -1) + 1,
        names: JSON.stringify(filled(input.names)),
        explanations: JSON.stringify(filled(input.explanations)),
        weight: input.weight,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "panel.criterion-add",
      entityId: roundId,
      details: { criterionId: criterion.id, names: filled(input.names), weight: input.weight },
    });
  });
  return { ok: true };
}

/** A criterion's texts, one per language that has one, in the order of LOCALES (so equal texts compare equal). */
function textsPerLanguage(values: Partial<Record<string, string>>): Partial<Record<Locale, string>> {
  return Object.fromEntries(LOCALES.flatMap((locale) => (values[locale] ? [[locale, values[locale]]] : [])));
}

/**
 * Staff add, change or remove a criterion's translations (its name and question per language) when
 * they may change the criteria (decideSetup): a language left empty is no translation. Audited with
 * what changed; nothing changed, nothing recorded.
 */
export async function saveCriterionTranslations(db: Db, actorId: string, roundId: string, input: CriterionTranslationsInput): Promise<Result> {
  return db.$transaction(async (tx) => {
    const check = await setupCheck(tx, roundId, "criteria");
    if (!check.ok) return check;
    const criterion = await tx.panelCriterion.findFirst({ where: { id: input.criterionId, roundId } });
    if (!criterion) return refused(404, "panel:errors.unknownCriterion");
    const before = { names: textsPerLanguage(parseTranslations(criterion.names)), explanations: textsPerLanguage(parseTranslations(criterion.explanations)) };
    const after = { names: textsPerLanguage(input.names), explanations: textsPerLanguage(input.explanations) };
    const changes = changesOf(before, after, ["names", "explanations"]);
    if (Object.keys(changes).length === 0) return { ok: true } as const;
    await tx.panelCriterion.update({
      where: { id: criterion.id },
      data: { names: JSON.stringify(after.names), explanations: JSON.stringify(after.explanations) },
    });
    await recordAudit(tx, { actorId, action: "panel.criterion-translations", entityId: roundId, details: { criterionId: criterion.id, ...changes } });
    return { ok: true } as const;
  });
}

export async function removeCriterion(db: Db, actorId: string, roundId: string, criterionId: string): Promise<Result> {
  const check = await setupCheck(db, roundId, "criteria");
  if (!check.ok) return check;
  const removed = await db.$transaction(async (tx) => {
    const result = await tx.panelCriterion.deleteMany({ where: { id: criterionId, roundId } });
    if (result.count) {
      await recordAudit(tx, { actorId, action: "panel.criterion-remove", entityId: roundId, details: { criterionId } });
    }
    return result.count;
  });
  return removed ? { ok: true } : refused(404, "panel:errors.unknownCriterion");
}

/**
 * One chair per panel: naming a chair makes the previous one an ordinary member. The chair is never
 * the vice-chair too (the vice-chair stands in for the chair): a vice-chair made chair leaves that seat empty.
 */
async function seatMember(tx: Tx, roundId: string, userId: string, chair: boolean) {
  if (chair) await tx.panelMember.updateMany({ where: { roundId, isChair: true }, data: { isChair: false } });
  await tx.panelMember.upsert({
    where: { roundId_userId: { roundId, userId } },
    create: { roundId, userId, isChair: chair },
    update: chair ? { isChair: true, isViceChair: false } : {},
  });
}

/**
 * Appoints someone by email: an existing account joins at once; anyone else gets an invitation to
 * register (or log in with that address) and join. Staff see which happened: they chose the person.
 */
export async function appointMember(
  db: Db,
  staff: SessionUser,
  roundId: string,
  input: { email: string; chair: boolean },
  baseUrl: string,
): Promise<Result<{ invited: boolean }>> {
  const check = await setupCheck(db, roundId, "members");
  if (!check.ok) return check;
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, locale: true } });
  if (existing) {
    const seated = await db.panelMember.findUnique({ where: { roundId_userId: { roundId, userId: existing.id } } });
    const locale = localeOf(existing.locale);
    const t = await fixedT(locale, "panel");
    await db.$transaction(async (tx) => {
      await seatMember(tx, roundId, existing.id, input.chair);
      await recordAudit(tx, {
        actorId: staff.id,
        action: "panel.member-add",
        entityId: roundId,
        details: { userId: existing.id, chair: input.chair },
      });
      if (!seated) {
        await queueMail(tx, {
          to: input.email,
          locale,
          subject: t("email.appointed.subject"),
          text: t("email.appointed.body", { name: existing.name, link: `${baseUrl}/panel/${roundId}` }),
        });
      }
    });
    return { ok: true, invited: false };
  }
  const token = generateToken();
  // The invitee has no account, hence no saved language: the mail goes in staff's language.
  const locale = localeOf(staff.locale);
  const t = await fixedT(locale, "panel");
  await db.$transaction(async (tx) => {
    const invite = await tx.panelInvite.create({ data: { id: hashToken(token), roundId, email: input.email } });
    await recordAudit(tx, { actorId: staff.id, action: "panel.member-invite", entityId: roundId, details: { inviteId: invite.id } });
    await queueMail(tx, {
      to: input.email,
      locale,
      subject: t("email.invite.subject"),
      text: t("email.invite.body", { link: `${baseUrl}/panel-invites/${token}` }),
    });
  });
  return { ok: true, invited: true };
}

export async function removeMember(db: Db, actorId: string, roundId: string, userId: string): Promise<Result> {
  const check = await setupCheck(db, roundId, "members");
  if (!check.ok) return check;
  const removed = await db.$transaction(async (tx) => {
    const result = await tx.panelMember.deleteMany({ where: { roundId, userId } });
    if (result.count) await recordAudit(tx, { actorId, action: "panel.member-remove", entityId: roundId, details: { userId } });
    return result.count;
  });
  return removed ? { ok: true } : refused(404, "panel:errors.unknownMember");
}

export async function makeChair(db: Db, actorId: string, roundId: string, userId: string): Promise<Result> {
  const check = await setupCheck(db, roundId, "members");
  if (!check.ok) return check;
  const member = await db.panelMember.findUnique({ where: { roundId_userId: { roundId, userId } } });
  if (!member) return refused(404, "panel:errors.unknownMember");
  await db.$transaction(async (tx) => {
    await seatMember(tx, roundId, userId, true);
    await recordAudit(tx, { actorId, action: "panel.chair", entityId: roundId, details: { userId } });
  });
  return { ok: true };
}

/**
 * Staff appoint a member vice-chair (one per panel: the previous one becomes an ordinary member).
 * The vice-chair decides the proposals the chair is conflicted on; the chair cannot be vice-chair.
 */
export async function appointViceChair(db: Db, actorId: string, roundId: string, userId: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const check = await setupCheck(tx, roundId, "members");
    if (!check.ok) return check;
    const member = await tx.panelMember.findUnique({ where: { roundId_userId: { roundId, userId } } });
    if (!member) return fieldRefused("userId", "panel:errors.unknownMember", 404);
    if (member.isChair) return fieldRefused("userId", "panel:validation.chairNotVice", 409);
    if (member.isViceChair) return { ok: true } as const;
    await tx.panelMember.updateMany({ where: { roundId, isViceChair: true }, data: { isViceChair: false } });
    await tx.panelMember.update({ where: { roundId_userId: { roundId, userId } }, data: { isViceChair: true } });
    await recordAudit(tx, { actorId, action: "panel.vice-chair", entityId: roundId, details: { userId } });
    return { ok: true } as const;
  });
}

/** Staff leave the vice-chair's seat empty: the member stays on the panel; staff decide where the chair is conflicted. */
export async function removeViceChair(db: Db, actorId: string, roundId: string, userId: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const check = await setupCheck(tx, roundId, "members");
    if (!check.ok) return check;
    const result = await tx.panelMember.updateMany({ where: { roundId, userId, isViceChair: true }, data: { isViceChair: false } });
    if (!result.count) return refused(404, "panel:errors.unknownMember");
    await recordAudit(tx, { actorId, action: "panel.vice-chair-remove", entityId: roundId, details: { userId } });
    return { ok: true } as const;
  });
}

export async function revokePanelInvite(db: Db, actorId: string, roundId: string, inviteId: string): Promise<Result> {
  const check = await setupCheck(db, roundId, "revokeInvite");
  if (!check.ok) return check;
  const removed = await db.$transaction(async (tx) => {
    const result = await tx.panelInvite.deleteMany({ where: { id: inviteId, roundId, acceptedAt: null } });
    if (result.count) await recordAudit(tx, { actorId, action: "panel.invite-revoke", entityId: roundId, details: { inviteId } });
    return result.count;
  });
  return removed ? { ok: true } : refused(404, "panel:errors.unknownInvite");
}

/** The invitation page names the problem (`panel:invite.<problem>`) instead of showing a form error. */
type InviteRefused = Refused & { problem: "invalid" | "otherEmail" | "closed" };
type PanelInviteCheck = { ok: true; roundId: string } | InviteRefused;

/** Someone else's invitation is forbidden to this account; a used, expired or closed one is gone. */
function inviteRefused(problem: InviteRefused["problem"]): InviteRefused {
  return { ...refused(problem === "otherEmail" ? 403 : 410, `panel:invite.${problem}`), problem };
}

export async function checkPanelInvite(db: Db | Tx, user: SessionUser, token: string): Promise<PanelInviteCheck> {
  if (!isPlausibleToken(token)) return inviteRefused("invalid");
  const invite = await db.panelInvite.findUnique({ where: { id: hashToken(token) } });
  if (!invite || invite.acceptedAt || invite.createdAt.getTime() + INVITE_LIFETIME_MS < Date.now()) return inviteRefused("invalid");
  if (invite.email !== user.email) return inviteRefused("otherEmail");
  // Joining changes the panel's membership: possible while staff could appoint the invitee.
  if (!(await setupCheck(db, invite.roundId, "members")).ok) return inviteRefused("closed");
  return { ok: true, roundId: invite.roundId };
}

export async function acceptPanelInvite(db: Db, user: SessionUser, token: string): Promise<PanelInviteCheck> {
  return db.$transaction(async (tx) => {
    const check = await checkPanelInvite(tx, user, token);
    if (!check.ok) return check;
    const used = await tx.panelInvite.updateMany({ where: { id: hashToken(token), acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (used.count !== 1) return inviteRefused("invalid");
    await seatMember(tx, check.roundId, user.id, false);
    await recordAudit(tx, { actorId: user.id, action: "panel.member-join", entityId: check.roundId, details: {} });
    return check;
  });
}

// ---------------------------------------------------------------------------------------------
// Who is looking

/** How the user relates to the round's panel: member, chair, vice-chair, staff, or outsider (see policy.ts). */
export async function panelRelation(db: Db | Tx, user: SessionUser, roundId: string): Promise<PanelRelation> {
  const seat = await db.panelMember.findUnique({
    where: { roundId_userId: { roundId, userId: user.id } },
    select: { isChair: true, isViceChair: true },
  });
  return relationToPanel(user, seat);
}

/** The panel's workspace is for its members and staff: anyone else is refused. */
async function workspaceAccess(db: Db | Tx, user: SessionUser, roundId: string): Promise<Result<{ relation: PanelRelation }>> {
  const relation = await panelRelation(db, user, roundId);
  const allowed = decideOnPanel(relation, "viewBoard");
  return allowed.ok ? { ok: true, relation } : allowed;
}

/** The user's relation to the panel when its workspace is theirs to open; null otherwise. */
export async function panelViewer(db: Db | Tx, user: SessionUser, roundId: string): Promise<PanelRelation | null> {
  const access = await workspaceAccess(db, user, roundId);
  return access.ok ? access.relation : null;
}

/** Who holds the panel's chair and vice-chair, from its members. */
function seatsOf(members: readonly { userId: string; isChair: boolean; isViceChair: boolean }[]): Pick<PanelFacts, "chairId" | "viceChairId"> {
  return {
    chairId: members.find((member) => member.isChair)?.userId ?? null,
    viceChairId: members.find((member) => member.isViceChair)?.userId ?? null,
  };
}

/** The round's phase, the panel's mode and its chair and vice-chair; null for a round that does not exist. */
async function panelFacts(db: Db | Tx, roundId: string): Promise<PanelFacts | null> {
  const [phase, settings, seats] = await Promise.all([
    roundPhase(db, roundId),
    panelSettings(db, roundId),
    db.panelMember.findMany({ where: { roundId, OR: [{ isChair: true }, { isViceChair: true }] }, select: { userId: true, isChair: true, isViceChair: true } }),
  ]);
  return phase ? { phase, mode: settings.mode, ...seatsOf(seats) } : null;
}

function deciderView(
  panel: Pick<PanelFacts, "chairId" | "viceChairId">,
  proposal: WithPeople,
  members: readonly { userId: string; user: { name: string } }[],
): DeciderView {
  const decider = whoDecides(panel, peopleOf(proposal));
  const name = decider.by === "staff" ? null : (members.find((member) => member.userId === decider.userId)?.user.name ?? null);
  return { ...decider, name };
}

/** The admissible proposals of a SHORTLIST round still waiting for the panel's decision, with who decides each (the staff dashboard). */
export async function undecidedProposals(db: Db | Tx, roundId: string) {
  return (await proposalDeciders(db, roundId)).filter((proposal) => proposal.status === "ADMISSIBLE");
}

/** Every proposal under review with who decides it (the staff set-up page). */
async function proposalDeciders(db: Db | Tx, roundId: string) {
  const { members, proposals } = await panelWork(db, roundId);
  const seats = seatsOf(members);
  return proposals
    .filter((proposal) => isReviewable(proposal.status))
    .map((proposal) => ({
      id: proposal.id,
      number: proposal.number!,
      status: proposal.status,
      texts: proposal.texts,
      originalLocale: proposal.originalLocale,
      decider: deciderView(seats, proposal, members),
    }));
}

export async function setNameConsent(db: Db, user: SessionUser, roundId: string, namePublic: boolean): Promise<Result> {
  return db.$transaction(async (tx) => {
    const allowed = decideOnPanel(await panelRelation(tx, user, roundId), "consent");
    if (!allowed.ok) return allowed;
    await tx.panelMember.update({ where: { roundId_userId: { roundId, userId: user.id } }, data: { namePublic } });
    await recordAudit(tx, { actorId: user.id, action: "panel.consent", entityId: roundId, details: { namePublic } });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Reviews

const proposalPeople = {
  members: { select: { userId: true } },
  panelConflicts: { select: { userId: true } },
} as const;

type WithPeople = { authorId: string; members: { userId: string }[]; panelConflicts: { userId: string }[] };

/** Who carries the proposal and who declared a conflict with it: what the policy reads of its people. */
function peopleOf(proposal: WithPeople) {
  return {
    authorId: proposal.authorId,
    memberIds: proposal.members.map((member) => member.userId),
    declaredConflicts: proposal.panelConflicts.map((conflict) => conflict.userId),
  };
}

function conflictsOf(proposal: WithPeople) {
  const people = peopleOf(proposal);
  return (userId: string) => isConflicted(userId, people);
}

function reviewScores(review: { scores: { criterionId: string; score: number }[] }): Map<string, number> {
  return new Map(review.scores.map((row) => [row.criterionId, row.score]));
}

type Criteria = readonly { id: string; weight: number }[];

/** The policy's view of a proposal for `userId`, from its people and `userId`'s review (if any). */
function proposalFacts(
  criteria: Criteria,
  proposal: WithPeople & { status: string },
  own: { scores: { criterionId: string; score: number }[] } | undefined,
): ProposalFacts {
  return { status: proposal.status, ...peopleOf(proposal), ownReviewComplete: !!own && isComplete(criteria, reviewScores(own)) };
}

/**
 * Everything the panel works with in one read: the reviewable proposals, with every review and
 * who is conflicted. Callers decide what the viewer may see of it.
 */
async function panelWork(db: Db | Tx, roundId: string) {
  const [criteria, members, proposals] = await Promise.all([
    panelCriteria(db, roundId),
    db.panelMember.findMany({
      where: { roundId },
      include: { user: { select: { id: true, name: true } } },
      orderBy: [{ isChair: "desc" }, { isViceChair: "desc" }, { createdAt: "asc" }],
    }),
    db.proposal.findMany({
      where: { roundId, number: { not: null }, OR: [{ status: { in: [...REVIEWABLE_STATUSES, ...AFTER_REVIEW] } }, { panelReviews: { some: {} } }] },
      orderBy: { number: "asc" },
      include: {
        ...proposalPeople,
        texts: { select: { locale: true, title: true } },
        panelReviews: { include: { scores: true } },
      },
    }),
  ]);
  // Only current members' reviews count: someone removed from the panel no longer weighs in.
  const memberIds = new Set(members.map((member) => member.userId));
  const current = proposals.map((proposal) => ({ ...proposal, panelReviews: proposal.panelReviews.filter((review) => memberIds.has(review.userId)) }));
  return { criteria, members, proposals: current };
}

type ReviewedProposal = Awaited<ReturnType<typeof panelWork>>["proposals"][number];

/** The proposal's panel score from its current members' reviews, leaving out conflicted reviewers. */
function countingScore(criteria: Criteria, proposal: ReviewedProposal) {
  const conflicted = conflictsOf(proposal);
  const reviews: MemberReview[] = proposal.panelReviews.map((review) => ({ userId: review.userId, scores: reviewScores(review) }));
  return panelScore(criteria, reviews, new Set(reviews.map((review) => review.userId).filter(conflicted)));
}

/** How many of the current, unconflicted members recommended what. */
function recommendationCounts(proposal: ReviewedProposal) {
  const conflicted = conflictsOf(proposal);
  const counts = { SHORTLIST: 0, REJECT: 0, ABSTAIN: 0 };
  for (const review of proposal.panelReviews) {
    if (review.recommendation && !conflicted(review.userId)) counts[review.recommendation] += 1;
  }
  return counts;
}

export type ReviewState = "conflict" | "complete" | "partial" | "missing";

/**
 * The workspace's rows: each reviewable proposal with the viewer's own state, what the viewer may
 * do with it, and — for those who follow the progress — every member's state and the panel's
 * scores so far where the viewer may read them. Individual scores are never part of this.
 */
function boardRows(relation: PanelRelation, panel: PanelFacts, { criteria, members, proposals }: Awaited<ReturnType<typeof panelWork>>) {
  const overview = panelActions(relation).viewProgress;
  return proposals
    .filter((proposal) => isReviewable(proposal.status))
    .map((proposal) => {
      const conflicted = conflictsOf(proposal);
      const stateOf = (userId: string): ReviewState => {
        if (conflicted(userId)) return "conflict";
        const review = proposal.panelReviews.find((row) => row.userId === userId);
        if (!review) return "missing";
        return isComplete(criteria, reviewScores(review)) ? "complete" : "partial";
      };
      const may = proposalActions(
        relation,
        panel,
        proposalFacts(
          criteria,
          proposal,
          proposal.panelReviews.find((row) => row.userId === relation.userId),
        ),
      );
      const scoresShown = overview && may.readScores;
      const recommendations = recommendationCounts(proposal);
      return {
        id: proposal.id,
        number: proposal.number!,
        status: proposal.status,
        texts: proposal.texts,
        originalLocale: proposal.originalLocale,
        rationale: proposal.panelRationale,
        rationaleLocale: storedLocale(proposal.panelRationaleLocale),
        mine: relation.isMember ? stateOf(relation.userId) : null,
        progress: overview ? members.map((member) => ({ userId: member.userId, state: stateOf(member.userId) })) : null,
        score: scoresShown ? countingScore(criteria, proposal) : null,
        recommendations: scoresShown ? recommendations : null,
        scoreHidden: overview && !may.readScores,
        // Decisions are the panel's in SHORTLIST rounds only.
        decider: panel.mode === "SHORTLIST" ? deciderView(panel, proposal, members) : null,
        may,
      };
    });
}

/**
 * The panel's workspace as the user sees it (members and staff; anyone else is refused): their
 * list, the progress and members for the chair and staff, and what they may do on each row.
 */
export async function panelBoard(db: Db, user: SessionUser, round: { id: string; phase: Phase }) {
  const access = await workspaceAccess(db, user, round.id);
  if (!access.ok) return access;
  const { relation } = access;
  const [settings, work] = await Promise.all([panelSettings(db, round.id), panelWork(db, round.id)]);
  const may = panelActions(relation);
  return {
    ok: true as const,
    relation,
    may,
    mode: settings.mode,
    namePublic: work.members.find((member) => member.userId === relation.userId)?.namePublic ?? false,
    criteria: work.criteria,
    members: may.viewProgress
      ? work.members.map((member) => ({ userId: member.userId, name: member.user.name, isChair: member.isChair, isViceChair: member.isViceChair }))
      : [],
    rows: boardRows(relation, { phase: round.phase, mode: settings.mode, ...seatsOf(work.members) }, work),
  };
}

/**
 * The one gate in front of every form about one proposal, for reading and for saving: the
 * policy's answer for `action`, from the user's relation to this round's panel, the round, and the
 * proposal — a proposal of another round is unknown here, as membership is per round.
 */
async function proposalAccess(db: Db | Tx, user: SessionUser, roundId: string, proposalId: string, action: ReviewAction) {
  const [relation, panel, criteria, found] = await Promise.all([
    panelRelation(db, user, roundId),
    panelFacts(db, roundId),
    panelCriteria(db, roundId),
    db.proposal.findUnique({
      where: { id: proposalId },
      include: {
        ...proposalPeople,
        texts: { select: { locale: true, title: true, summary: true } },
        panelReviews: { where: { userId: user.id }, include: { scores: true } },
      },
    }),
  ]);
  const proposal = found?.roundId === roundId ? found : null;
  const facts = proposal ? proposalFacts(criteria, proposal, proposal.panelReviews[0]) : null;
  const allowed = decideOnProposal(relation, action, panel, facts);
  if (!allowed.ok) return allowed;
  // Allowed: the policy found the round and the proposal.
  return { ok: true as const, relation, panel: panel!, proposal: proposal!, facts: facts!, criteria };
}

/** The scoring form: the member's own review, the others' scores where they may read them, and what the sheet offers. */
export async function reviewSheet(db: Db, user: SessionUser, roundId: string, proposalId: string) {
  const access = await proposalAccess(db, user, roundId, proposalId, "review");
  if (!access.ok) return access;
  const { relation, panel, proposal, facts, criteria } = access;
  const [settings, reviews, seats] = await Promise.all([
    panelSettings(db, roundId),
    db.panelReview.findMany({
      where: { proposalId, user: { panelSeats: { some: { roundId } } } },
      include: { scores: true, user: { select: { name: true } } },
    }),
    db.panelMember.findMany({
      where: { roundId, OR: [{ isChair: true }, { isViceChair: true }] },
      select: { userId: true, user: { select: { name: true } } },
    }),
  ]);
  const may = proposalActions(relation, panel, facts);
  const mine = reviews.find((review) => review.userId === user.id) ?? null;
  const conflicted = conflictsOf(proposal);
  const others = may.readScores
    ? reviews
        .filter((review) => review.userId !== user.id && !conflicted(review.userId))
        .map((review) => {
          const scores = reviewScores(review);
          return {
            name: review.user.name,
            scores: Object.fromEntries(scores),
            score: memberScore(criteria, scores),
            recommendation: review.recommendation,
            comment: review.comment,
          };
        })
    : null;
  return {
    ok: true as const,
    proposal: { id: proposal.id, number: proposal.number, status: proposal.status, originalLocale: proposal.originalLocale, texts: proposal.texts },
    settings,
    criteria,
    may,
    decider: panel.mode === "SHORTLIST" ? deciderView(panel, proposal, seats) : null,
    mine: mine
      ? {
          scores: Object.fromEntries(reviewScores(mine)),
          comment: mine.comment,
          recommendation: mine.recommendation ?? "",
          complete: facts.ownReviewComplete,
          score: memberScore(criteria, reviewScores(mine)),
        }
      : null,
    others,
  };
}

/** Saves (or revises) a member's review; a half-done review is kept and counts once complete. */
export async function saveReview(db: Db, user: SessionUser, roundId: string, proposalId: string, input: ReviewInput): Promise<Result<{ complete: boolean }>> {
  return db.$transaction(async (tx) => {
    const access = await proposalAccess(tx, user, roundId, proposalId, "review");
    if (!access.ok) return access;
    const { criteria } = access;
    const settings = await panelSettings(tx, roundId);
    const scores = criteria
      .map((criterion) => ({ criterionId: criterion.id, score: input.scores[criterion.id] }))
      .filter((row): row is { criterionId: string; score: number } => typeof row.score === "number");
    // The schema checked the scale the form was built with; the scale in force decides.
    if (scores.some((row) => row.score < settings.scaleMin || row.score > settings.scaleMax)) {
      return fieldsRefused(Object.fromEntries(scores.map((row) => [`scores.${row.criterionId}`, "panel:validation.scoreRange"])));
    }
    const data = { comment: input.comment, recommendation: input.recommendation || null };
    const review = await tx.panelReview.upsert({
      where: { proposalId_userId: { proposalId, userId: user.id } },
      create: { proposalId, userId: user.id, ...data },
      update: data,
    });
    await tx.panelScore.deleteMany({ where: { reviewId: review.id } });
    if (scores.length) await tx.panelScore.createMany({ data: scores.map((row) => ({ reviewId: review.id, ...row })) });
    const complete = isComplete(criteria, new Map(scores.map((row) => [row.criterionId, row.score])));
    // Scores stay out of the audit log: who reviewed what is logged, not how they scored.
    await recordAudit(tx, { actorId: user.id, action: "panel.review", entityId: proposalId, details: { complete } });
    return { ok: true, complete } as const;
  });
}

/** A member declares a conflict of interest; it is final, and their review of it never counts. */
export async function declareConflict(db: Db, user: SessionUser, roundId: string, proposalId: string, reason: string): Promise<Result> {
  return db.$transaction(async (tx) => {
    const access = await proposalAccess(tx, user, roundId, proposalId, "declareConflict");
    if (!access.ok) return access;
    await tx.panelConflict.create({ data: { proposalId, userId: user.id, reason } });
    await recordAudit(tx, { actorId: user.id, action: "panel.conflict", entityId: proposalId, details: { reason } });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Decisions (SHORTLIST rounds)

/** The decision page: the proposal's row of the workspace, for the chair or staff while they may decide. */
export async function decisionSheet(db: Db, user: SessionUser, roundId: string, proposalId: string) {
  const access = await proposalAccess(db, user, roundId, proposalId, "decide");
  if (!access.ok) return access;
  const row = boardRows(access.relation, access.panel, await panelWork(db, roundId)).find((candidate) => candidate.id === proposalId);
  // Only a proposal without a public number is reviewable and not on the workspace.
  return row ? { ok: true as const, row } : refused(404, "panel:errors.unknownProposal");
}

/**
 * The chair or staff shortlist or reject a reviewed proposal with a public rationale, during REVIEW;
 * a decision may be changed until REVIEW ends. The authors are told by email in their language.
 */
export async function recordDecision(
  db: Db,
  user: SessionUser,
  roundId: string,
  input: { proposalId: string; decision: PanelDecision; rationale: string; textLocale: Locale },
  baseUrl: string,
): Promise<Result> {
  const decided = await db.$transaction(async (tx) => {
    const access = await proposalAccess(tx, user, roundId, input.proposalId, "decide");
    if (!access.ok) return access;
    const { proposal } = access;
    const moved = await moveProposal(tx, proposal.id, {
      from: proposal.status,
      to: input.decision,
      note: input.rationale,
      noteLocale: input.textLocale,
      data: { panelRationale: input.rationale, panelRationaleLocale: input.textLocale },
    });
    if (!moved) return refused(409, "proposals:errors.stale");
    await recordAudit(tx, {
      actorId: user.id,
      action: "panel.decision",
      entityId: proposal.id,
      details: { decision: input.decision, rationale: input.rationale },
    });
    // Everyone following the proposal (its carriers among them) is told, as each of them chose.
    await notifyAboutProposal(tx, {
      proposalId: proposal.id,
      kind: "panel-decision",
      to: "audience",
      namespace: "panel",
      baseUrl,
      compose: (t, { name, title, number, link }) => ({
        subject: t(`email.decision.${input.decision}.subject`, { number }),
        text: t(`email.decision.${input.decision}.body`, { name, title, rationale: input.rationale, link }),
      }),
    });
    return { ok: true } as const;
  });
  if (!decided.ok) return decided;
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Public

/** The report never shows an aggregate of a single review: it would be that member's score. */
export const MIN_PUBLIC_REVIEWS = 2;

/** The panel score of every reviewed proposal of a round (null: no counting review), for the tally. */
export async function panelScoresOf(db: Db | Tx, roundId: string): Promise<Map<string, Rational | null>> {
  const { criteria, proposals } = await panelWork(db, roundId);
  return new Map(proposals.map((proposal) => [proposal.id, countingScore(criteria, proposal).score]));
}

/**
 * The reviews summed up for staff (their CSV): per proposal the counting reviews, the mean score (withheld
 * where one review alone would give a member's own score away, as in the public report) and how many
 * members recommended what. Never an individual review.
 */
export async function reviewSummary(db: Db, roundId: string) {
  const { criteria, proposals } = await panelWork(db, roundId);
  return proposals.map((proposal) => {
    const { score, counted } = countingScore(criteria, proposal);
    return {
      number: proposal.number!,
      status: proposal.status,
      texts: proposal.texts,
      originalLocale: proposal.originalLocale,
      counted,
      score: counted >= MIN_PUBLIC_REVIEWS ? score : null,
      recommendations: recommendationCounts(proposal),
      rationale: proposal.panelRationale,
    };
  });
}

/**
 * The public panel report: named members (those who agreed), criteria and weights, each decision
 * with its rationale, and aggregate scores once REVIEW is over. Never an individual score.
 */
/** A round has a panel once staff appointed a member: before that there is no panel to report on. */
export async function hasPanel(db: Db, roundId: string): Promise<boolean> {
  return (await db.panelMember.count({ where: { roundId } })) > 0;
}

export async function panelReport(db: Db, roundId: string, options: { withScores: boolean }) {
  const [settings, { criteria, members, proposals }] = await Promise.all([panelSettings(db, roundId), panelWork(db, roundId)]);
  const rows = proposals.map((proposal) => {
    const { score, counted } = countingScore(criteria, proposal);
    return {
      id: proposal.id,
      number: proposal.number!,
      status: proposal.status,
      texts: proposal.texts,
      originalLocale: proposal.originalLocale,
      rationale: proposal.panelRationale,
      rationaleLocale: storedLocale(proposal.panelRationaleLocale),
      // One counting review would publish that member's own score: it is withheld.
      score: options.withScores && counted >= MIN_PUBLIC_REVIEWS ? score : null,
      counted: options.withScores ? counted : null,
    };
  });
  return {
    settings,
    criteria,
    memberCount: members.length,
    namedMembers: members.filter((member) => member.namePublic).map((member) => ({ name: member.user.name, isChair: member.isChair })),
    rows,
  };
}

/** Deletes panel invitations, accepted or not, once their link expired a day ago (with the other expired rows). */
export async function prunePanelInvites(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.panelInvite.deleteMany({ where: { createdAt: { lte: keptSince("invitations", now) } } });
  return count;
}
