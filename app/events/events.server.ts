import { recordAudit } from "~/audit/audit.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import type { Db } from "~/db.server";
import { isLocale, type Locale } from "~/i18n/config";
import { filledTranslations } from "~/i18n/content";
import { fixedT } from "~/i18n/i18n.server";
import { sendMailLater } from "~/mail/mailer.server";
import { formatDateTime } from "~/ui/format";
import type { EventInput } from "./schema";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

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
async function linkProblem(db: Db, input: EventInput): Promise<EventResult | null> {
  if (input.roundId) {
    const round = await db.budgetRound.findUnique({ where: { id: input.roundId }, select: { neighbourhoodId: true } });
    if (round?.neighbourhoodId !== input.neighbourhoodId) return { ok: false, status: 400, error: "events:validation.linkMismatch", field: "roundId" };
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
    if (!fits) return { ok: false, status: 400, error: "events:validation.linkMismatch", field: "proposalId" };
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

export type EventResult = { ok: true; id: string } | { ok: false; status: 400 | 404 | 409; error: string; field?: string };

export async function createEvent(db: Db, actorId: string, input: EventInput): Promise<EventResult> {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId } });
  if (!neighbourhood) return { ok: false, status: 400, error: "validation.choice", field: "neighbourhoodId" };
  const problem = await linkProblem(db, input);
  if (problem) return problem;
  const id = await db.$transaction(async (tx) => {
    const event = await tx.event.create({ data: { ...eventData(input), createdById: actorId, texts: { create: filledTranslations(input.translations) } } });
    await recordAudit(tx, { actorId, action: "event.create", entityType: "Event", entityId: event.id, details: { neighbourhoodId: input.neighbourhoodId } });
    return event.id;
  });
  return { ok: true, id };
}

type Person = { name: string; email: string; locale: string };

/** Emails in each person's own language; sent after the answer (failures are logged). */
async function notify(people: Person[], template: string, values: (person: Person, locale: Locale) => Record<string, string>) {
  for (const person of people) {
    const locale: Locale = isLocale(person.locale) ? person.locale : "nl";
    const t = await fixedT(locale, "events");
    sendMailLater({
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

export async function updateEvent(db: Db, actorId: string, eventId: string, input: EventInput, baseUrl: string): Promise<EventResult> {
  const existing = await db.event.findUnique({ where: { id: eventId } });
  if (!existing) return { ok: false, status: 404, error: "events:errors.unknown" };
  if (existing.cancelledAt) return { ok: false, status: 409, error: "events:errors.cancelled" };
  if (input.capacity !== null && input.capacity < existing.confirmedCount) {
    return { ok: false, status: 400, error: "events:validation.capacityBelowConfirmed", field: "capacity" };
  }
  const problem = await linkProblem(db, input);
  if (problem) return problem;
  const promoted = await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: eventId }, data: eventData(input) });
    await tx.eventText.deleteMany({ where: { eventId } });
    await tx.eventText.createMany({ data: filledTranslations(input.translations).map((row) => ({ ...row, eventId })) });
    await recordAudit(tx, { actorId, action: "event.update", entityType: "Event", entityId: eventId, details: { capacity: input.capacity } });
    // More places: the waiting list moves up.
    return promoteWaiting(tx, eventId);
  }, BUSY);
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, include: { texts: true } });
  await notify(promoted, "promoted", (_, locale) => ({ title: titleIn(event, locale), link: `${baseUrl}/events/${eventId}` }));
  return { ok: true, id: eventId };
}

export async function cancelEvent(db: Db, actorId: string, eventId: string, reason: string): Promise<EventResult> {
  const event = await db.event.findUnique({ where: { id: eventId }, include: { texts: true } });
  if (!event) return { ok: false, status: 404, error: "events:errors.unknown" };
  if (event.cancelledAt) return { ok: false, status: 409, error: "events:errors.cancelled" };
  const attendees = await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: eventId }, data: { cancelledAt: new Date(), cancelReason: reason } });
    await recordAudit(tx, { actorId, action: "event.cancel", entityType: "Event", entityId: eventId, details: { reason } });
    return tx.rsvp.findMany({ where: { eventId, status: { in: ["CONFIRMED", "WAITING"] } } });
  });
  await notify(attendees, "cancelled", (_, locale) => ({
    title: titleIn(event, locale),
    date: formatDateTime(event.startsAt, locale),
    reason,
  }));
  return { ok: true, id: eventId };
}

