import { ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { CITY_TIME_ZONE } from "~/kernel/city-time";
import { isolate } from "~/kernel/text";

interface FeedEvent {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  latitude: number | null;
  longitude: number | null;
  organiser: string;
  originalLocale: string;
  cancelledAt: Date | null;
  updatedAt: Date;
  texts: { locale: string; title: string; description: string }[];
}

/**
 * Adds events to a calendar in the reader's language, in Brussels time; cancelled ones say so. The
 * texts people wrote (title, description, organiser, place) are isolated (FSI…PDI): a Dutch title in
 * a right-to-left calendar keeps its full stop on its own side.
 */
export function addEvents(calendar: ICalCalendar, events: FeedEvent[], locale: Locale, baseUrl: string) {
  for (const event of events) {
    const text = pickLocalized(event.texts, locale, event.originalLocale);
    calendar.createEvent({
      id: `${event.id}@wijkbudget`,
      // Luxon dates in the city's zone: ical-generator writes them as Brussels wall time with TZID
      // (native Dates would be written in UTC under a Brussels label).
      start: DateTime.fromJSDate(event.startsAt, { zone: CITY_TIME_ZONE }),
      end: DateTime.fromJSDate(event.endsAt, { zone: CITY_TIME_ZONE }),
      timezone: CITY_TIME_ZONE,
      summary: isolate(text?.text.title ?? ""),
      description: [text?.text.description ?? "", event.organiser]
        .map((part) => isolate(part.trim()))
        .filter(Boolean)
        .join("\n\n"),
      url: `${baseUrl}/events/${event.id}`,
      status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: event.updatedAt,
      location:
        event.latitude !== null && event.longitude !== null
          ? { title: isolate(event.place), geo: { lat: event.latitude, lon: event.longitude } }
          : isolate(event.place),
    });
  }
  return calendar;
}
