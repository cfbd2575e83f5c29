import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { parkletCalendar } from "~/parklets/calendar.server";
import { icsResponse } from "~/http/ical.server";

/** /parklets/calendar.ics: where the parklets stand, as all-day events for calendar apps. */
export async function loader(args: LoaderFunctionArgs) {
  const calendar = await parkletCalendar(db(), await localeFor(args.request, args.context));
  return icsResponse(calendar, "parklets");
}
