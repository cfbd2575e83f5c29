import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { publishedSpreadsheet } from "~/results/public.server";
import { attachmentDisposition } from "~/results/spreadsheet";
import { roundById } from "~/rounds/rounds.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/** The published result as a spreadsheet file for people, in the reader's language (wijkbudget-gent-rabot-2026-resultaten.csv). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const locale = await localeFor(args.request, args.context);
  const sheet = notFoundUnless(await publishedSpreadsheet(db(), round.id, locale));
  return new Response(sheet.text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(sheet.name),
      "Content-Language": locale,
      "Cache-Control": "no-store",
    },
  });
}
