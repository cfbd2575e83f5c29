import { recordAudit } from "~/audit/audit.server";
import { acceptsProposals } from "~/rounds/phases";
import type { SessionUser } from "~/auth/session.server";
import { generateToken, hashToken, isPlausibleToken } from "~/kernel/tokens";
import type { Db, Prisma, Tx } from "~/db.server";
import type { TFunction } from "i18next";
import { isLocale, storedLocale, type Locale, type Namespace } from "~/i18n/config";
import { parseTranslations } from "~/i18n/content";
import { fixedT } from "~/i18n/i18n.server";
import { queueMail } from "~/mail/outbox.server";
import { formatDateTime } from "~/i18n/format";
import { keptSince } from "~/privacy/retention";
import { allowedActions, decide, mayView, relationTo, type ProposalAction, type ProposalFacts } from "./policy";
import { parsePolygon } from "~/kernel/geo";
import type { ProposalStatus, Verdict } from "./lifecycle";
import { moveProposal } from "./status.server";
import { notifyAboutProposal } from "~/notifications/about-proposals.server";
import { followProposalAutomatically } from "~/notifications/follows.server";
import { totalOf } from "./rules";
import { filledCostLines, type ProposalInput } from "./schema";
import { searchTextOf } from "~/kernel/text";
import { saveProblems, submissionProblems, type RoundContext } from "./submission";
import { isUniqueViolation } from "~/kernel/db-errors";
import { fieldRefused, fieldsRefused, refused, refusedOnRollBack, rollBack, type Refused, type Result } from "~/kernel/result";

/** The round as the proposal rules see it, or null for an unknown round. */
export async function roundContext(db: Db | Tx, roundId: string) {
  const round = await db.budgetRound.findUnique({
    where: { id: roundId },
    include: { categories: { orderBy: { position: "asc" } }, neighbourhood: true, translations: true },
  });
  if (!round) return null;
  const context: RoundContext = {
    rules: {
      budgetCents: round.budgetCents,
      minAmountCents: round.minAmountCents,
      maxAmountCents: round.maxAmountCents,
      maxSharePercent: round.maxSharePercent,
    },
    categoryIds: round.categories.map((category) => category.id),
    organisationsMaySubmit: round.organisationsMaySubmit,
    boundary: parsePolygon(round.neighbourhood.boundary),
  };
  return { round, context };
}

/** What a saved change tells the caller: the proposal, its public number (none while a draft) and its status. */
type SavedProposal = { id: string; number: number | null; status: ProposalStatus };

function textRows(input: ProposalInput) {
  return { title: input.title, summary: input.summary, description: input.description };
}

function proposalData(input: ProposalInput) {
  const lines = filledCostLines(input);
  return {
    lines,
    fields: {
      originalLocale: input.originalLocale,
      categoryId: input.categoryId,
      requestedCents: totalOf(lines),
      locationText: input.locationText,
      latitude: input.latitude,
      longitude: input.longitude,
      carrier: input.carrier,
      carrierNames: input.carrierNames,
      organisationName: input.carrier === "ORGANISATION" ? input.organisationName : "",
    },
  };
}

/** The next public number in a round; the unique index on (roundId, number) guards races. */
async function nextNumber(tx: Tx, roundId: string): Promise<number> {
  const { _max } = await tx.proposal.aggregate({ where: { roundId }, _max: { number: true } });
  return (_max.number ?? 0) + 1;
}

async function refreshSearchText(tx: Tx, proposalId: string) {
  const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, include: { texts: true } });
  await tx.proposal.update({ where: { id: proposalId }, data: { searchText: searchTextOf(proposal.number, proposal.texts) } });
}

