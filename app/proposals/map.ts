/** Map tiles come from a configurable server (MAP_TILE_URL), since many cities run their own. */
export const DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors";

/** Where the map's tiles come from, and whom they credit. */
export interface MapSettings {
  tileUrl: string;
  attribution: string;
}

export function mapSettings(env: Record<string, string | undefined> = process.env): MapSettings {
  return {
    tileUrl: env.MAP_TILE_URL || DEFAULT_TILE_URL,
    attribution: env.MAP_TILE_ATTRIBUTION || DEFAULT_TILE_ATTRIBUTION,
  };
}

/** The CSP source that allows the tiles: "https://{s}.tiles.city.be/…" → "https://*.tiles.city.be". */
export function tileSource(tileUrl: string): string | null {
  const match = /^(https?:\/\/)([^/]+)/.exec(tileUrl.replace(/\{s\}/g, "*"));
  return match && /^[\w*.-]+(:\d+)?$/.test(match[2]!) ? `${match[1]}${match[2]}` : null;
}
