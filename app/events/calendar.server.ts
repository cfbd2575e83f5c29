import { db } from "~/db.server";
import { cityToday, cityWallTimeToDate, dateToCityWallTime } from "~/kernel/city-time";
import { isMonth, shiftMonth } from "./calendar";
import { listEvents } from "./events.server";

export type CalendarView = "upcoming" | "month" | "past";

/** The events a calendar page shows, from its query string (?view=month&month=2027-03, ?view=past). */
export async function calendarPage(request: Request, neighbourhoodId?: string) {
  const params = new URL(request.url).searchParams;
  const view: CalendarView = params.get("view") === "month" ? "month" : params.get("view") === "past" ? "past" : "upcoming";
  const requested = params.get("month") ?? "";
  const month = isMonth(requested) ? requested : cityToday().slice(0, 7);
  const range = view === "month" ? { from: cityWallTimeToDate(`${month}-01T00:00`)!, until: cityWallTimeToDate(`${shiftMonth(month, 1)}-01T00:00`)! } : {};
  const events = await listEvents(db(), { neighbourhoodId, past: view === "past", ...range });
  return {
    view,
    month,
    events: events.map((event) => ({ ...event, day: dateToCityWallTime(event.startsAt).slice(0, 10) })),
  };
}