/** Runs a transaction that may lose the race for a public number, retrying a few times. */
async function withNumberRetry<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(run);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** A new proposal by a resident in a round that is open for submissions: saved as a draft, or submitted at once. */
export async function createProposal(
  db: Db,
  user: SessionUser,
  roundId: string,
  input: ProposalInput,
  options: { submit: boolean },
): Promise<Result<SavedProposal>> {
  const found = await roundContext(db, roundId);
  if (!found || found.round.phase === "DRAFT") return refused(404, "proposals:errors.roundUnknown");
  if (!acceptsProposals(found.round.phase)) return refused(409, "proposals:errors.submissionClosed");
  const errors = options.submit ? submissionProblems(input, found.context) : saveProblems(input, found.context);
  if (Object.keys(errors).length) return fieldsRefused(errors);
  const { lines, fields } = proposalData(input);
  return withNumberRetry(db, async (tx) => {
    const number = options.submit ? await nextNumber(tx, roundId) : null;
    const status: ProposalStatus = options.submit ? "SUBMITTED" : "DRAFT";
    const proposal = await tx.proposal.create({
      data: {
        ...fields,
        roundId,
        authorId: user.id,
        number,
        status,
        submittedAt: options.submit ? new Date() : null,
        texts: { create: { locale: input.originalLocale, ...textRows(input) } },
        costLines: { create: lines.map((line, position) => ({ ...line, position })) },
        events: { create: options.submit ? [{ status: "DRAFT" }, { status: "SUBMITTED" }] : [{ status: "DRAFT" }] },
      },
    });
    await refreshSearchText(tx, proposal.id);
    await followProposalAutomatically(tx, user.id, proposal.id);
    return { ok: true, id: proposal.id, number, status } as const;
  });
}

/** What the policy reads of a proposal loaded with its members and its round. */
export function factsOf(proposal: {
  authorId: string;
  members: { userId: string }[];
  status: ProposalStatus;
  changesDeadline: Date | null;
  hiddenAt: Date | null;
  round: { phase: ProposalFacts["phase"]; teamsMayCreateEvents: boolean };
}): ProposalFacts {
  return {
    authorId: proposal.authorId,
    memberIds: proposal.members.map((member) => member.userId),
    status: proposal.status,
    changesDeadline: proposal.changesDeadline,
    phase: proposal.round.phase,
    teamsMayCreateEvents: proposal.round.teamsMayCreateEvents,
    hidden: proposal.hiddenAt !== null,
  };
}

/**
 * The proposal (with its members and round) when `user` may do `action` with it now (policy.ts),
 * otherwise the policy's refusal: 404 unknown or not theirs to see, 403 not theirs to do, 409 not now.
 */
export async function proposalFor(db: Db | Tx, user: SessionUser, proposalId: string, action: ProposalAction) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    include: { members: true, round: { select: { phase: true, teamsMayCreateEvents: true, neighbourhoodId: true } } },
  });
  if (!proposal) return refused(404, "proposals:errors.unknown");
  const decision = decide(user, factsOf(proposal), action, new Date());
  return decision.ok ? ({ ok: true, proposal, relation: decision.relation } as const) : decision;
}

/**
 * Saves changes by an author, a linked co-proposer or staff, while the lifecycle allows editing;
 * with `submit`, also submits a draft or resubmits after requested changes.
 */
