import { changesOf } from "~/audit/actions";
import { recordAudit } from "~/audit/audit.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import type { Db, Tx } from "~/db.server";
import { isLocale, type Locale } from "~/i18n/config";
import { filledTranslations } from "~/i18n/content";
import { fixedT } from "~/i18n/i18n.server";
import { queueMail } from "~/mail/outbox.server";
import { notify as notifyAccounts } from "~/notifications/notify.server";
import { formatDateTime } from "~/i18n/format";
import { keptSince } from "~/privacy/retention";
import { actorOf, allowedActions, decide } from "./policy";
import { pendingUntil, rsvpLinkState, waitingPosition } from "./rsvp";
import type { EventInput } from "./schema";
import type { SessionUser } from "~/auth/session.server";
import { proposalFor } from "~/proposals/proposals.server";
import { isUniqueViolation } from "~/kernel/db-errors";
import { fieldRefused, refused, type Refused, type Result } from "~/kernel/result";

/** Generous waits: fifty people may answer the same event at once. */
const BUSY = { maxWait: 20_000, timeout: 20_000 };

const eventInclude = {
  texts: true,
  neighbourhood: { select: { id: true, name: true, slug: true, city: true } },
  round: { select: { id: true, originalLocale: true, translations: true } },
  proposal: { select: { id: true, number: true, originalLocale: true, texts: true } },
} as const;

function eventData(input: EventInput) {
  return {
    neighbourhoodId: input.neighbourhoodId,
    originalLocale: input.originalLocale,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.place,
    latitude: input.latitude,
    longitude: input.longitude,
    organiser: input.organiser,
    capacity: input.capacity,
    accessibility: input.accessibility,
    roundId: input.roundId,
    proposalId: input.proposalId,
  };
}

/**
 * A linked round must be of the event's neighbourhood, and a linked proposal public and of that
 * round (or of a round of the neighbourhood); the field that does not fit is named.
 */
async function linkProblem(db: Db, input: EventInput): Promise<Refused | null> {
  if (input.roundId) {
    const round = await db.budgetRound.findUnique({ where: { id: input.roundId }, select: { neighbourhoodId: true } });
    if (round?.neighbourhoodId !== input.neighbourhoodId) return fieldRefused("roundId", "events:validation.linkMismatch");
  }
  if (input.proposalId) {
    const proposal = await db.proposal.findUnique({
      where: { id: input.proposalId },
      select: { roundId: true, status: true, round: { select: { neighbourhoodId: true } } },
    });
    const fits =
      !!proposal &&
      proposal.status !== "DRAFT" &&
      proposal.round.neighbourhoodId === input.neighbourhoodId &&
      (!input.roundId || proposal.roundId === input.roundId);
    if (!fits) return fieldRefused("proposalId", "events:validation.linkMismatch");
  }
  return null;
}

/** Rounds and public proposals an event of this neighbourhood can be about, for the form. */
export async function linkChoices(db: Db, neighbourhoodIds: string[]) {
  const rounds = await db.budgetRound.findMany({
    where: { neighbourhoodId: { in: neighbourhoodIds }, phase: { not: "DRAFT" } },
    include: { translations: true },
    orderBy: { createdAt: "desc" },
  });
  const proposals = await db.proposal.findMany({
    where: { roundId: { in: rounds.map((round) => round.id) }, status: { notIn: ["DRAFT", "WITHDRAWN"] } },
    include: { texts: true },
    orderBy: [{ roundId: "asc" }, { number: "asc" }],
    take: 300,
  });
  return { rounds, proposals };
}

export async function createEvent(db: Db, actorId: string, input: EventInput): Promise<Result<{ id: string }>> {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId } });
  if (!neighbourhood) return fieldRefused("neighbourhoodId", "validation.choice");
  const problem = await linkProblem(db, input);
  if (problem) return problem;
  const id = await db.$transaction(async (tx) => {
    const event = await tx.event.create({ data: { ...eventData(input), createdById: actorId, texts: { create: filledTranslations(input.translations) } } });
    await recordAudit(tx, { actorId, action: "event.create", entityId: event.id, details: { neighbourhoodId: input.neighbourhoodId } });
    return event.id;
  });
  return { ok: true, id };
}

