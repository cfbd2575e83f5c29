import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { attendees, attendeesCsv, eventById } from "~/events/events.server";
import { fixedT } from "~/i18n/i18n.server";
import { localeFor } from "~/auth/locale.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/** The attendee list (confirmed and waiting) as CSV, headed in the staff member's language. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "event:manage");
  const event = notFoundUnless(await eventById(db(), idParam(args.params, "eventId")));
  const t = await fixedT(await localeFor(args.request, args.context), "events");
  const csv = attendeesCsv(await attendees(db(), event.id), [t("staff.name"), t("staff.email"), t("staff.status"), t("staff.since")]);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="attendees-${event.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
