import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { publishedCsv } from "~/results/public.server";
import { roundById } from "~/rounds/rounds.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/** The published result as CSV (number;title;cost;support;funded), titles in the reader's language. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const csv = notFoundUnless(await publishedCsv(db(), round.id, await localeFor(args.request, args.context)));
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="results-${round.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
