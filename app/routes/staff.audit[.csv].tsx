import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditQuery } from "~/audit/filters";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { fixedT } from "~/i18n/i18n.server";
import { attachmentDisposition } from "~/results/spreadsheet";
import { auditLogDownload } from "~/staff-exports/audit-log.server";

/** The audit log's entries the query matches (the page's filters), as a spreadsheet file in the staff member's language. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "audit:read");
  const locale = await localeFor(args.request, args.context);
  const query = parseAuditQuery(new URL(args.request.url).searchParams);
  if (!query.ok) {
    const t = await fixedT(locale, "audit");
    return new Response(t(query.messageKey), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const download = await auditLogDownload(db(), query.filter, locale);
  return new Response(download.text, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachmentDisposition(download.name), "Cache-Control": "no-store" },
  });
}
