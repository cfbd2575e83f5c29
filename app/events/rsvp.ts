/** An event is full when it has a capacity and that many confirmed places. */
export function hasRoom(confirmedCount: number, capacity: number | null): boolean {
  return capacity === null || confirmedCount < capacity;
}

export function placesLeft(confirmedCount: number, capacity: number | null): number | null {
  return capacity === null ? null : Math.max(0, capacity - confirmedCount);
}

/**
 * Who moves up from the waiting list when places free up: the earliest on the list first, as many
 * as there are free places (the list's order is the order people joined it).
 */
export function toPromote<T extends { createdAt: Date; id: string }>(waiting: T[], freePlaces: number): T[] {
  if (freePlaces <= 0) return [];
  return [...waiting].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)).slice(0, freePlaces);
}

/** A person's place on the waiting list, counting from 1. */
export function waitingPosition<T extends { createdAt: Date; id: string }>(waiting: T[], id: string): number | null {
  const index = toPromote(waiting, waiting.length).findIndex((entry) => entry.id === id);
  return index === -1 ? null : index + 1;
}

/** How long a visitor's emailed link to confirm an RSVP works. */
export const PENDING_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * Until when a visitor's answer waits for confirmation: 24 hours, and never past the event's start
 * (a place confirmed later could not be given to the waiting list in time).
 */
export function pendingUntil(now: Date, startsAt: Date): Date {
  return new Date(Math.min(now.getTime() + PENDING_FOR_MS, startsAt.getTime()));
}

export type RsvpLinkState = "pending" | "expired" | "confirmed" | "waiting" | "cancelled";

/**
 * What the emailed link of an RSVP can still do: confirm it (until it expires, and never once the
 * event has started, even if staff moved the start earlier), show and cancel it, or nothing.
 */
export function rsvpLinkState(row: { status: string; pendingUntil: Date | null }, startsAt: Date, now: Date): RsvpLinkState {
  switch (row.status) {
    case "PENDING":
      return row.pendingUntil && row.pendingUntil > now && startsAt > now ? "pending" : "expired";
    case "CONFIRMED":
      return "confirmed";
    case "WAITING":
      return "waiting";
    default:
      return "cancelled";
  }
}
