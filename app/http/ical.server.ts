import type { ICalCalendar } from "ical-generator";

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
