import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { csvDownloadName, publishedCsv } from "~/results/public.server";
import { attachmentDisposition } from "~/results/spreadsheet";
import { roundById } from "~/rounds/rounds.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/**
 * The published result as machine-readable CSV (number;title;cost;support;funded, columns in README
 * "Results CSV"), titles in the reader's language; wijkbudget-<neighbourhood>-<year>-data.csv.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const csv = notFoundUnless(await publishedCsv(db(), round.id, await localeFor(args.request, args.context)));
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(csvDownloadName(round)),
      "Cache-Control": "no-store",
    },
  });
}
