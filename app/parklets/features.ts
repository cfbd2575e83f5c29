/** What a parklet offers, from a fixed list (each has a translated name: parklets:features.<key>). */
export const PARKLET_FEATURES = ["benches", "plants", "table", "shade", "bike-rack"] as const;
export type ParkletFeature = (typeof PARKLET_FEATURES)[number];

export function isFeature(value: unknown): value is ParkletFeature {
  return typeof value === "string" && (PARKLET_FEATURES as readonly string[]).includes(value);
}

/** The stored JSON array → known features in the list's order; anything else is left out. */
export function parseFeatures(json: string): ParkletFeature[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const found = new Set(Array.isArray(value) ? value.filter(isFeature) : []);
  return PARKLET_FEATURES.filter((feature) => found.has(feature));
}

export function serializeFeatures(features: readonly ParkletFeature[]): string {
  const chosen = new Set(features);
  return JSON.stringify(PARKLET_FEATURES.filter((feature) => chosen.has(feature)));
}
