// How a funded project is realised: the statuses a realisation update may set, forward only. Pure.

export const REALISATION_STATUSES = ["IN_PROGRESS", "REALISED"] as const;
export type RealisationStatus = (typeof REALISATION_STATUSES)[number];

/** Where a funded project stands: updates move it forward only (FUNDED → IN_PROGRESS → REALISED). */
const PROGRESS = ["FUNDED", "IN_PROGRESS", "REALISED"] as const;

export function mayMoveTo(current: string, next: RealisationStatus): boolean {
  const from = (PROGRESS as readonly string[]).indexOf(current);
  return from !== -1 && PROGRESS.indexOf(next) >= from;
}

export function isRealisable(status: string): boolean {
  return (PROGRESS as readonly string[]).includes(status);
}