type Person = { name: string; email: string; locale: string; userId?: string | null };

/** Queues a message to each person in their own language, in `tx`: the transaction of the change it tells about. */
async function notify(tx: Tx, people: Person[], template: string, values: (person: Person, locale: Locale) => Record<string, string>) {
  for (const person of people) {
    const locale: Locale = isLocale(person.locale) ? person.locale : "nl";
    const t = await fixedT(locale, "events");
    await queueMail(tx, {
      to: person.email,
      locale,
      subject: t(`email.${template}.subject`, values(person, locale)),
      text: t(`email.${template}.body`, values(person, locale)),
    });
  }
}

function titleIn(event: { texts: { locale: string; title: string }[]; originalLocale: string }, locale: Locale): string {
  return (event.texts.find((text) => text.locale === locale) ?? event.texts.find((text) => text.locale === event.originalLocale))?.title ?? "";
}

/**
 * Tells those who moved up from the waiting list: visitors (an address alone) by mail as before,
 * accounts through their notifications, as they chose ("an event you signed up for changed").
 */
async function tellPromoted(
  tx: Tx,
  event: { id: string; startsAt: Date; texts: { locale: string; title: string }[]; originalLocale: string },
  promoted: Person[],
  baseUrl: string,
) {
  await notify(
    tx,
    promoted.filter((person) => !person.userId),
    "promoted",
    (_, locale) => ({ title: titleIn(event, locale), date: formatDateTime(event.startsAt, locale), link: `${baseUrl}/events/${event.id}` }),
  );
  await notifyAccounts(tx, {
    kind: "event-changed",
    userIds: promoted.flatMap((person) => (person.userId ? [person.userId] : [])),
    path: `/events/${event.id}`,
    baseUrl,
    namespace: "notifications",
    compose: (t, { name, locale, link }) => ({
      subject: t("email.eventPromoted.subject", { title: titleIn(event, locale) }),
      text: t("email.eventPromoted.body", { name, title: titleIn(event, locale), date: formatDateTime(event.startsAt, locale), link }),
    }),
  });
}

/** Moves people up from the waiting list while there is room; returns who moved up. */
async function promoteWaiting(tx: Tx, eventId: string): Promise<Person[]> {
  const promoted: Person[] = [];
  for (;;) {
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } });
    if (event.capacity !== null && event.confirmedCount >= event.capacity) return promoted;
    const next = await tx.rsvp.findFirst({ where: { eventId, status: "WAITING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    if (!next) return promoted;
    const moved = await tx.rsvp.updateMany({ where: { id: next.id, status: "WAITING" }, data: { status: "CONFIRMED" } });
    if (moved.count === 1) {
      await tx.event.update({ where: { id: eventId }, data: { confirmedCount: { increment: 1 } } });
      promoted.push(next);
    }
  }
}

export async function updateEvent(db: Db, user: SessionUser, eventId: string, input: EventInput, baseUrl: string): Promise<Result<{ id: string }>> {
  const existing = await db.event.findUnique({ where: { id: eventId } });
  if (!existing) return refused(404, "events:errors.unknown");
  const allowed = decide(actorOf(user), existing, "manage", new Date());
  if (!allowed.ok) return allowed;
  if (input.capacity !== null && input.capacity < existing.confirmedCount) {
    return fieldRefused("capacity", "events:validation.capacityBelowConfirmed");
  }
  const problem = await linkProblem(db, input);
  if (problem) return problem;
  await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: eventId }, data: eventData(input) });
    await tx.eventText.deleteMany({ where: { eventId } });
    await tx.eventText.createMany({ data: filledTranslations(input.translations).map((row) => ({ ...row, eventId })) });
    await recordAudit(tx, {
      actorId: user.id,
      action: "event.update",
      entityId: eventId,
      details: changesOf(existing, eventData(input), ["neighbourhoodId", "startsAt", "endsAt", "place", "capacity", "organiser", "roundId", "proposalId"]),
    });
    // More places: the waiting list moves up.
    const promoted = await promoteWaiting(tx, eventId);
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, include: { texts: true } });
    await tellPromoted(tx, event, promoted, baseUrl);
    // A new time or place: the accounts that answered are told as they chose (the promoted were told above).
    const moved = existing.startsAt.getTime() !== event.startsAt.getTime() || existing.place !== event.place;
    if (moved) {
      const promotedAddresses = new Set(promoted.map((person) => person.email));
      const attendees = await tx.rsvp.findMany({ where: { eventId, status: { in: ["CONFIRMED", "WAITING"] }, userId: { not: null } } });
      await notifyAccounts(tx, {
        kind: "event-changed",
        userIds: attendees.flatMap((rsvp) => (rsvp.userId && !promotedAddresses.has(rsvp.email) ? [rsvp.userId] : [])),
        path: `/events/${eventId}`,
        baseUrl,
        namespace: "notifications",
        compose: (t, { name, locale, link }) => ({
          subject: t("email.eventChanged.subject", { title: titleIn(event, locale) }),
          text: t("email.eventChanged.body", { name, title: titleIn(event, locale), date: formatDateTime(event.startsAt, locale), place: event.place, link }),
        }),
      });
    }
  }, BUSY);
  return { ok: true, id: eventId };
}

