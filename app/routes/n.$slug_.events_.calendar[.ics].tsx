import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listEvents, neighbourhoodBySlugForEvents } from "~/events/events.server";
import { addEvents } from "~/events/ical.server";
import { localeFor } from "~/auth/locale.server";
import { cityCalendar } from "~/kernel/ical";
import { icsResponse } from "~/http/ical.server";
import { siteUrl } from "~/security/hosts.server";
import { notFoundUnless } from "~/http/answer.server";

/** A neighbourhood's events as a calendar feed (subscribe in any calendar app). */
export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  const neighbourhood = notFoundUnless(slug.length <= 100 ? await neighbourhoodBySlugForEvents(db(), slug) : null);
  const locale = await localeFor(args.request, args.context);
  const since = new Date(Date.now() - 90 * 24 * 3600 * 1000);
  const events = await listEvents(db(), { neighbourhoodId: neighbourhood.id, from: since });
  const calendar = addEvents(cityCalendar(`Wijkbudget · ${neighbourhood.name}`), events, locale, siteUrl());
  return icsResponse(calendar, `wijkbudget-${neighbourhood.slug}`);
}
