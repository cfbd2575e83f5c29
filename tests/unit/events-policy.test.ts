import { describe, expect, it } from "vitest";
import { actorOf, allowedActions, decide, type EventFacts } from "~/events/policy";

const now = new Date("2027-05-01T12:00:00Z");
const hours = (count: number) => new Date(now.getTime() + count * 3_600_000);

const upcoming: EventFacts = { cancelledAt: null, startsAt: hours(24), endsAt: hours(27) };
const started: EventFacts = { cancelledAt: null, startsAt: hours(-1), endsAt: hours(2) };
const ended: EventFacts = { cancelledAt: null, startsAt: hours(-3), endsAt: hours(-1) };
const cancelled: EventFacts = { ...upcoming, cancelledAt: hours(-5) };

describe("an event's actor", () => {
  it("is staff with the events permission, a resident with an account, a visitor without", () => {
    expect(actorOf({ role: "ADMIN" })).toBe("staff");
    expect(actorOf({ role: "STAFF" })).toBe("staff");
    expect(actorOf({ role: "RESIDENT" })).toBe("resident");
    expect(actorOf(null)).toBe("visitor");
  });
});

describe("what an event allows", () => {
  it("takes everyone's answers before its start, residents' until its end, nobody's once cancelled", () => {
    expect(allowedActions("visitor", upcoming, now)).toMatchObject({ answer: true, confirm: true, cancelAnswer: true });
    expect(decide("visitor", started, "answer", now)).toEqual({ ok: false, status: 409, formError: "events:errors.started" });
    expect(decide("resident", started, "answer", now)).toEqual({ ok: true });
    expect(decide("staff", started, "answer", now)).toEqual({ ok: true });
    expect(decide("resident", ended, "answer", now)).toEqual({ ok: false, status: 409, formError: "events:errors.past" });
    expect(decide("resident", cancelled, "answer", now)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    // The end is the end: an event ending now takes no more answers.
    expect(decide("resident", { ...started, endsAt: now }, "answer", now).ok).toBe(false);
  });

  it("lets an answer be cancelled while the event still runs, not after its end or a cancellation", () => {
    expect(decide("resident", started, "cancelAnswer", now)).toEqual({ ok: true });
    expect(decide("visitor", started, "cancelAnswer", now)).toEqual({ ok: true });
    expect(decide("visitor", ended, "cancelAnswer", now)).toEqual({ ok: false, status: 409, formError: "events:errors.past" });
    expect(decide("resident", cancelled, "cancelAnswer", now)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
  });

  it("leaves confirming a visitor's answer to its link, except after a cancellation", () => {
    expect(decide("visitor", ended, "confirm", now)).toEqual({ ok: true });
    expect(decide("visitor", cancelled, "confirm", now)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
  });

  it("is managed by staff until it is cancelled; staff see who answered, also afterwards", () => {
    expect(allowedActions("staff", upcoming, now)).toEqual({ manage: true, seeAttendees: true, answer: true, confirm: true, cancelAnswer: true });
    expect(allowedActions("staff", ended, now)).toMatchObject({ manage: true, seeAttendees: true });
    expect(allowedActions("staff", cancelled, now)).toEqual({ manage: false, seeAttendees: true, answer: false, confirm: false, cancelAnswer: false });
    expect(decide("staff", cancelled, "manage", now)).toEqual({ ok: false, status: 409, formError: "events:errors.cancelled" });
    for (const actor of ["resident", "visitor"] as const) {
      expect(decide(actor, upcoming, "manage", now)).toMatchObject({ ok: false, status: 403 });
      expect(decide(actor, upcoming, "seeAttendees", now)).toMatchObject({ ok: false, status: 403 });
    }
  });
});
