// Who may do what with an event, and when. Pure: the server functions ask `decide()` before they
// read or write, and the event pages offer exactly what `allowedActions()` allows — the same rule,
// so a form is shown if and only if sending it is accepted. Organising an event for a proposal is
// the proposal's policy (app/proposals/policy.ts, "organiseEvent").
import { can, type Role } from "~/auth/permissions";
import { refused, type Refused, type Result } from "~/kernel/result";

/**
 * Staff run the calendar; a resident answers with their account; a visitor answers with a name and
 * an address and makes it count through the emailed link (the link's page is the visitor's too).
 */
export type EventActor = "staff" | "resident" | "visitor";

export function actorOf(user: { role: Role } | null): EventActor {
  if (can(user, "event:manage")) return "staff";
  return user ? "resident" : "visitor";
}

/** What the policy reads of an event. */
export interface EventFacts {
  cancelledAt: Date | null;
  startsAt: Date;
  endsAt: Date;
}

export const EVENT_ACTIONS = ["manage", "seeAttendees", "answer", "confirm", "cancelAnswer"] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

const EVERYONE: readonly EventActor[] = ["staff", "resident", "visitor"];

/** Who may ask for each action (anyone else: 403). Staff answer for themselves like any resident. */
const WHO: Record<EventAction, readonly EventActor[]> = {
  manage: ["staff"],
  seeAttendees: ["staff"],
  answer: EVERYONE,
  confirm: EVERYONE,
  cancelAnswer: EVERYONE,
};

/**
 * When each action is possible: the refusal (409) when it is not. A full event still takes
 * answers — they go on the waiting list — so being full refuses nothing.
 */
function notNow(action: EventAction, actor: EventActor, event: EventFacts, now: Date): Refused | null {
  const cancelled = event.cancelledAt !== null;
  const ended = event.endsAt <= now;
  switch (action) {
    // A cancellation is final: nothing about the event changes after it.
    case "manage":
      return cancelled ? refused(409, "events:errors.cancelled") : null;
    // Staff reach the people who answered also after a cancellation or the event's end.
    case "seeAttendees":
      return null;
    case "answer":
      if (cancelled) return refused(409, "events:errors.cancelled");
      if (ended) return refused(409, "events:errors.past");
      // A visitor's answer waits for confirmation until the start at the latest: after it, nothing could be confirmed.
      if (actor === "visitor" && event.startsAt <= now) return refused(409, "events:errors.started");
      return null;
    // Whether the emailed link can still confirm (it expires at the start) is the link's own state (rsvp.ts).
    case "confirm":
      return cancelled ? refused(409, "events:errors.cancelled") : null;
    // An answer is cancelled while it could still free a place: not after a cancellation (nobody
    // would be moved up to come) nor after the end.
    case "cancelAnswer":
      if (cancelled) return refused(409, "events:errors.cancelled");
      if (ended) return refused(409, "events:errors.past");
      return null;
  }
}

/** May `actor` do `action` with this event now? */
export function decide(actor: EventActor, event: EventFacts, action: EventAction, now: Date): Result {
  if (!WHO[action].includes(actor)) return refused(403, "errors:forbidden.body");
  return notNow(action, actor, event, now) ?? { ok: true };
}

/** Everything `actor` may do with the event now: what its pages offer. */
export function allowedActions(actor: EventActor, event: EventFacts, now: Date): Record<EventAction, boolean> {
  return Object.fromEntries(EVENT_ACTIONS.map((action) => [action, decide(actor, event, action, now).ok])) as Record<EventAction, boolean>;
}
