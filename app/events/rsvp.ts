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
  return [...waiting]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .slice(0, freePlaces);
}

/** A person's place on the waiting list, counting from 1. */
export function waitingPosition<T extends { createdAt: Date; id: string }>(waiting: T[], id: string): number | null {
  const index = toPromote(waiting, waiting.length).findIndex((entry) => entry.id === id);
  return index === -1 ? null : index + 1;
}
