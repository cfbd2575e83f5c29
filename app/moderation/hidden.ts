// What residents get of a proposal that moderation hid (decision 0036): its number, status and the
// reason — never its texts, cost labels, place or photos, which are kept only for an appeal.
import type { Locale } from "~/i18n/config";

interface HideableProposal {
  texts: readonly unknown[];
  photos?: readonly unknown[];
  costLines?: readonly { label: string; labels: string }[];
  locationText?: string;
  latitude?: number | null;
  longitude?: number | null;
  carrierNames?: string;
}

/** The proposal without what its writers wrote: the page then shows "hidden by moderation" and the reason. */
export function withoutHiddenText<P extends HideableProposal>(proposal: P): P {
  return {
    ...proposal,
    texts: [],
    ...(proposal.photos ? { photos: [] } : {}),
    ...(proposal.costLines ? { costLines: proposal.costLines.map((line) => ({ ...line, label: "", labels: "{}" })) } : {}),
    ...(proposal.locationText !== undefined ? { locationText: "" } : {}),
    ...(proposal.latitude !== undefined ? { latitude: null, longitude: null } : {}),
    ...(proposal.carrierNames !== undefined ? { carrierNames: "" } : {}),
  };
}

/** What a reader is told of a hidden proposal: the public reason, in the language it is written in. */
export interface HiddenNote {
  reason: string;
  locale: Locale | null;
}

/**
 * A list's rows as this reader gets them: a hidden proposal's row loses its texts (`withoutHiddenText`)
 * and carries its note, except for staff who moderate (they keep the text, for an appeal).
 */
export function withHiddenNotes<R extends { id: string } & HideableProposal>(
  rows: readonly R[],
  hidden: ReadonlyMap<string, HiddenNote>,
  mayModerate: boolean,
): (R & { hidden: HiddenNote | null })[] {
  return rows.map((row) => {
    const note = hidden.get(row.id) ?? null;
    return { ...(note && !mayModerate ? withoutHiddenText(row) : row), hidden: note };
  });
}
