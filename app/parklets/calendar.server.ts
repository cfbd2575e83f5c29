import type { ICalCalendar } from "ical-generator";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { addDays } from "~/kernel/city-time";
import { cityCalendar } from "~/kernel/ical";
import { isolate } from "~/kernel/text";
import { calendarPlacements } from "./parklets.server";

/**
 * A day "YYYY-MM-DD" as an instant at noon UTC: ical-generator writes an all-day date from the
 * server clock's calendar, and noon UTC is that same day in every time zone a server runs in.
 */
function asAllDay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/**
 * The iCal feed of the parklets: one all-day event per planned or done placement, from its first
 * day up to and including its last (iCalendar's DTEND of an all-day event is the day after).
 */
export async function parkletCalendar(db: Db, locale: Locale): Promise<ICalCalendar> {
  const t = await fixedT(locale, "parklets");
  const calendar = cityCalendar(t("calendar.name"));
  for (const placement of await calendarPlacements(db)) {
    // Names people typed, isolated (FSI…PDI) like the values t() interpolates.
    const place = `${isolate(placement.street)}, ${isolate(placement.neighbourhood.name)} (${isolate(placement.neighbourhood.city)})`;
    calendar.createEvent({
      id: `parklet-placement-${placement.id}@wijkbudget`,
      start: asAllDay(placement.firstDay),
      end: asAllDay(addDays(placement.lastDay, 1)),
      allDay: true,
      summary: t("calendar.summary", { parklet: placement.parklet.name, street: placement.street }),
      location: place,
      description: t("calendar.description", { parklet: placement.parklet.name, place }),
    });
  }
  return calendar;
}
