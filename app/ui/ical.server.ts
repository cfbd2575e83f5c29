import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { type ICalCalendar } from "ical-generator";
import { CITY_TIME_ZONE } from "~/kernel/city-time";

/**
 * An iCalendar (RFC 5545) calendar whose times are in Europe/Brussels, with the VTIMEZONE
 * definition included so every calendar app shows them right. Built with ical-generator.
 */
export function cityCalendar(name: string): ICalCalendar {
  return ical({ name, prodId: { company: "Wijkbudget", product: "Wijkbudget", language: "NL" } }).timezone({
    name: CITY_TIME_ZONE,
    generator: getVtimezoneComponent,
  });
}

/** The calendar as a download (text/calendar), named `<fileName>.ics`. */
export function icsResponse(calendar: ICalCalendar, fileName: string): Response {
  return new Response(calendar.toString(), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}.ics"`,
      "Cache-Control": "no-cache",
    },
  });
}
