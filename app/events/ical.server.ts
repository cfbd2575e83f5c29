import { ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { CITY_TIME_ZONE } from "~/kernel/city-time";

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

/** Adds events to a calendar in the reader's language, in Brussels time; cancelled ones say so. */
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
      summary: text?.text.title ?? "",
      description: `${text?.text.description ?? ""}\n\n${event.organiser}`.trim(),
      url: `${baseUrl}/events/${event.id}`,
      status: event.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      lastModified: event.updatedAt,
      location: event.latitude !== null && event.longitude !== null ? { title: event.place, geo: { lat: event.latitude, lon: event.longitude } } : event.place,
    });
  }
  return calendar;
}