export async function updateProposal(
  db: Db,
  user: SessionUser,
  proposalId: string,
  input: ProposalInput,
  options: { submit: boolean },
): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, options.submit ? "submit" : "edit");
  if (!allowed.ok) return allowed;
  const { proposal: existing, relation } = allowed;
  const found = (await roundContext(db, existing.roundId))!;
  // Only a draft may be incomplete: a public proposal stays complete and within the rules on every save.
  const complete = options.submit || existing.status !== "DRAFT";
  const errors = complete ? submissionProblems(input, found.context) : saveProblems(input, found.context);
  if (Object.keys(errors).length) return fieldsRefused(errors);
  const { lines, fields } = proposalData(input);

  return refusedOnRollBack(() =>
    withNumberRetry(db, async (tx) => {
      const current = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId } });
      if (current.status !== existing.status) return refused(409, "proposals:errors.stale");
      const submitting = options.submit;
      const number = submitting && current.number === null ? await nextNumber(tx, current.roundId) : current.number;
      const status: ProposalStatus = submitting ? "SUBMITTED" : current.status;
      await tx.proposal.update({ where: { id: proposalId }, data: { ...fields, number } });
      const move = { from: current.status, to: "SUBMITTED", data: { submittedAt: new Date(), changesDeadline: null } } as const;
      // A withdrawal or a verdict since the read above: nothing of this save is kept.
      if (submitting && !(await moveProposal(tx, proposalId, move))) rollBack(refused(409, "proposals:errors.stale"));
      // The original text is replaced; when the original language changes, the old original stays as a translation.
      await tx.proposalText.upsert({
        where: { proposalId_locale: { proposalId, locale: input.originalLocale } },
        create: { proposalId, locale: input.originalLocale, ...textRows(input) },
        update: textRows(input),
      });
      // A line whose original label is unchanged keeps its translations; a changed label has none yet.
      const translated = new Map((await tx.costLine.findMany({ where: { proposalId } })).map((line) => [line.label, line.labels]));
      await tx.costLine.deleteMany({ where: { proposalId } });
      await tx.costLine.createMany({
        data: lines.map((line, position) => ({ ...line, position, proposalId, labels: translated.get(line.label) ?? "{}" })),
      });
      await refreshSearchText(tx, proposalId);
      if (relation === "staff") {
        await recordAudit(tx, { actorId: user.id, action: "proposal.edit", entityId: proposalId, details: { submitted: submitting } });
      }
      return { ok: true, id: proposalId, number, status } as const;
    }),
  );
}

export async function withdrawProposal(db: Db, user: SessionUser, proposalId: string): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, "withdraw");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  const withdrawn = await db.$transaction(async (tx) => {
    if (!(await moveProposal(tx, proposalId, { from: existing.status, to: "WITHDRAWN" }))) return false;
    await recordAudit(tx, { actorId: user.id, action: "proposal.withdraw", entityId: proposalId, details: { from: existing.status } });
    return true;
  });
  if (!withdrawn) return refused(409, "proposals:errors.stale");
  return { ok: true, id: proposalId, number: existing.number, status: "WITHDRAWN" };
}

const detailInclude = {
  texts: true,
  costLines: { orderBy: { position: "asc" } },
  photos: { orderBy: { position: "asc" } },
  events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
  members: { include: { user: { select: { id: true, name: true } } } },
  invites: { where: { acceptedAt: null }, select: { id: true, email: true, createdAt: true } },
  author: { select: { id: true, name: true } },
  coach: { select: { id: true, name: true } },
  category: true,
  coachNotes: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
  round: {
    include: {
      translations: true,
      neighbourhood: { select: { name: true, slug: true, city: true, boundary: true } },
      categories: { orderBy: { position: "asc" } },
    },
  },
} satisfies Prisma.ProposalInclude;

/** A proposal as this user may see it (null when unknown or a draft of someone else), with what they may do. */
export async function proposalForViewer(db: Db, user: SessionUser | null, proposalId: string) {
  const proposal = await db.proposal.findUnique({ where: { id: proposalId }, include: detailInclude });
  if (!proposal) return null;
  const facts = factsOf(proposal);
  if (!mayView(user, facts)) return null;
  const relation = relationTo(user, facts);
  const insider = relation !== null;
  const { searchText: _searchText, ...visible } = proposal;
  // Everyone else sees only what is public: no account ids, coaching, invitations, or the note
  // sent with a change request (an inadmissibility reason is public).
  const shown = insider
    ? visible
    : {
        ...visible,
        authorId: "",
        author: { id: "", name: proposal.author.name },
        members: proposal.members.map((member) => ({ ...member, userId: "", user: { id: "", name: member.user.name } })),
        coachId: null,
        coach: null,
        coachNotes: [],
        invites: [],
        verdictNote: proposal.status === "INADMISSIBLE" ? proposal.verdictNote : "",
        changesDeadline: null,
      };
  return {
    proposal: {
      ...shown,
      verdictNoteLocale: shown.verdictNote ? storedLocale(shown.verdictNoteLocale) : null,
      panelRationaleLocale: storedLocale(shown.panelRationaleLocale),
      withdrawnReasonLocale: storedLocale(shown.withdrawnReasonLocale),
      events: shown.events.map((event) => ({ ...event, noteLocale: storedLocale(event.noteLocale) })),
    },
    relation,
    may: allowedActions(user, facts, new Date()),
  };
}

