import { useRef } from "react";
import type { GeoPolygon } from "~/kernel/geo";
import type { MapSettings } from "~/proposals/map";
import { MapUnavailable, useLeafletMap } from "./useLeafletMap";

export interface MarkedProposal {
  id: string;
  latitude: number;
  longitude: number;
  /** "#4 Bloembakken langs de Gasmeterlaan", in the reader's language where there is a translation. */
  label: string;
}

interface ProposalsMapProps {
  boundary: GeoPolygon | null;
  map: MapSettings;
  proposals: MarkedProposal[];
  /** What the map shows, for screen readers. */
  label: string;
  /** The element that says where the same information is in text. */
  describedBy?: string;
  /** One proposal's point in its page (small), or a round's proposals (large). */
  size?: "small" | "large";
}

/**
 * The round's proposals as markers, each opening a link to its page. Drawn in the browser only
 * (Leaflet); the list beside it holds the same proposals and is the way without JavaScript, a mouse
 * or sight.
 */
export function ProposalsMap({ boundary, map, proposals, label, describedBy, size = "large" }: ProposalsMapProps) {
  const element = useRef<HTMLDivElement>(null);

  const { failed } = useLeafletMap(
    element,
    map,
    { scrollWheelZoom: false },
    (L, leafletMap) => {
      const bounds = L.latLngBounds([]);
      if (boundary) {
        const outline = boundary.coordinates[0]!.map(([lng, lat]) => [lat, lng] as [number, number]);
        bounds.extend(L.polygon(outline, { color: "#0b5394", weight: 2, fillOpacity: 0.05 }).addTo(leafletMap).getBounds());
      }
      for (const proposal of proposals) {
        // Built as elements, never as HTML: titles are residents' text.
        const link = document.createElement("a");
        link.href = `/proposals/${proposal.id}`;
        link.textContent = proposal.label;
        link.dir = "auto";
        L.circleMarker([proposal.latitude, proposal.longitude], { radius: 9, color: "#8a4b00", fillOpacity: 0.8, className: "proposal-marker" })
          .bindPopup(link)
          .addTo(leafletMap);
        bounds.extend([proposal.latitude, proposal.longitude]);
      }
      if (bounds.isValid()) leafletMap.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    },
    [boundary, proposals],
  );

  return (
    <>
      <div ref={element} className={size === "large" ? "map map-large" : "map"} role="region" aria-label={label} aria-describedby={describedBy} />
      {failed ? <MapUnavailable /> : null}
    </>
  );
}