export async function cancelEvent(db: Db, user: SessionUser, eventId: string, reason: string, baseUrl: string): Promise<Result<{ id: string }>> {
  const event = await db.event.findUnique({ where: { id: eventId }, include: { texts: true } });
  if (!event) return refused(404, "events:errors.unknown");
  const allowed = decide(actorOf(user), event, "manage", new Date());
  if (!allowed.ok) return allowed;
  await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: eventId }, data: { cancelledAt: new Date(), cancelReason: reason } });
    await recordAudit(tx, { actorId: user.id, action: "event.cancel", entityId: eventId, details: { reason } });
    const attendees = await tx.rsvp.findMany({ where: { eventId, status: { in: ["CONFIRMED", "WAITING"] } } });
    // Visitors answered by address alone: no preferences, the mail goes as before. Accounts are told as they chose.
    await notify(
      tx,
      attendees.filter((rsvp) => !rsvp.userId),
      "cancelled",
      (_, locale) => ({ title: titleIn(event, locale), date: formatDateTime(event.startsAt, locale), reason }),
    );
    await notifyAccounts(tx, {
      kind: "event-changed",
      userIds: attendees.flatMap((rsvp) => (rsvp.userId ? [rsvp.userId] : [])),
      path: `/events/${eventId}`,
      baseUrl,
      namespace: "notifications",
      compose: (t, { name, locale, link }) => ({
        subject: t("email.eventCancelled.subject", { title: titleIn(event, locale) }),
        text: t("email.eventCancelled.body", { name, title: titleIn(event, locale), date: formatDateTime(event.startsAt, locale), reason, link }),
      }),
    });
  });
  return { ok: true, id: eventId };
}

export async function eventById(db: Db, id: string) {
  return db.event.findUnique({ where: { id }, include: eventInclude });
}

/**
 * An event's page as `user` (null: a visitor) sees it: their own answer, found by their address,
 * and what they may do now. `answerAfterLogIn`: a visitor may no longer answer, an account could.
 */
export async function eventForViewer(db: Db, user: SessionUser | null, eventId: string, now = new Date()) {
  const event = await eventById(db, eventId);
  if (!event) return null;
  const actor = actorOf(user);
  const mine = user ? await rsvpOf(db, event.id, user.email) : null;
  const waiting = mine?.status === "WAITING" ? await waitingList(db, event.id) : [];
  const may = allowedActions(actor, event, now);
  return {
    event,
    actor,
    mine: mine ? { status: mine.status, position: waitingPosition(waiting, mine.id) } : null,
    may,
    answerAfterLogIn: !may.answer && decide("resident", event, "answer", now).ok,
  };
}

