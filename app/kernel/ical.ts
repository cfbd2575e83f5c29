import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { type ICalCalendar } from "ical-generator";
import { CITY_TIME_ZONE } from "./city-time";

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