export async function eventById(db: Db, id: string) {
  return db.event.findUnique({ where: { id }, include: eventInclude });
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

export type RsvpResult =
  | { ok: true; status: "CONFIRMED" | "WAITING"; rsvpId: string; cancelToken: string | null }
  | { ok: false; status: 404 | 409; error: string };

/**
 * A place at the event, or a place on its waiting list when it is full. The confirmed count only
 * grows by a conditional update (`confirmedCount < capacity`), so simultaneous answers can never
 * overbook. Answering twice with one address keeps the first answer.
 */
export async function rsvp(
  db: Db,
  eventId: string,
  person: { userId: string | null; name: string; email: string; locale: Locale },
  baseUrl: string,
  now = new Date(),
): Promise<RsvpResult> {
  const cancelToken = person.userId ? null : generateToken();
  const result = await db.$transaction(async (tx): Promise<RsvpResult> => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) return { ok: false, status: 404, error: "events:errors.unknown" };
    if (event.cancelledAt) return { ok: false, status: 409, error: "events:errors.cancelled" };
    if (event.endsAt <= now) return { ok: false, status: 409, error: "events:errors.past" };
    const existing = await tx.rsvp.findUnique({ where: { eventId_email: { eventId, email: person.email } } });
    if (existing && existing.status !== "CANCELLED") {
      return { ok: true, status: existing.status, rsvpId: existing.id, cancelToken: null };
    }
    const claimed =
      event.capacity === null
        ? await tx.event.updateMany({ where: { id: eventId }, data: { confirmedCount: { increment: 1 } } })
        : await tx.event.updateMany({ where: { id: eventId, confirmedCount: { lt: event.capacity } }, data: { confirmedCount: { increment: 1 } } });
    const status = claimed.count === 1 ? "CONFIRMED" : "WAITING";
    const data = {
      userId: person.userId,
      name: person.name,
      locale: person.locale,
      status,
      cancelTokenHash: cancelToken ? hashToken(cancelToken) : null,
      // Rejoining puts you at the end of the waiting list.
      createdAt: new Date(),
    } as const;
    const row = existing
      ? await tx.rsvp.update({ where: { id: existing.id }, data })
      : await tx.rsvp.create({ data: { ...data, eventId, email: person.email } });
    return { ok: true, status, rsvpId: row.id, cancelToken };
  }, BUSY);
  if (result.ok && result.cancelToken !== null) {
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, include: { texts: true } });
    // Visitors have no account: their confirmation mail carries the link to cancel.
    await notify([person], result.status === "CONFIRMED" ? "confirmed" : "waiting", (_, locale) => ({
      title: titleIn(event, locale),
      date: formatDateTime(event.startsAt, locale),
      cancelLink: `${baseUrl}/events/cancel/${result.cancelToken}`,
    }));
  }
  return result;
}

/** Cancels one RSVP; a freed place goes to the first on the waiting list, who is told by email. */
export async function cancelRsvp(
  db: Db,
  who: { eventId: string; userId: string } | { token: string },
  baseUrl: string,
): Promise<{ ok: true; eventId: string } | { ok: false; status: 404 }> {
  const outcome = await db.$transaction(async (tx) => {
    const row =
      "token" in who
        ? await tx.rsvp.findUnique({ where: { cancelTokenHash: hashToken(who.token) } })
        : await tx.rsvp.findFirst({ where: { eventId: who.eventId, userId: who.userId } });
    if (!row || row.status === "CANCELLED") return null;
    const cancelled = await tx.rsvp.updateMany({ where: { id: row.id, status: row.status }, data: { status: "CANCELLED" } });
    if (cancelled.count !== 1) return null;
    if (row.status !== "CONFIRMED") return { eventId: row.eventId, promoted: [] as Person[] };
    await tx.event.update({ where: { id: row.eventId }, data: { confirmedCount: { decrement: 1 } } });
    return { eventId: row.eventId, promoted: await promoteWaiting(tx, row.eventId) };
  }, BUSY);
  if (!outcome) return { ok: false, status: 404 };
  if (outcome.promoted.length) {
    const event = await db.event.findUniqueOrThrow({ where: { id: outcome.eventId }, include: { texts: true } });
    await notify(outcome.promoted, "promoted", (_, locale) => ({
      title: titleIn(event, locale),
      date: formatDateTime(event.startsAt, locale),
      link: `${baseUrl}/events/${event.id}`,
    }));
  }
  return { ok: true, eventId: outcome.eventId };
}

export async function rsvpOf(db: Db, eventId: string, userId: string) {
  return db.rsvp.findFirst({ where: { eventId, userId, status: { not: "CANCELLED" } } });
}

export async function rsvpByToken(db: Db, token: string) {
  return db.rsvp.findUnique({ where: { cancelTokenHash: hashToken(token) }, include: { event: { include: { texts: true } } } });
}

export async function waitingList(db: Db, eventId: string) {
  return db.rsvp.findMany({ where: { eventId, status: "WAITING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, createdAt: true } });
}

export async function attendees(db: Db, eventId: string) {
  return db.rsvp.findMany({ where: { eventId, status: { not: "CANCELLED" } }, orderBy: [{ status: "asc" }, { createdAt: "asc" }] });
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
export async function createTeamEvent(db: Db, user: { id: string }, proposalId: string, input: EventInput): Promise<EventResult> {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    include: { members: true, round: { select: { neighbourhoodId: true, teamsMayCreateEvents: true } } },
  });
  if (!proposal) return { ok: false, status: 404, error: "proposals:errors.unknown" };
  const carries = proposal.authorId === user.id || proposal.members.some((member) => member.userId === user.id);
  if (!carries || !proposal.round.teamsMayCreateEvents || proposal.status === "DRAFT" || proposal.status === "WITHDRAWN") {
    return { ok: false, status: 409, error: "events:errors.teamsMayNot" };
  }
  return createEvent(db, user.id, { ...input, neighbourhoodId: proposal.round.neighbourhoodId, roundId: proposal.roundId, proposalId });
}