/** Events that have not ended yet (or, with `past`, that have), soonest first (latest first for past). */
export async function listEvents(db: Db, filter: { neighbourhoodId?: string; past?: boolean; from?: Date; until?: Date; now?: Date }) {
  const now = filter.now ?? new Date();
  return db.event.findMany({
    where: {
      ...(filter.neighbourhoodId ? { neighbourhoodId: filter.neighbourhoodId } : {}),
      ...(filter.from || filter.until
        ? { startsAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.until ? { lt: filter.until } : {}) } }
        : filter.past
          ? { endsAt: { lt: now } }
          : { endsAt: { gte: now } }),
    },
    orderBy: { startsAt: filter.past ? "desc" : "asc" },
    include: eventInclude,
    take: 300,
  });
}

/** The statuses that hold a place or a spot on the waiting list (a PENDING answer holds neither). */
const ANSWERED = ["CONFIRMED", "WAITING"] as const;
const answered = (status: string): status is (typeof ANSWERED)[number] => (ANSWERED as readonly string[]).includes(status);

/**
 * Another answer changed the same row at the same moment: answering again sees its result. Not a
 * refusal (nobody is told no), so not the kernel's rollBack: it asks `onceMore` for a second try.
 */
class Raced extends Error {}

/** Runs an answer again once when it raced another one for the same address (double clicks). */
async function onceMore<T>(answer: () => Promise<T>): Promise<T> {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof Raced || isUniqueViolation(error)) return answer();
    throw error;
  }
}

/**
 * Gives a row that was just set to WAITING a place if there is one. The confirmed count only grows
 * by a conditional update (`confirmedCount < capacity`), so simultaneous answers never overbook.
 */
async function claimPlace(tx: Tx, event: { id: string; capacity: number | null }, rowId: string): Promise<"CONFIRMED" | "WAITING"> {
  const claimed =
    event.capacity === null
      ? await tx.event.updateMany({ where: { id: event.id }, data: { confirmedCount: { increment: 1 } } })
      : await tx.event.updateMany({ where: { id: event.id, confirmedCount: { lt: event.capacity } }, data: { confirmedCount: { increment: 1 } } });
  if (claimed.count !== 1) return "WAITING";
  await tx.rsvp.update({ where: { id: rowId }, data: { status: "CONFIRMED" } });
  return "CONFIRMED";
}

/** Where an answer stands: a place, or a place on the waiting list. */
type Answered = { answer: "CONFIRMED" | "WAITING" };

/**
 * A logged-in resident's answer: a place at once, or a place on the waiting list when the event is
 * full, and a mail saying which. It takes over a visitor's unconfirmed answer for the same address
 * (perhaps somebody else's, who typed this address). Answering twice keeps the first answer.
 */
export async function rsvp(
  db: Db,
  eventId: string,
  person: { userId: string; name: string; email: string; locale: Locale },
  baseUrl: string,
  now = new Date(),
): Promise<Result<Answered>> {
  return onceMore(() =>
    db.$transaction(async (tx): Promise<Result<Answered>> => {
      const event = await tx.event.findUnique({ where: { id: eventId }, include: { texts: true } });
      if (!event) return refused(404, "events:errors.unknown");
      const allowed = decide("resident", event, "answer", now);
      if (!allowed.ok) return allowed;
      const existing = await tx.rsvp.findUnique({ where: { eventId_email: { eventId, email: person.email } } });
      if (existing && answered(existing.status)) {
        // Answering twice keeps the first answer; one confirmed through the emailed link becomes this account's.
        if (existing.userId !== person.userId) await tx.rsvp.update({ where: { id: existing.id }, data: { userId: person.userId } });
        return { ok: true, answer: existing.status };
      }
      // The row is set to WAITING first, by a conditional update: of two answers racing for one row
      // only one goes on to claim a place. Rejoining puts you at the end of the waiting list.
      const data = {
        userId: person.userId,
        name: person.name,
        locale: person.locale,
        status: "WAITING",
        cancelTokenHash: null,
        pendingUntil: null,
        createdAt: now,
      } as const;
      let rowId: string;
      if (existing) {
        const taken = await tx.rsvp.updateMany({ where: { id: existing.id, status: existing.status }, data });
        if (taken.count !== 1) throw new Raced();
        rowId = existing.id;
      } else {
        rowId = (await tx.rsvp.create({ data: { ...data, eventId, email: person.email } })).id;
      }
      const answer = await claimPlace(tx, event, rowId);
      await notify(tx, [person], answer === "CONFIRMED" ? "confirmed" : "waiting", (_, locale) => ({
        title: titleIn(event, locale),
        date: formatDateTime(event.startsAt, locale),
        link: `${baseUrl}/events/${eventId}`,
      }));
      return { ok: true, answer };
    }, BUSY),
  );
}

