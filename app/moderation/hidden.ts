// What residents get of a proposal that moderation hid (decision 0036): its number, status and the
// reason — never its texts, cost labels, place or photos, which are kept only for an appeal.

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
