import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { attendees, attendeesCsv } from "~/events/events.server";
import { fixedT } from "~/i18n/i18n.server";
import { localeFor } from "~/auth/locale.server";
import { idParam } from "~/http/answer.server";
import { refusalPage } from "~/http/refusal-page";

/** The attendee list (confirmed and waiting) as CSV, headed in the staff member's language. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "event:manage");
  const eventId = idParam(args.params, "eventId");
  const listed = await attendees(db(), user, eventId);
  if (!listed.ok) throw refusalPage(listed.status as 403 | 404, listed.formError!);
  const t = await fixedT(await localeFor(args.request, args.context), "events");
  const csv = attendeesCsv(listed.people, [t("staff.name"), t("staff.email"), t("staff.status"), t("staff.since")]);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="attendees-${eventId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