/**
 * A visitor's answer (no account): PENDING, taking no place, until the owner of the address
 * confirms it through the emailed link (24 hours, the event's start at the latest). The answer is
 * the same whatever the address's state, so it tells nobody whether that address already answered:
 * an address with a place or on the waiting list gets a short notice instead (nothing changes); a
 * pending one gets a new link (the old one stops working) and a new expiry.
 */
export async function requestRsvp(
  db: Db,
  eventId: string,
  person: { name: string; email: string; locale: Locale },
  baseUrl: string,
  now = new Date(),
): Promise<Result> {
  return onceMore(() =>
    db.$transaction(async (tx): Promise<Result> => {
      const event = await tx.event.findUnique({ where: { id: eventId }, include: { texts: true } });
      if (!event) return refused(404, "events:errors.unknown");
      const allowed = decide("visitor", event, "answer", now);
      if (!allowed.ok) return allowed;
      // Mail to an account's address goes out in the language its owner chose.
      const owner = await tx.user.findUnique({ where: { email: person.email }, select: { locale: true } });
      const existing = await tx.rsvp.findUnique({ where: { eventId_email: { eventId, email: person.email } } });
      // One message either way, queued in this transaction, so neither the answer nor its time tells which.
      if (existing && answered(existing.status)) {
        await notify(tx, [{ ...person, locale: owner?.locale ?? existing.locale }], "alreadyAnswered", (_, locale) => ({
          title: titleIn(event, locale),
          date: formatDateTime(event.startsAt, locale),
          link: `${baseUrl}/events/${eventId}`,
        }));
        return { ok: true };
      }
      const token = generateToken();
      const until = pendingUntil(now, event.startsAt);
      const data = {
        userId: null,
        name: person.name,
        locale: person.locale,
        status: "PENDING",
        cancelTokenHash: hashToken(token),
        pendingUntil: until,
        createdAt: now,
      } as const;
      if (existing) {
        const replaced = await tx.rsvp.updateMany({ where: { id: existing.id, status: existing.status }, data });
        if (replaced.count !== 1) throw new Raced();
      } else {
        await tx.rsvp.create({ data: { ...data, eventId, email: person.email } });
      }
      await notify(tx, [{ ...person, locale: owner?.locale ?? person.locale }], "confirm", (_, locale) => ({
        title: titleIn(event, locale),
        date: formatDateTime(event.startsAt, locale),
        until: formatDateTime(until, locale),
        link: rsvpLink(baseUrl, token),
      }));
      return { ok: true };
    }, BUSY),
  );
}

/** The page an emailed RSVP link opens: confirm there, see the answer, cancel it. */
export function rsvpLink(baseUrl: string, token: string): string {
  return `${baseUrl}/events/rsvp/${token}`;
}

/**
 * The address's owner confirms a visitor's answer (a POST from the emailed link's page): it
 * claims a place with the same conditional count as any answer, or joins the waiting list, which
 * it does at this moment. Confirming twice keeps the first result; an expired, replaced or
 * cancelled link confirms nothing.
 */
