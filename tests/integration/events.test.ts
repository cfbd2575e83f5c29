import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import {
  attendees,
  cancelEvent,
  cancelRsvp,
  confirmRsvp,
  createEvent,
  createTeamEvent,
  pruneExpiredRsvps,
  requestRsvp,
  rsvp,
  rsvpByToken,
  rsvpOf,
  updateEvent,
  waitingList,
} from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import type { Locale } from "~/i18n/config";
import { readOutbox } from "~/mail/mailer.server";
import { aNeighbourhood, aProposal, aRound, aUser } from "../support/builders";
import { translated } from "../support/locales";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { deliverQueuedMail } from "../support/mail";

const BASE = "https://wijkbudget.test";
const HOUR = 3_600_000;
const LINK = /\/events\/rsvp\/([a-z0-9]+)/;

describe.each(testProviders())("events on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let staff: SessionUser;
  let neighbourhoodId: string;

  async function newEvent(capacity: string | undefined, startsAt = "2099-05-01T14:00", endsAt = "2099-05-01T17:00") {
    const input = eventSchema.parse({
      intent: "save",
      neighbourhoodId,
      originalLocale: "nl",
      translations: { nl: { title: "Zaaifeest", description: "Samen zaaien" }, bg: { title: "Сеитба", description: "Заедно" } },
      startsAt,
      endsAt,
      place: "Rolliersstraat",
      organiser: "Kroonmolen aan Zet",
      capacity,
    });
    const result = await createEvent(db, staff.id, input);
    if (!result.ok) throw new Error(result.formError ?? JSON.stringify(result.errors));
    return { id: result.id, input };
  }

  /** Somebody without an account, answering with the address `buur<index>@example.org`. */
  const visitor = (index: number, locale: Locale = "nl") => ({ name: `Buur ${index}`, email: `buur${index}@example.org`, locale });

  /** A resident with an account (logged in when answering). */
  async function resident(index: number, locale: Locale = "nl") {
    const user = await aUser(db, { email: `bewoner${index}@example.org`, name: `Bewoner ${index}`, locale });
    return { userId: user.id, name: user.name, email: user.email, locale };
  }

  /** Every RSVP link mailed to `to`, oldest first (tokens). */
  async function linksMailedTo(to: string): Promise<string[]> {
    await deliverQueuedMail(db);
    return (await readOutbox()).filter((mail) => mail.to === to).flatMap((mail) => mail.text.match(LINK)?.[1] ?? []);
  }

  async function lastLinkMailedTo(to: string): Promise<string> {
    const token = (await linksMailedTo(to)).at(-1);
    if (!token) throw new Error(`No RSVP link was mailed to ${to}`);
    return token;
  }

  /** A visitor answers and confirms through the emailed link; returns the link's token and the result. */
  async function confirmedVisitor(eventId: string, index: number, locale: Locale = "nl", now = new Date()) {
    const person = visitor(index, locale);
    expect(await requestRsvp(db, eventId, person, BASE, now)).toEqual({ ok: true });
    const token = await lastLinkMailedTo(person.email);
    return { token, result: await confirmRsvp(db, token, now) };
  }

  const confirmedCount = async (id: string) => (await db.event.findUniqueOrThrow({ where: { id } })).confirmedCount;

  /** The attendee list staff see. */
  async function attendeesOf(eventId: string) {
    const listed = await attendees(db, staff, eventId);
    if (!listed.ok) throw new Error(listed.formError);
    return listed.people;
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    staff = await aUser(db, { role: "STAFF" });
    neighbourhoodId = (await aNeighbourhood(db, { name: "Kroonmolen", city: "Sint-Niklaas" })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("never overbooks: 50 simultaneous answers (25 emailed confirmations, 25 logged-in residents) for 10 places give 10 confirmed and 40 waiting", async () => {
    const { id } = await newEvent("10");
    const visitors = Array.from({ length: 25 }, (_, index) => visitor(index));
    for (const person of visitors) expect(await requestRsvp(db, id, person, BASE)).toEqual({ ok: true });
    const tokens = await Promise.all(visitors.map((person) => lastLinkMailedTo(person.email)));
    const residents = await Promise.all(Array.from({ length: 25 }, (_, index) => resident(index)));
    // Unconfirmed answers take no place.
    expect(await confirmedCount(id)).toBe(0);

    const results = await Promise.all([...tokens.map((token) => confirmRsvp(db, token)), ...residents.map((person) => rsvp(db, id, person, BASE))]);
    expect(results.every((result) => result.ok)).toBe(true);
    const statuses = results.map((result) => (result.ok ? result.answer : "ERROR"));
    expect(statuses.filter((status) => status === "CONFIRMED")).toHaveLength(10);
    expect(statuses.filter((status) => status === "WAITING")).toHaveLength(40);
    expect(await db.rsvp.count({ where: { eventId: id, status: "CONFIRMED" } })).toBe(10);
    expect(await db.rsvp.count({ where: { eventId: id, status: "WAITING" } })).toBe(40);
    expect(await db.rsvp.count({ where: { eventId: id, status: "PENDING" } })).toBe(0);
    expect(await confirmedCount(id)).toBe(10);
  });

  it("gives an anonymous answer with a resident's address no place and shows nobody until the address's owner confirms", async () => {
    const { id } = await newEvent("1");
    const owner = await resident(1000, "bg");
    // Somebody else types the resident's address.
    expect(await requestRsvp(db, id, { name: "Niet de eigenaar", email: owner.email, locale: "nl" }, BASE)).toEqual({ ok: true });
    expect(await attendeesOf(id)).toEqual([]);
    expect(await waitingList(db, id)).toEqual([]);
    expect(await confirmedCount(id)).toBe(0);
    expect(await rsvpOf(db, id, owner.email)).toBeNull();

    // The owner is asked, in the language they chose for their account, to confirm.
    await deliverQueuedMail(db);
    const mails = (await readOutbox()).filter((mail) => mail.to === owner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ locale: "bg", subject: translated("bg", "events:email.confirm.subject", { title: "Сеитба" }) });
    const token = mails[0]!.text.match(LINK)![1]!;

    // Looking at the link changes nothing.
    expect(await rsvpByToken(db, token)).toMatchObject({ state: "pending" });
    expect(await attendeesOf(id)).toEqual([]);

    expect(await confirmRsvp(db, token)).toEqual({ ok: true, answer: "CONFIRMED" });
    expect((await attendeesOf(id)).map((row) => [row.email, row.status])).toEqual([[owner.email, "CONFIRMED"]]);
    expect(await confirmedCount(id)).toBe(1);
    expect(await rsvpOf(db, id, owner.email)).toMatchObject({ status: "CONFIRMED" });
    // Confirming twice keeps the place, and does not take another.
    expect(await confirmRsvp(db, token)).toEqual({ ok: true, answer: "CONFIRMED" });
    expect(await confirmedCount(id)).toBe(1);
    expect(await rsvpByToken(db, token)).toMatchObject({ state: "confirmed" });
  });

  it("claims a place at confirmation, or a place on the waiting list counted from the confirmation, not from the request", async () => {
    const { id } = await newEvent("1");
    const t0 = new Date("2099-04-01T10:00:00Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const [early, later] = [visitor(1100), visitor(1101)];
    expect(await requestRsvp(db, id, early, BASE, at(0))).toEqual({ ok: true });
    expect(await requestRsvp(db, id, later, BASE, at(1))).toEqual({ ok: true });
    const [earlyToken, laterToken] = [await lastLinkMailedTo(early.email), await lastLinkMailedTo(later.email)];

    // Pending answers hold no place: a resident takes the only one.
    const first = await resident(1102);
    expect(await rsvp(db, id, first, BASE, at(2))).toEqual({ ok: true, answer: "CONFIRMED" });
    expect(await confirmRsvp(db, laterToken, at(3))).toEqual({ ok: true, answer: "WAITING" });
    const second = await resident(1103);
    expect(await rsvp(db, id, second, BASE, at(4))).toEqual({ ok: true, answer: "WAITING" });
    // Asked first, confirmed last: last on the waiting list.
    expect(await confirmRsvp(db, earlyToken, at(5))).toEqual({ ok: true, answer: "WAITING" });
    const rows = await db.rsvp.findMany({ where: { eventId: id } });
    const idOf = (email: string) => rows.find((row) => row.email === email)!.id;
    expect((await waitingList(db, id)).map((row) => row.id)).toEqual([idOf(later.email), idOf(second.email), idOf(early.email)]);
    expect(await rsvpByToken(db, earlyToken, at(6))).toMatchObject({ state: "waiting", position: 3 });

    // A freed place goes to the first who confirmed.
    expect(await cancelRsvp(db, { eventId: id, email: first.email }, BASE)).toEqual({ ok: true, eventId: id });
    expect(await rsvpByToken(db, laterToken, at(7))).toMatchObject({ state: "confirmed" });
    expect(await confirmedCount(id)).toBe(1);
  });

  it("lets an expired pending answer confirm nothing and take no place, and prunes it a day later", async () => {
    const { id } = await newEvent("1");
    const asked = new Date("2099-04-02T10:00:00Z");
    const person = visitor(1200);
    expect(await requestRsvp(db, id, person, BASE, asked)).toEqual({ ok: true });
    const token = await lastLinkMailedTo(person.email);
    const expired = new Date(asked.getTime() + 24 * HOUR + 1000);
    expect(await rsvpByToken(db, token, expired)).toMatchObject({ state: "expired" });
    expect(await confirmRsvp(db, token, expired)).toEqual({ ok: false, status: 410, formError: "events:link.expired" });
    expect(await db.rsvp.findFirstOrThrow({ where: { eventId: id, email: person.email } })).toMatchObject({ status: "PENDING" });
    expect(await confirmedCount(id)).toBe(0);
    expect(await attendeesOf(id)).toEqual([]);

    // The event's start comes before the 24 hours: the link stops working then.
    const soon = await newEvent("5", "2099-04-03T12:00", "2099-04-03T14:00");
    const late = visitor(1201);
    const morning = new Date("2099-04-03T07:00:00Z"); // 09:00 in Brussels, three hours before the start
    expect(await requestRsvp(db, soon.id, late, BASE, morning)).toEqual({ ok: true });
    const lateToken = await lastLinkMailedTo(late.email);
    expect(await confirmRsvp(db, lateToken, new Date("2099-04-03T10:00:01Z"))).toEqual({ ok: false, status: 410, formError: "events:link.expired" });
    // Visitors' answers close when the event starts.
    expect(await requestRsvp(db, soon.id, visitor(1202), BASE, new Date("2099-04-03T10:30:00Z"))).toEqual({
      ok: false,
      status: 409,
      formError: "events:errors.started",
    });

    // Kept a day after expiring (the link says "expired" rather than "unknown"), then deleted.
    await pruneExpiredRsvps(db, new Date(asked.getTime() + 47 * HOUR));
    expect(await rsvpByToken(db, token, expired)).toMatchObject({ state: "expired" });
    expect(await pruneExpiredRsvps(db, new Date(asked.getTime() + 3 * 24 * HOUR))).toBeGreaterThanOrEqual(2);
    expect(await rsvpByToken(db, token)).toBeNull();
    expect(await db.rsvp.count({ where: { eventId: { in: [id, soon.id] } } })).toBe(0);
  });

  it("confirms the owner's logged-in answer at once while somebody else's pending one exists, takes it over and mails the owner", async () => {
    const { id } = await newEvent("1");
    const owner = await resident(1300, "bg");
    expect(await requestRsvp(db, id, { name: "Indringer", email: owner.email, locale: "nl" }, BASE)).toEqual({ ok: true });
    const attackerLink = await lastLinkMailedTo(owner.email);
    // Nothing is hidden from the owner: no answer of theirs yet.
    expect(await rsvpOf(db, id, owner.email)).toBeNull();

    expect(await rsvp(db, id, owner, BASE)).toEqual({ ok: true, answer: "CONFIRMED" });
    const row = await db.rsvp.findFirstOrThrow({ where: { eventId: id, email: owner.email } });
    expect(row).toMatchObject({ userId: owner.userId, name: owner.name, status: "CONFIRMED", cancelTokenHash: null, pendingUntil: null });
    expect(await confirmedCount(id)).toBe(1);
    // The pending answer's link is spent.
    expect(await confirmRsvp(db, attackerLink)).toEqual({ ok: false, status: 410, formError: "events:link.invalid" });
    expect(await confirmedCount(id)).toBe(1);

    await deliverQueuedMail(db);
    const subject = translated("bg", "events:email.confirmed.subject", { title: "Сеитба" });
    const mail = (await readOutbox()).find((message) => message.to === owner.email && message.subject === subject);
    expect(mail?.locale).toBe("bg");
    expect(mail?.text).toContain(`${BASE}/events/${id}`);
  });

  it("takes one place for one address however many confirmations and logged-in answers race for it", async () => {
    const { id } = await newEvent("5");
    const owner = await resident(1350);
    expect(await requestRsvp(db, id, { name: owner.name, email: owner.email, locale: "nl" }, BASE)).toEqual({ ok: true });
    const token = await lastLinkMailedTo(owner.email);
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => confirmRsvp(db, token)),
      ...Array.from({ length: 5 }, () => rsvp(db, id, owner, BASE)),
    ]);
    // Every answer either succeeded or found the link spent by the owner's own answer; none took a second place.
    expect(results.every((result) => result.ok || result.formError === "events:link.invalid")).toBe(true);
    expect(await db.rsvp.findMany({ where: { eventId: id }, select: { status: true } })).toEqual([{ status: "CONFIRMED" }]);
    expect(await confirmedCount(id)).toBe(1);
  });

  it("tells nobody through an anonymous answer whether the address answered: a notice to an answered address, a new link to a pending one", async () => {
    const { id } = await newEvent("3");
    const owner = await resident(1400);
    expect(await rsvp(db, id, owner, BASE)).toEqual({ ok: true, answer: "CONFIRMED" });
    const before = await db.rsvp.findFirstOrThrow({ where: { eventId: id, email: owner.email } });
    expect(await requestRsvp(db, id, { name: "Iemand", email: owner.email, locale: "fr" }, BASE)).toEqual({ ok: true });
    const after = await db.rsvp.findFirstOrThrow({ where: { eventId: id, email: owner.email } });
    expect(after).toEqual(before);
    expect(await confirmedCount(id)).toBe(1);
    await deliverQueuedMail(db);
    const notice = (await readOutbox()).filter((mail) => mail.to === owner.email);
    expect(notice.map((mail) => mail.subject)).toEqual([
      translated("nl", "events:email.confirmed.subject", { title: "Zaaifeest" }),
      translated("nl", "events:email.alreadyAnswered.subject", { title: "Zaaifeest" }),
    ]);
    expect(notice[1]!.text).not.toMatch(LINK);

    // Asking again while pending: a new link, the old one stops working.
    const person = visitor(1401);
    expect(await requestRsvp(db, id, person, BASE)).toEqual({ ok: true });
    expect(await requestRsvp(db, id, person, BASE)).toEqual({ ok: true });
    const links = await linksMailedTo(person.email);
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    expect(await confirmRsvp(db, links[0]!)).toEqual({ ok: false, status: 410, formError: "events:link.invalid" });
    expect(await confirmRsvp(db, links[1]!)).toEqual({ ok: true, answer: "CONFIRMED" });
    expect(await confirmedCount(id)).toBe(2);
  });

  it("moves the first on the waiting list up when someone cancels, and tells them in their language", async () => {
    const { id } = await newEvent("1");
    const first = await confirmedVisitor(id, 100);
    const second = await confirmedVisitor(id, 101, "bg");
    const third = await confirmedVisitor(id, 102);
    expect([first, second, third].map(({ result }) => result.ok && result.answer)).toEqual(["CONFIRMED", "WAITING", "WAITING"]);
    // answering twice keeps the first answer
    expect(await requestRsvp(db, id, visitor(101, "bg"), BASE)).toEqual({ ok: true });
    expect(await db.rsvp.findFirstOrThrow({ where: { eventId: id, email: "buur101@example.org" } })).toMatchObject({ status: "WAITING" });

    expect(await cancelRsvp(db, { token: first.token }, BASE)).toEqual({ ok: true, eventId: id });
    expect(await cancelRsvp(db, { token: first.token }, BASE)).toEqual({ ok: false, status: 410, formError: "events:link.cancelled" });
    expect(await rsvpByToken(db, first.token)).toMatchObject({ state: "cancelled" });
    const byEmail = Object.fromEntries((await db.rsvp.findMany({ where: { eventId: id } })).map((row) => [row.email, row.status]));
    expect(byEmail).toEqual({ "buur100@example.org": "CANCELLED", "buur101@example.org": "CONFIRMED", "buur102@example.org": "WAITING" });

    await deliverQueuedMail(db);
    const subject = translated("bg", "events:email.promoted.subject", { title: "Сеитба" });
    const mail = (await readOutbox()).find((message) => message.to === "buur101@example.org" && message.subject === subject);
    expect(mail?.locale).toBe("bg");
  });

  it("moves the waiting list up when staff add places, and refuses fewer places than people confirmed", async () => {
    const { id, input } = await newEvent("2");
    for (let index = 200; index < 205; index++) await rsvp(db, id, await resident(index), BASE);
    expect(await updateEvent(db, staff, id, { ...input, capacity: 1 }, BASE)).toMatchObject({
      ok: false,
      errors: { capacity: "events:validation.capacityBelowConfirmed" },
    });
    expect(await updateEvent(db, staff, id, { ...input, capacity: 4 }, BASE)).toEqual({ ok: true, id });
    expect(await db.rsvp.count({ where: { eventId: id, status: "CONFIRMED" } })).toBe(4);
    expect(await db.rsvp.count({ where: { eventId: id, status: "WAITING" } })).toBe(1);
  });

  it("tells everyone when an event is cancelled, and takes no more answers", async () => {
    const { id, input } = await newEvent(undefined);
    const coming = await resident(300);
    await rsvp(db, id, coming, BASE);
    const { token } = await confirmedVisitor(id, 301, "bg");
    const pending = visitor(303);
    await requestRsvp(db, id, pending, BASE);
    const pendingLink = await lastLinkMailedTo(pending.email);
    expect(await cancelEvent(db, staff, id, "Storm voorspeld.", BASE)).toEqual({ ok: true, id });
    expect(await rsvp(db, id, await resident(302), BASE)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    expect(await requestRsvp(db, id, visitor(302), BASE)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    expect(await confirmRsvp(db, pendingLink)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    // Answers stay as they were: cancelling one would move nobody up to a cancelled event.
    expect(await cancelRsvp(db, { eventId: id, email: coming.email }, BASE)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    expect(await cancelRsvp(db, { token }, BASE)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    expect(await updateEvent(db, staff, id, input, BASE)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    await deliverQueuedMail(db);
    const mails = (await readOutbox()).filter((message) => message.to === "buur301@example.org");
    expect(mails.some((message) => message.locale === "bg" && message.text.includes("Storm voorspeld."))).toBe(true);
    // Unconfirmed answers were nobody's: nothing to tell.
    expect((await readOutbox()).filter((message) => message.to === pending.email)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { entityId: id, action: "event.cancel" } })).toBe(1);
  });

  it("links events only to a round and proposal of their neighbourhood, and lets proposal teams organise when the round allows", async () => {
    const elsewhere = await aNeighbourhood(db, { name: "Elders", city: "Gent" });
    const round = await aRound(db, { neighbourhood: neighbourhoodId });
    const foreignRound = await aRound(db, { neighbourhood: elsewhere });
    const author = await aUser(db);
    const proposal = await aProposal(db, { round, author });
    const { input } = await newEvent(undefined);
    expect(await createEvent(db, staff.id, { ...input, roundId: foreignRound.id })).toMatchObject({
      ok: false,
      errors: { roundId: "events:validation.linkMismatch" },
    });
    expect(await createEvent(db, staff.id, { ...input, roundId: round.id, proposalId: proposal.id })).toMatchObject({ ok: true });

    expect(await createTeamEvent(db, author, proposal.id, input)).toEqual({ ok: false, status: 409, formError: "events:errors.teamsMayNot" });
    await db.budgetRound.update({ where: { id: round.id }, data: { teamsMayCreateEvents: true } });
    // Staff organise events on the staff pages; a team event is for the people who carry the proposal.
    expect(await createTeamEvent(db, staff, proposal.id, input)).toEqual({ ok: false, status: 403, formError: "proposals:errors.notYours" });
    const team = await createTeamEvent(db, author, proposal.id, { ...input, neighbourhoodId: elsewhere.id });
    expect(team.ok).toBe(true);
    const stored = await db.event.findUniqueOrThrow({ where: { id: team.ok ? team.id : "" } });
    expect(stored).toMatchObject({ neighbourhoodId, roundId: round.id, proposalId: proposal.id, createdById: author.id });
  });
});