export type ProposalSort = "newest" | "amount";

export async function listRoundProposals(
  db: Db,
  roundId: string,
  filter: { categoryId?: string | null; status?: ProposalStatus | null; query?: string; sort: ProposalSort },
) {
  // LIKE wildcards typed in the search box are searched as nothing, not as "anything".
  const query = filter.query?.replace(/[%_\\]/g, "").trim();
  const proposals = await db.proposal.findMany({
    where: {
      roundId,
      status: filter.status ? filter.status : { notIn: ["DRAFT"] },
      ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
      // A hidden proposal's words are not searchable (decision 0036): a match would tell what it said.
      ...(query ? { searchText: { contains: query }, hiddenAt: null } : {}),
    },
    orderBy: [{ submittedAt: "desc" }, { number: "desc" }],
    // What a card shows, no more: the list's data goes into every page as JSON (descriptions made a
    // list of 134 proposals several times heavier to encode and to send).
    select: {
      id: true,
      number: true,
      status: true,
      originalLocale: true,
      requestedCents: true,
      cityCostCents: true,
      texts: { select: { locale: true, title: true, summary: true } },
      category: { select: { names: true } },
      hiddenAt: true,
    },
    take: 500,
  });
  // Hidden by moderation (decision 0036): listed by number, without its texts.
  for (const proposal of proposals) if (proposal.hiddenAt) proposal.texts = [];
  if (filter.sort !== "amount") return proposals;
  // By the amount that counts: the city's checked cost where there is one, else the request.
  const amount = (proposal: (typeof proposals)[number]) => proposal.cityCostCents ?? proposal.requestedCents;
  return proposals.sort((a, b) => amount(b) - amount(a) || (a.number ?? 0) - (b.number ?? 0));
}

/** Proposals the user wrote or co-carries, drafts included. */
export async function myProposals(db: Db, userId: string) {
  return db.proposal.findMany({
    where: { OR: [{ authorId: userId }, { members: { some: { userId } } }] },
    orderBy: { updatedAt: "desc" },
    include: { texts: true, round: { include: { translations: true, neighbourhood: { select: { name: true } } } } },
  });
}

export async function addTranslation(
  db: Db,
  user: SessionUser,
  proposalId: string,
  input: { locale: Locale; title: string; summary: string; description: string; costLabels?: Record<string, string> },
): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, "translate");
  if (!allowed.ok) return allowed;
  const { proposal: existing, relation } = allowed;
  if (input.locale === existing.originalLocale) return fieldRefused("locale", "proposal-form:validation.translationIsOriginal");
  await db.$transaction(async (tx) => {
    const text = { title: input.title, summary: input.summary, description: input.description };
    await tx.proposalText.upsert({
      where: { proposalId_locale: { proposalId, locale: input.locale } },
      create: { proposalId, locale: input.locale, ...text },
      update: text,
    });
    // The form is the whole translation: a cost line left empty (or not in the form) has none in this language.
    for (const line of await tx.costLine.findMany({ where: { proposalId } })) {
      const labels = parseTranslations(line.labels);
      const label = input.costLabels?.[line.id];
      if (label) labels[input.locale] = label;
      else delete labels[input.locale];
      const json = JSON.stringify(labels);
      if (json !== line.labels) await tx.costLine.update({ where: { id: line.id }, data: { labels: json } });
    }
    await refreshSearchText(tx, proposalId);
    if (relation === "staff") {
      await recordAudit(tx, { actorId: user.id, action: "proposal.translate", entityId: proposalId, details: { locale: input.locale } });
    }
  });
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