export async function confirmRsvp(db: Db, token: string, now = new Date()): Promise<Result<Answered>> {
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx): Promise<Result<Answered>> => {
    const row = await tx.rsvp.findUnique({ where: { cancelTokenHash: tokenHash }, include: { event: true } });
    if (!row) return refused(410, "events:link.invalid");
    const allowed = decide("visitor", row.event, "confirm", now);
    if (!allowed.ok) return allowed;
    const state = rsvpLinkState(row, row.event.startsAt, now);
    if (state === "confirmed" || state === "waiting") return { ok: true, answer: row.status as Answered["answer"] };
    if (state !== "pending") return refused(410, `events:link.${state}`);
    // Set to WAITING first, conditionally: of two confirmations at once only one claims a place.
    const taken = await tx.rsvp.updateMany({
      where: { id: row.id, status: "PENDING", cancelTokenHash: tokenHash, pendingUntil: { gt: now } },
      data: { status: "WAITING", pendingUntil: null, createdAt: now },
    });
    if (taken.count !== 1) {
      const current = await tx.rsvp.findUnique({ where: { cancelTokenHash: tokenHash } });
      return current && answered(current.status) ? { ok: true, answer: current.status } : refused(410, "events:link.invalid");
    }
    return { ok: true, answer: await claimPlace(tx, row.event, row.id) };
  }, BUSY);
}

/**
 * Cancels one answer that holds a place or waits, while the event could still use the place; a
 * freed place goes to the first on the waiting list, who is told by email. Nothing to cancel: the
 * resident has no answer (404), or the emailed link's answer is cancelled already (410, as its page
 * says).
 */
export async function cancelRsvp(
  db: Db,
  who: { eventId: string; email: string } | { token: string },
  baseUrl: string,
  now = new Date(),
): Promise<Result<{ eventId: string }>> {
  const nothingToCancel = "token" in who ? refused(410, "events:link.cancelled") : refused(404, "events:errors.noRsvp");
  return db.$transaction(async (tx): Promise<Result<{ eventId: string }>> => {
    const row =
      "token" in who
        ? await tx.rsvp.findUnique({ where: { cancelTokenHash: hashToken(who.token) }, include: { event: true } })
        : await tx.rsvp.findUnique({ where: { eventId_email: { eventId: who.eventId, email: who.email } }, include: { event: true } });
    if (!row) return nothingToCancel;
    // The link is the visitor's; a resident cancels on the event's page.
    const allowed = decide("token" in who ? "visitor" : "resident", row.event, "cancelAnswer", now);
    if (!allowed.ok) return allowed;
    if (!answered(row.status)) return nothingToCancel;
    const cancelled = await tx.rsvp.updateMany({ where: { id: row.id, status: row.status }, data: { status: "CANCELLED" } });
    if (cancelled.count !== 1) return nothingToCancel;
    if (row.status !== "CONFIRMED") return { ok: true, eventId: row.eventId };
    await tx.event.update({ where: { id: row.eventId }, data: { confirmedCount: { decrement: 1 } } });
    const promoted = await promoteWaiting(tx, row.eventId);
    if (promoted.length) {
      const event = await tx.event.findUniqueOrThrow({ where: { id: row.eventId }, include: { texts: true } });
      await tellPromoted(tx, event, promoted, baseUrl);
    }
    return { ok: true, eventId: row.eventId };
  }, BUSY);
}

/**
 * Before an account goes: each answer given with it or with its address that holds a place or waits is
 * cancelled as the resident would (a freed place goes to the waiting list, who is told), then every
 * answer with the account or the address is deleted.
 */
export async function withdrawAnswersOf(db: Db, account: { id: string; email: string }, baseUrl: string, now = new Date()): Promise<void> {
  const answers = await db.rsvp.findMany({
    where: { OR: [{ userId: account.id }, { email: account.email }], status: { in: [...ANSWERED] } },
    select: { eventId: true, email: true },
  });
  for (const answer of answers) await cancelRsvp(db, answer, baseUrl, now);
  await db.rsvp.deleteMany({ where: { OR: [{ userId: account.id }, { email: account.email }] } });
}

