import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { eventById } from "~/events/events.server";
import { addEvents } from "~/events/ical.server";
import { localeFor } from "~/auth/locale.server";
import { cityCalendar } from "~/kernel/ical";
import { icsResponse } from "~/http/ical.server";
import { siteUrl } from "~/security/hosts.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/** One event as an .ics file, to add it to a calendar app. */
export async function loader(args: LoaderFunctionArgs) {
  const event = notFoundUnless(await eventById(db(), idParam(args.params, "eventId")));
  const locale = await localeFor(args.request, args.context);
  const calendar = addEvents(cityCalendar("Wijkbudget"), [event], locale, siteUrl());
  return icsResponse(calendar, `event-${event.id}`);
}
