import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { cancelEvent, cancelRsvp, createEvent, createTeamEvent, rsvp, updateEvent } from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import { readOutbox, settleMail } from "~/mail/mailer.server";
import { translation } from "../support/locales";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const BASE = "https://wijkbudget.test";

describe.each(testProviders())("events on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let staffId: string;
  let neighbourhoodId: string;

  async function newEvent(capacity: string | undefined) {
    const input = eventSchema.parse({
      intent: "save",
      neighbourhoodId,
      originalLocale: "nl",
      translations: { nl: { title: "Zaaifeest", description: "Samen zaaien" }, bg: { title: "Сеитба", description: "Заедно" } },
      startsAt: "2099-05-01T14:00",
      endsAt: "2099-05-01T17:00",
      place: "Rolliersstraat",
      organiser: "Kroonmolen aan Zet",
      capacity,
    });
    const result = await createEvent(db, staffId, input);
    if (!result.ok) throw new Error(result.error);
    return { id: result.id, input };
  }

  const person = (index: number, locale: "nl" | "bg" = "nl") => ({ userId: null, name: `Buur ${index}`, email: `buur${index}@example.org`, locale });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    staffId = (await db.user.create({ data: { email: "staff@example.org", name: "Staff", passwordHash: "x", role: "STAFF" } })).id;
    neighbourhoodId = (await db.neighbourhood.create({ data: { slug: "kroonmolen", name: "Kroonmolen", city: "Sint-Niklaas", boundary: "{}" } })).id;
  });

  afterAll(async () => {
    await settleMail();
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("never overbooks: 50 simultaneous answers for 10 places give 10 confirmed and 40 waiting", async () => {
    const { id } = await newEvent("10");
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => rsvp(db, id, person(index), BASE)));
    expect(results.every((result) => result.ok)).toBe(true);
    const statuses = results.map((result) => (result.ok ? result.status : "ERROR"));
    expect(statuses.filter((status) => status === "CONFIRMED")).toHaveLength(10);
    expect(statuses.filter((status) => status === "WAITING")).toHaveLength(40);
    expect(await db.rsvp.count({ where: { eventId: id, status: "CONFIRMED" } })).toBe(10);
    expect(await db.rsvp.count({ where: { eventId: id, status: "WAITING" } })).toBe(40);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).confirmedCount).toBe(10);
  });

  it("moves the first on the waiting list up when someone cancels, and tells them in their language", async () => {
    const { id } = await newEvent("1");
    const first = await rsvp(db, id, person(100), BASE);
    const second = await rsvp(db, id, person(101, "bg"), BASE);
    const third = await rsvp(db, id, person(102), BASE);
    expect([first, second, third].map((result) => result.ok && result.status)).toEqual(["CONFIRMED", "WAITING", "WAITING"]);
    // answering twice keeps the first answer
    expect(await rsvp(db, id, person(101, "bg"), BASE)).toMatchObject({ ok: true, status: "WAITING" });

    const token = first.ok ? first.cancelToken! : "";
    expect(await cancelRsvp(db, { token }, BASE)).toEqual({ ok: true, eventId: id });
    expect(await cancelRsvp(db, { token }, BASE)).toEqual({ ok: false, status: 404 });
    const byEmail = Object.fromEntries((await db.rsvp.findMany({ where: { eventId: id } })).map((row) => [row.email, row.status]));
    expect(byEmail).toEqual({ "buur100@example.org": "CANCELLED", "buur101@example.org": "CONFIRMED", "buur102@example.org": "WAITING" });

    await settleMail();
    const subject = translation("bg", "events:email.promoted.subject").replace("{{title}}", "Сеитба");
    const mail = (await readOutbox()).find((message) => message.to === "buur101@example.org" && message.subject === subject);
    expect(mail?.locale).toBe("bg");
  });

  it("moves the waiting list up when staff add places, and refuses fewer places than people confirmed", async () => {
    const { id, input } = await newEvent("2");
    for (let index = 200; index < 205; index++) await rsvp(db, id, person(index), BASE);
    expect(await updateEvent(db, staffId, id, { ...input, capacity: 1 }, BASE)).toMatchObject({ ok: false, field: "capacity" });
    expect(await updateEvent(db, staffId, id, { ...input, capacity: 4 }, BASE)).toEqual({ ok: true, id });
    expect(await db.rsvp.count({ where: { eventId: id, status: "CONFIRMED" } })).toBe(4);
    expect(await db.rsvp.count({ where: { eventId: id, status: "WAITING" } })).toBe(1);
  });

  it("tells everyone when an event is cancelled, and takes no more answers", async () => {
    const { id } = await newEvent(undefined);
    await rsvp(db, id, person(300), BASE);
    await rsvp(db, id, person(301, "bg"), BASE);
    expect(await cancelEvent(db, staffId, id, "Storm voorspeld.")).toEqual({ ok: true, id });
    expect(await rsvp(db, id, person(302), BASE)).toEqual({ ok: false, status: 409, error: "events:errors.cancelled" });
    await settleMail();
    const mails = (await readOutbox()).filter((message) => message.to === "buur301@example.org");
    expect(mails.some((message) => message.locale === "bg" && message.text.includes("Storm voorspeld."))).toBe(true);
    expect(await db.auditLog.count({ where: { entityId: id, action: "event.cancel" } })).toBe(1);
  });

  it("links events only to a round and proposal of their neighbourhood, and lets proposal teams organise when the round allows", async () => {
    const elsewhere = await db.neighbourhood.create({ data: { slug: "elders", name: "Elders", city: "Gent", boundary: "{}" } });
    const round = await db.budgetRound.create({ data: { neighbourhoodId, originalLocale: "nl", budgetCents: 100_000, phase: "SUBMISSION" } });
    const foreignRound = await db.budgetRound.create({ data: { neighbourhoodId: elsewhere.id, originalLocale: "nl", budgetCents: 100_000, phase: "SUBMISSION" } });
    const author = await db.user.create({ data: { email: "team@example.org", name: "Team", passwordHash: "x" } });
    const proposal = await db.proposal.create({ data: { roundId: round.id, authorId: author.id, originalLocale: "nl", status: "SUBMITTED", number: 1 } });
    const { input } = await newEvent(undefined);
    expect(await createEvent(db, staffId, { ...input, roundId: foreignRound.id })).toMatchObject({ ok: false, field: "roundId" });
    expect(await createEvent(db, staffId, { ...input, roundId: round.id, proposalId: proposal.id })).toMatchObject({ ok: true });

    expect(await createTeamEvent(db, author, proposal.id, input)).toMatchObject({ ok: false, status: 409 });
    await db.budgetRound.update({ where: { id: round.id }, data: { teamsMayCreateEvents: true } });
    expect(await createTeamEvent(db, { id: staffId }, proposal.id, input)).toMatchObject({ ok: false, status: 409 });
    const team = await createTeamEvent(db, author, proposal.id, { ...input, neighbourhoodId: elsewhere.id });
    expect(team.ok).toBe(true);
    const stored = await db.event.findUniqueOrThrow({ where: { id: team.ok ? team.id : "" } });
    expect(stored).toMatchObject({ neighbourhoodId, roundId: round.id, proposalId: proposal.id, createdById: author.id });
  });
});