/** The answer of a logged-in resident (by their address: one answer per address and event), if it holds a place or waits. */
export async function rsvpOf(db: Db, eventId: string, email: string) {
  return db.rsvp.findFirst({ where: { eventId, email, status: { in: [...ANSWERED] } } });
}

/**
 * What the page of an emailed RSVP link shows: the event, the answer's state, its waiting-list
 * place, and what the link's holder may do with the event now.
 */
export async function rsvpByToken(db: Db, token: string, now = new Date()) {
  const row = await db.rsvp.findUnique({ where: { cancelTokenHash: hashToken(token) }, include: { event: { include: { texts: true } } } });
  if (!row) return null;
  const state = rsvpLinkState(row, row.event.startsAt, now);
  const position = state === "waiting" ? waitingPosition(await waitingList(db, row.eventId), row.id) : null;
  return { state, position, pendingUntil: row.pendingUntil, event: row.event, may: allowedActions("visitor", row.event, now) };
}

export async function waitingList(db: Db, eventId: string) {
  return db.rsvp.findMany({ where: { eventId, status: "WAITING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, createdAt: true } });
}

/** Who comes and who waits, for staff; unconfirmed visitors' answers are nobody's yet. */
export async function attendees(db: Db, user: SessionUser, eventId: string, now = new Date()) {
  const event = await db.event.findUnique({ where: { id: eventId } });
  if (!event) return refused(404, "events:errors.unknown");
  const allowed = decide(actorOf(user), event, "seeAttendees", now);
  if (!allowed.ok) return allowed;
  const people = await db.rsvp.findMany({ where: { eventId, status: { in: [...ANSWERED] } }, orderBy: [{ status: "asc" }, { createdAt: "asc" }] });
  return { ok: true as const, people };
}

/** Deletes visitors' answers nobody confirmed, a day after their link expired (with the other expired rows). */
export async function pruneExpiredRsvps(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.rsvp.deleteMany({ where: { status: "PENDING", pendingUntil: { lte: keptSince("unconfirmedRsvps", now) } } });
  return count;
}

/** Deletes every answer to an event (names and addresses) once the event ended 30 days ago (with the other expired rows). */
export async function prunePastRsvps(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.rsvp.deleteMany({ where: { event: { endsAt: { lte: keptSince("pastRsvps", now) } } } });
  return count;
}

/** The attendee list as CSV (RFC 4180: quoted fields, CRLF), for staff. */
export function attendeesCsv(rows: { name: string; email: string; status: string; createdAt: Date }[], header: string[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  // A leading =, +, - or @ would run as a formula in spreadsheet programs.
  const safe = (value: string) => (/^[=+\-@]/.test(value) ? `'${value}` : value);
  const lines = [header, ...rows.map((row) => [row.name, row.email, row.status, row.createdAt.toISOString()])];
  return lines.map((line) => line.map((cell) => quote(safe(cell))).join(",")).join("\r\n") + "\r\n";
}

export async function neighbourhoodBySlugForEvents(db: Db, slug: string) {
  return db.neighbourhood.findUnique({ where: { slug }, select: { id: true, name: true, city: true, slug: true } });
}

/**
 * An event organised by the people carrying a proposal, when its round allows it: in the
 * proposal's neighbourhood, linked to the proposal and its round whatever the form said.
 */
export async function createTeamEvent(db: Db, user: SessionUser, proposalId: string, input: EventInput): Promise<Result<{ id: string }>> {
  const allowed = await proposalFor(db, user, proposalId, "organiseEvent");
  if (!allowed.ok) return allowed;
  const { proposal } = allowed;
  return createEvent(db, user.id, { ...input, neighbourhoodId: proposal.round.neighbourhoodId, roundId: proposal.roundId, proposalId });
}
