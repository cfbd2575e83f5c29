// Offered ⇔ accepted: over event state × actor, what an event's pages offer (the `may` their loader
// functions get from app/events/policy.ts) is exactly what the functions behind their forms accept:
// the answer and cancel forms of the event page, the confirm and cancel buttons of an emailed link's
// page, and the staff page's forms and attendee list.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { attendees, cancelEvent, cancelRsvp, confirmRsvp, eventForViewer, requestRsvp, rsvp, rsvpByToken, updateEvent } from "~/events/events.server";
import { pendingUntil } from "~/events/rsvp";
import { eventSchema } from "~/events/schema";
import type { Result } from "~/kernel/result";
import { hashToken } from "~/kernel/tokens";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const BASE = "https://wijkbudget.test";
const HOUR = 3_600_000;
const PENDING_TOKEN = "pendingpendingpendingpendingpend";
const ANSWERED_TOKEN = "answeredansweredansweredanswered";
const STATES = ["upcoming", "full", "started", "ended", "cancelled"] as const;
type EventState = (typeof STATES)[number];

describe("an event's pages offer exactly what their forms accept", () => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let eventId: string;
  const people = {} as Record<"staff" | "resident" | "answered", SessionUser>;
  const person = (user: SessionUser) => ({ userId: user.id, name: user.name, email: user.email, locale: "nl" as const });

  /**
   * The event in `state`, with its answers: the resident `answered` (an account), a visitor's
   * answer waiting for confirmation and a visitor's answer made through the emailed link; when
   * full, a neighbour holds the one place and the others wait.
   */
  async function reset(state: EventState) {
    const start = state === "started" ? -1 : state === "ended" ? -3 : 48;
    const startsAt = new Date(Date.now() + start * HOUR);
    const full = state === "full";
    await db.rsvp.deleteMany({ where: { eventId } });
    const answer: "WAITING" | "CONFIRMED" = full ? "WAITING" : "CONFIRMED";
    const rows = [
      ...(full ? [{ email: "buur@example.org", name: "Buur", status: "CONFIRMED" as const }] : []),
      { email: people.answered.email, name: people.answered.name, userId: people.answered.id, status: answer },
      {
        email: "wacht@example.org",
        name: "Wacht",
        status: "PENDING" as const,
        cancelTokenHash: hashToken(PENDING_TOKEN),
        pendingUntil: pendingUntil(new Date(), startsAt),
      },
      { email: "link@example.org", name: "Link", status: answer, cancelTokenHash: hashToken(ANSWERED_TOKEN) },
    ];
    await db.rsvp.createMany({ data: rows.map((row) => ({ ...row, eventId, locale: "nl" })) });
    await db.event.update({
      where: { id: eventId },
      data: {
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        capacity: full ? 1 : 10,
        confirmedCount: rows.filter((row) => row.status === "CONFIRMED").length,
        cancelledAt: state === "cancelled" ? new Date() : null,
      },
    });
  }

  const input = () =>
    eventSchema.parse({
      intent: "save",
      neighbourhoodId: "unchanged",
      originalLocale: "nl",
      translations: { nl: { title: "Zaaifeest", description: "Samen zaaien" } },
      startsAt: "2099-05-01T14:00",
      endsAt: "2099-05-01T17:00",
      place: "Rolliersstraat",
      organiser: "Kroonmolen aan Zet",
    });

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    for (const key of ["staff", "resident", "answered"] as const) {
      const role = key === "staff" ? "STAFF" : "RESIDENT";
      const row = await db.user.create({ data: { email: `${key}@example.org`, name: key, passwordHash: "x", role, emailVerifiedAt: new Date() } });
      people[key] = { id: row.id, email: row.email, name: row.name, role, locale: "nl" };
    }
    const neighbourhood = await db.neighbourhood.create({ data: { slug: "kroonmolen", name: "Kroonmolen", city: "Sint-Niklaas", boundary: "{}" } });
    const event = await db.event.create({
      data: {
        neighbourhoodId: neighbourhood.id,
        originalLocale: "nl",
        startsAt: new Date(),
        endsAt: new Date(),
        place: "Rolliersstraat",
        organiser: "Kroonmolen aan Zet",
        createdById: people.staff.id,
        texts: { create: { locale: "nl", title: "Zaaifeest", description: "Samen zaaien" } },
      },
    });
    eventId = event.id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("for every event state and actor", { timeout: 60_000 }, async () => {
    const mismatches: string[] = [];
    const accepted = new Set<string>();
    /** Resets the event, reads what `offer` says the page offers, then sends the form. */
    async function check(state: EventState, form: string, offer: () => Promise<boolean>, send: () => Promise<Result>) {
      await reset(state);
      const offered = await offer();
      const answer = await send();
      if (answer.ok) accepted.add(form);
      if (answer.ok !== offered)
        mismatches.push(`${state} · ${form}: offered ${offered}, ${answer.ok ? "accepted" : `refused ${answer.status} ${answer.formError}`}`);
    }
    const page = (user: SessionUser | null) => eventForViewer(db, user, eventId).then((shown) => shown!);

    for (const state of STATES) {
      // The event page: the answer form for someone without an answer, a visitor's form for a visitor.
      for (const who of ["resident", "staff"] as const) {
        await check(
          state,
          `${who} answers`,
          async () => {
            const shown = await page(people[who]);
            return !shown.mine && shown.may.answer;
          },
          () => rsvp(db, eventId, person(people[who]), BASE),
        );
      }
      await check(
        state,
        "visitor answers",
        async () => (await page(null)).may.answer,
        () => requestRsvp(db, eventId, { name: "Nieuw", email: "nieuw@example.org", locale: "nl" }, BASE),
      );
      // Someone with an answer is shown it with a cancel form instead of the answer form. Sending the
      // answer form again (a double click) is taken exactly where the event takes answers, and keeps
      // the first answer.
      await check(
        state,
        "resident cancels",
        async () => {
          const shown = await page(people.answered);
          return !!shown.mine && shown.may.cancelAnswer;
        },
        () => cancelRsvp(db, { eventId, email: people.answered.email }, BASE),
      );
      await check(
        state,
        "resident answers again",
        async () => (await page(people.answered)).may.answer,
        () => rsvp(db, eventId, person(people.answered), BASE),
      );
      expect(await db.rsvp.findFirst({ where: { eventId, email: people.answered.email } }), `${state}: a second answer changes nothing`).toMatchObject({
        status: state === "full" ? "WAITING" : "CONFIRMED",
      });

      // The emailed link's page: confirm while pending, cancel once answered.
      await check(
        state,
        "link confirms",
        async () => {
          const link = (await rsvpByToken(db, PENDING_TOKEN))!;
          return link.state === "pending" && link.may.confirm;
        },
        () => confirmRsvp(db, PENDING_TOKEN),
      );
      await check(
        state,
        "link cancels",
        async () => {
          const link = (await rsvpByToken(db, ANSWERED_TOKEN))!;
          return (link.state === "confirmed" || link.state === "waiting") && link.may.cancelAnswer;
        },
        () => cancelRsvp(db, { token: ANSWERED_TOKEN }, BASE),
      );

      // The staff page: its forms and the attendee list; a resident has none of them.
      for (const who of ["staff", "resident"] as const) {
        const user = people[who];
        await check(
          state,
          `${who} edits`,
          async () => (await page(user)).may.manage,
          async () => {
            const event = await db.event.findUniqueOrThrow({ where: { id: eventId } });
            return updateEvent(db, user, eventId, { ...input(), neighbourhoodId: event.neighbourhoodId }, BASE);
          },
        );
        await check(
          state,
          `${who} cancels the event`,
          async () => (await page(user)).may.manage,
          () => cancelEvent(db, user, eventId, "Storm voorspeld.", BASE),
        );
        await check(
          state,
          `${who} lists attendees`,
          async () => (await page(user)).may.seeAttendees,
          () => attendees(db, user, eventId),
        );
      }

      // A visitor who may no longer answer is told an account still could, exactly while one can.
      await reset(state);
      const visitor = await page(null);
      expect(visitor.answerAfterLogIn, state).toBe(!visitor.may.answer && (await page(people.resident)).may.answer);
    }
    expect(mismatches).toEqual([]);
    // Not a sweep of refusals only: every form is accepted somewhere.
    expect([...accepted].sort()).toEqual(
      [
        "resident answers",
        "staff answers",
        "visitor answers",
        "resident cancels",
        "resident answers again",
        "link confirms",
        "link cancels",
        "staff edits",
        "staff cancels the event",
        "staff lists attendees",
      ].sort(),
    );
  });
});
