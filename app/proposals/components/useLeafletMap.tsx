import type * as Leaflet from "leaflet";
import { useEffect, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { MapSettings } from "~/proposals/map";

type LeafletModule = typeof Leaflet;

/**
 * A Leaflet map in `element`, drawn in the browser only: Leaflet is loaded when the component mounts, the map
 * made with the city's tiles, and `build` adds the component's own layers and handlers. The map, with all of
 * them, is removed when the component goes or `rebuildOn` changes. Every map of the app
 * is also the way to something the page offers without it (a list, fields), so a map that cannot load says so
 * (`failed`, shown by MapUnavailable) and the page goes on working.
 */
export function useLeafletMap(
  element: RefObject<HTMLElement | null>,
  tiles: MapSettings,
  options: Leaflet.MapOptions,
  build: (L: LeafletModule, map: Leaflet.Map) => void,
  rebuildOn: readonly unknown[],
): { failed: boolean } {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let disposed = false;
    let remove = () => {};
    import("leaflet").then(
      ({ default: L }) => {
        if (disposed || !element.current) return;
        const map = L.map(element.current, options);
        L.tileLayer(tiles.tileUrl, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
        build(L, map);
        remove = () => map.remove();
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      remove();
    };
    // `build` and `options` are read when the map is made; what should make it anew is in `rebuildOn`.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [element, tiles.tileUrl, tiles.attribution, ...rebuildOn]);
  return { failed };
}

/** What a map that could not load says in its place. */
export function MapUnavailable() {
  const { t } = useTranslation("common");
  return (
    <p className="alert alert-info" role="status">
      {t("map.unavailable")}
    </p>
  );
}
