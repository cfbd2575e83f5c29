import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MapUnavailable, useLeafletMap } from "~/proposals/components/useLeafletMap";
import type { MapSettings } from "~/proposals/map";
import { BELGIUM, checkBoundary } from "../boundary";

type Corner = [longitude: number, latitude: number];

interface BoundaryDrawerProps {
  /** The boundary text the form starts with: a valid outline is shown and drawn on. */
  initial: string;
  map: MapSettings;
  /** The drawn outline as GeoJSON (closed), or "" while it has fewer than three corners. */
  onDraw: (geojson: string) => void;
}

/** The outline's corners as the GeoJSON polygon the form takes, closed; "" below three corners. */
function drawnBoundary(corners: readonly Corner[]): string {
  return corners.length >= 3 ? JSON.stringify({ type: "Polygon", coordinates: [[...corners, corners[0]]] }) : "";
}

/**
 * An optional Leaflet map to draw the boundary by clicking its corners in turn: it only fills in the
 * GeoJSON field, which (with the file upload) stays the way without JavaScript or a mouse, and is
 * checked like a pasted one. Leaflet is loaded in the browser only, when the form is shown.
 */
export function BoundaryDrawer({ initial, map, onDraw }: BoundaryDrawerProps) {
  const { t } = useTranslation("workspace");
  const element = useRef<HTMLDivElement>(null);
  const corners = useRef<Corner[]>([]);
  const redraw = useRef(() => {});
  const draw = useRef(onDraw);
  draw.current = onDraw;
  const [count, setCount] = useState(0);

  // Clicks add corners, so a double click does not zoom. The map is made once; later the corners change
  // through clicks and the buttons.
  const { failed } = useLeafletMap(
    element,
    map,
    { scrollWheelZoom: false, doubleClickZoom: false },
    (L, leafletMap) => {
      const start = checkBoundary(initial);
      corners.current = start.ok ? start.polygon.coordinates[0]!.slice(0, -1) : [];
      const outline = L.polygon([], { color: "#0b5394", weight: 2, fillOpacity: 0.1 }).addTo(leafletMap);
      const markers = L.layerGroup().addTo(leafletMap);
      redraw.current = () => {
        const latLngs = corners.current.map(([longitude, latitude]) => L.latLng(latitude, longitude));
        outline.setLatLngs(latLngs);
        markers.clearLayers();
        for (const corner of latLngs) L.circleMarker(corner, { radius: 4, color: "#8a4b00", fillOpacity: 0.9 }).addTo(markers);
        setCount(corners.current.length);
      };
      redraw.current();
      leafletMap.fitBounds(
        corners.current.length >= 3
          ? outline.getBounds()
          : [
              [BELGIUM.south, BELGIUM.west],
              [BELGIUM.north, BELGIUM.east],
            ],
      );
      leafletMap.on("click", (event) => {
        corners.current = [...corners.current, [Number(event.latlng.lng.toFixed(6)), Number(event.latlng.lat.toFixed(6))]];
        redraw.current();
        draw.current(drawnBoundary(corners.current));
      });
    },
    [],
  );

  const change = (next: Corner[]) => {
    corners.current = next;
    redraw.current();
    draw.current(drawnBoundary(next));
  };

  return (
    <div className="map-picker stack">
      <p className="field-hint" id="boundary-map-hint">
        {t("neighbourhoods.form.drawHint")}
      </p>
      <div ref={element} className="map" role="region" aria-label={t("neighbourhoods.form.drawMap")} aria-describedby="boundary-map-hint" />
      {failed ? <MapUnavailable /> : null}
      <div className="button-row">
        <button type="button" className="button button-secondary" disabled={count === 0} onClick={() => change(corners.current.slice(0, -1))}>
          {t("neighbourhoods.form.drawUndo")}
        </button>
        <button type="button" className="button button-secondary" disabled={count === 0} onClick={() => change([])}>
          {t("neighbourhoods.form.drawClear")}
        </button>
      </div>
    </div>
  );
}
