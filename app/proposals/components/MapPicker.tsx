import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { GeoPolygon } from "~/kernel/geo";
import type { MapSettings } from "~/proposals/map";
import { MapUnavailable, useLeafletMap } from "./useLeafletMap";

interface MapPickerProps {
  boundary: GeoPolygon;
  map: MapSettings;
  latitude: number | null;
  longitude: number | null;
  onPick: (point: { latitude: number; longitude: number }) => void;
}

/**
 * An optional Leaflet map to pick the point by clicking: it only fills in the latitude and
 * longitude fields, which stay the accessible way (and the only one without JavaScript).
 * Leaflet is loaded in the browser only, when the form is shown.
 */
export function MapPicker({ boundary, map, latitude, longitude, onPick }: MapPickerProps) {
  const { t } = useTranslation("proposal-form");
  const element = useRef<HTMLDivElement>(null);
  const markerRef = useRef<{ setLatLng: (point: [number, number]) => unknown } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // The map is made once per boundary; later point changes only move the marker (below).
  const { failed } = useLeafletMap(
    element,
    map,
    { scrollWheelZoom: false },
    (L, leafletMap) => {
      const outline = boundary.coordinates[0]!.map(([lng, lat]) => [lat, lng] as [number, number]);
      const area = L.polygon(outline, { color: "#0b5394", weight: 2, fillOpacity: 0.05 }).addTo(leafletMap);
      leafletMap.fitBounds(area.getBounds());
      const marker = L.circleMarker([latitude ?? 0, longitude ?? 0], { radius: 9, color: "#8a4b00", fillOpacity: 0.8 });
      if (latitude !== null && longitude !== null) marker.addTo(leafletMap);
      markerRef.current = marker;
      leafletMap.on("click", (event) => {
        const point = { latitude: Number(event.latlng.lat.toFixed(6)), longitude: Number(event.latlng.lng.toFixed(6)) };
        marker.setLatLng([point.latitude, point.longitude]).addTo(leafletMap);
        pick.current(point);
      });
    },
    [boundary],
  );

  useEffect(() => {
    if (latitude !== null && longitude !== null) markerRef.current?.setLatLng([latitude, longitude]);
  }, [latitude, longitude]);

  return (
    <div className="map-picker">
      <p className="field-hint" id="map-hint">
        {t("form.mapHint")}
      </p>
      <div ref={element} className="map" role="region" aria-label={t("form.mapLabel")} aria-describedby="map-hint" />
      {failed ? <MapUnavailable /> : null}
    </div>
  );
}