export function localeOf(saved: string | null): Locale {
  return isLocale(saved) ? saved : "nl";
}

/**
 * Mails everyone who carries the proposal, each in their own language, with the proposal's title
 * in that language when it has one. Queued in `tx`, the transaction of the change it tells about.
 */
export async function mailCarriers(
  tx: Tx,
  proposalId: string,
  namespace: Namespace,
  compose: (t: TFunction, context: { name: string; title: string; number: number | null; locale: Locale }) => { subject: string; text: string },
): Promise<void> {
  const { proposal, people } = await carriers(tx, proposalId);
  for (const person of people) {
    const locale = localeOf(person.locale);
    const t = await fixedT(locale, namespace);
    const text = proposal.texts.find((row) => row.locale === locale) ?? proposal.texts.find((row) => row.locale === proposal.originalLocale);
    await queueMail(tx, { to: person.email, locale, ...compose(t, { name: person.name, title: text?.title ?? "", number: proposal.number, locale }) });
  }
}

/** Everyone who carries the proposal with an account: the author and linked co-proposers. */
async function carriers(db: Db | Tx, proposalId: string) {
  const proposal = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    include: { author: true, members: { include: { user: true } }, texts: true },
  });
  return { proposal, people: [proposal.author, ...proposal.members.map((member) => member.user)] };
}

/**
 * Staff's feasibility verdict: ADMISSIBLE (optionally with the city's checked cost), INADMISSIBLE
 * with a public reason, or CHANGES_REQUESTED with a note and a deadline. Audit-logged; the authors
 * are told by email in their own language.
 */
export async function recordVerdict(
  db: Db,
  staff: SessionUser,
  proposalId: string,
  verdict: { verdict: Verdict; note: string; textLocale: Locale; cityCostCents: number | null; deadline: Date | null },
  baseUrl: string,
): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, staff, proposalId, "verdict");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  if (verdict.verdict === "CHANGES_REQUESTED" && (!verdict.deadline || verdict.deadline <= new Date())) {
    return fieldRefused("deadline", "proposal-form:validation.deadlinePast");
  }
  const recorded = await db.$transaction(async (tx) => {
    const moved = await moveProposal(tx, proposalId, {
      from: existing.status,
      to: verdict.verdict,
      // An inadmissibility reason is public; a note with requested changes is for the authors only.
      note: verdict.verdict === "INADMISSIBLE" ? verdict.note : "",
      noteLocale: verdict.textLocale,
      data: {
        verdictNote: verdict.note,
        verdictNoteLocale: verdict.note ? verdict.textLocale : null,
        cityCostCents: verdict.verdict === "ADMISSIBLE" ? verdict.cityCostCents : null,
        changesDeadline: verdict.verdict === "CHANGES_REQUESTED" ? verdict.deadline : null,
      },
    });
    // Another verdict or a withdrawal got there first.
    if (!moved) return false;
    await recordAudit(tx, {
      actorId: staff.id,
      action: "proposal.verdict",
      entityId: proposalId,
      details: { verdict: verdict.verdict, note: verdict.note, cityCostCents: verdict.cityCostCents, deadline: verdict.deadline },
    });
    await notifyAboutProposal(tx, {
      proposalId,
      kind: verdict.verdict === "CHANGES_REQUESTED" ? "changes-requested" : "feasibility-verdict",
      to: "carriers",
      namespace: "proposals",
      baseUrl,
      compose: (t, { name, title, number, locale, link }) => ({
        subject: t(`email.verdict.${verdict.verdict}.subject`, { number }),
        text: t(`email.verdict.${verdict.verdict}.body`, {
          name,
          title,
          number,
          note: verdict.note,
          deadline: verdict.deadline ? formatDateTime(verdict.deadline, locale) : "",
          link,
        }),
      }),
    });
    return true;
  });
  if (!recorded) return refused(409, "proposals:errors.stale");
  return { ok: true, id: proposalId, number: existing.number, status: verdict.verdict };
}

