import { LOCALES } from "~/i18n/config";
import { dateToCityWallTime } from "~/kernel/city-time";

interface StoredEvent {
  neighbourhoodId: string;
  originalLocale: string;
  startsAt: Date | string;
  endsAt: Date | string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  organiser: string;
  capacity: number | null;
  accessibility: string;
  roundId: string | null;
  proposalId: string | null;
  texts: { locale: string; title: string; description: string }[];
}

export function eventFormValues(event: StoredEvent): Record<string, unknown> {
  return {
    intent: "save",
    neighbourhoodId: event.neighbourhoodId,
    originalLocale: event.originalLocale,
    translations: Object.fromEntries(
      LOCALES.map((locale) => {
        const text = event.texts.find((row) => row.locale === locale);
        return [locale, { title: text?.title ?? "", description: text?.description ?? "" }];
      }),
    ),
    startsAt: dateToCityWallTime(new Date(event.startsAt)),
    endsAt: dateToCityWallTime(new Date(event.endsAt)),
    place: event.place,
    latitude: event.latitude === null ? "" : String(event.latitude),
    longitude: event.longitude === null ? "" : String(event.longitude),
    organiser: event.organiser,
    capacity: event.capacity === null ? "" : String(event.capacity),
    accessibility: event.accessibility,
    roundId: event.roundId ?? "",
    proposalId: event.proposalId ?? "",
  };
}
