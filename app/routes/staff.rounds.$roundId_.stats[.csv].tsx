import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { attachmentDisposition } from "~/results/spreadsheet";
import { statisticsDownload } from "~/staff-exports/spreadsheets.server";

/** A round's statistics as a spreadsheet file, in the staff member's language. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const download = notFoundUnless(await statisticsDownload(db(), idParam(args.params, "roundId"), await localeFor(args.request, args.context)));
  return new Response(download.text, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachmentDisposition(download.name), "Cache-Control": "no-store" },
  });
}