export async function assignCoach(db: Db, staff: SessionUser, proposalId: string, coachId: string | null): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, staff, proposalId, "coach");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  if (coachId) {
    const coach = await db.user.findUnique({ where: { id: coachId } });
    if (!coach || coach.role === "RESIDENT" || coach.deactivatedAt) return fieldRefused("coachId", "validation.choice");
  }
  await db.$transaction(async (tx) => {
    await tx.proposal.update({ where: { id: proposalId }, data: { coachId } });
    await recordAudit(tx, { actorId: staff.id, action: "proposal.coach", entityId: proposalId, details: { coachId } });
  });
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

export async function addCoachNote(db: Db, staff: SessionUser, proposalId: string, body: string): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, staff, proposalId, "coach");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  await db.$transaction(async (tx) => {
    const note = await tx.coachNote.create({ data: { proposalId, authorId: staff.id, body } });
    await recordAudit(tx, { actorId: staff.id, action: "proposal.coach-note", entityId: proposalId, details: { noteId: note.id } });
  });
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

export async function staffMembers(db: Db) {
  // A deactivated account (someone who left) coaches nobody new.
  return db.user.findMany({ where: { role: { in: ["STAFF", "ADMIN"] }, deactivatedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Submitted proposals waiting for a feasibility verdict at `now`, oldest first (changes asked for and overdue among them). */
export async function feasibilityQueue(db: Db, now = new Date()) {
  return db.proposal.findMany({
    where: {
      round: { phase: { in: ["SUBMISSION", "REVIEW"] } },
      OR: [{ status: "SUBMITTED" }, { status: "CHANGES_REQUESTED", changesDeadline: { lte: now } }],
    },
    orderBy: { submittedAt: "asc" },
    include: { texts: true, round: { include: { translations: true, neighbourhood: { select: { name: true } } } } },
  });
}

/**
 * Invites someone by email to co-carry the proposal. The link is sent whether or not the address
 * has an account (nothing tells the inviter which); opening it while logged in links the account.
 */
export async function inviteCoProposer(db: Db, user: SessionUser, proposalId: string, email: string, baseUrl: string): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, "invite");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  const token = generateToken();
  await db.$transaction(async (tx) => {
    const invite = await tx.proposalInvite.create({ data: { id: hashToken(token), proposalId, email } });
    await recordAudit(tx, { actorId: user.id, action: "proposal.invite", entityId: proposalId, details: { inviteId: invite.id } });
    const invited = await tx.user.findUnique({ where: { email } });
    const locale = localeOf(invited?.locale ?? user.locale);
    const t = await fixedT(locale, "proposals");
    const { proposal } = await carriers(tx, proposalId);
    const text = proposal.texts.find((row) => row.locale === proposal.originalLocale);
    await queueMail(tx, {
      to: email,
      locale,
      subject: t("email.invite.subject", { inviter: user.name }),
      text: t("email.invite.body", { inviter: user.name, title: text?.title ?? "", link: `${baseUrl}/invites/${token}` }),
    });
  });
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

/** The people carrying a proposal may withdraw an invitation nobody has accepted yet. */
export async function revokeInvite(db: Db, user: SessionUser, proposalId: string, inviteId: string): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, "revokeInvite");
  if (!allowed.ok) return allowed;
  const existing = allowed.proposal;
  const removed = await db.$transaction(async (tx) => {
    const deleted = await tx.proposalInvite.deleteMany({ where: { id: inviteId, proposalId, acceptedAt: null } });
    if (deleted.count === 1) await recordAudit(tx, { actorId: user.id, action: "proposal.invite-revoke", entityId: proposalId, details: { inviteId } });
    return deleted.count;
  });
  if (removed !== 1) return refused(404, "proposals:errors.inviteGone");
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

/**
 * The author removes a co-proposer, or a co-proposer leaves; only while the proposal can be edited,
 * so nobody can step off a proposal during review to judge it on the wijkpanel.
 */
export async function removeCoProposer(db: Db, user: SessionUser, proposalId: string, memberId: string): Promise<Result<SavedProposal>> {
  const allowed = await proposalFor(db, user, proposalId, "editPeople");
  if (!allowed.ok) return allowed;
  const { proposal: existing, relation } = allowed;
  // The author removes anyone; a co-proposer only themselves (leaving).
  if (relation !== "author" && memberId !== user.id) return refused(403, "proposals:errors.notYours");
  const removed = await db.$transaction(async (tx) => {
    const deleted = await tx.proposalMember.deleteMany({ where: { proposalId, userId: memberId } });
    if (deleted.count === 1) await recordAudit(tx, { actorId: user.id, action: "proposal.member-remove", entityId: proposalId, details: { userId: memberId } });
    return deleted.count;
  });
  if (removed !== 1) return refused(404, "proposals:errors.memberGone");
  return { ok: true, id: proposalId, number: existing.number, status: existing.status };
}

export const INVITE_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** Deletes co-proposer invitations, accepted or not, once their link expired a day ago (with the other expired rows). */
export async function pruneProposalInvites(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.proposalInvite.deleteMany({ where: { createdAt: { lte: keptSince("invitations", now) } } });
  return count;
}

/** A refused invitation, with why: the invitation page words each problem. */
type InviteRefused = Refused & { problem: "invalid" | "otherEmail" };
type InviteCheck = { ok: true; proposalId: string } | InviteRefused;

/** Used, expired, revoked or never sent: 410 Gone. */
const invalidInvite = (): InviteRefused => ({ ...refused(410, "proposals:invite.invalid"), problem: "invalid" });

/** Whether this user may accept the invitation: unused, not older than two weeks, and sent to their address. */
export async function checkInvite(db: Db | Tx, user: SessionUser, token: string): Promise<InviteCheck> {
  if (!isPlausibleToken(token)) return invalidInvite();
  const invite = await db.proposalInvite.findUnique({ where: { id: hashToken(token) } });
  if (!invite || invite.acceptedAt || invite.createdAt.getTime() + INVITE_LIFETIME_MS < Date.now()) return invalidInvite();
  if (invite.email !== user.email) return { ...refused(403, "proposals:invite.otherEmail"), problem: "otherEmail" };
  return { ok: true, proposalId: invite.proposalId };
}

/** Links the logged-in user to the proposal of a valid invitation (see checkInvite). */
export async function acceptInvite(db: Db, user: SessionUser, token: string): Promise<InviteCheck> {
  return db.$transaction(async (tx) => {
    const check = await checkInvite(tx, user, token);
    if (!check.ok) return check;
    const used = await tx.proposalInvite.updateMany({ where: { id: hashToken(token), acceptedAt: null }, data: { acceptedAt: new Date() } });
    // Another acceptance got there first; nothing was written, so there is nothing to roll back.
    if (used.count !== 1) return invalidInvite();
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: check.proposalId } });
    if (proposal.authorId !== user.id) {
      await tx.proposalMember.upsert({
        where: { proposalId_userId: { proposalId: proposal.id, userId: user.id } },
        create: { proposalId: proposal.id, userId: user.id },
        update: {},
      });
      await recordAudit(tx, { actorId: user.id, action: "proposal.member-join", entityId: proposal.id });
      await followProposalAutomatically(tx, user.id, proposal.id);
    }
    return check;
  });
}
