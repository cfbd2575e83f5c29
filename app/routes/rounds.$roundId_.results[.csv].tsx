import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { publishedCsv } from "~/results/results.server";
import { roundById } from "~/rounds/rounds.server";

/** The published result as CSV (number;title;cost;support;funded), titles in the reader's language. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const id = args.params.roundId ?? "";
  const round = id.length <= 50 ? await roundById(db(), id, { includeDrafts: can(user, "round:view-draft") }) : null;
  if (!round) throw new Response("Not found", { status: 404 });
  const csv = await publishedCsv(db(), round.id, await localeFor(args.request, args.context));
  if (csv === null) throw new Response("Not found", { status: 404 });
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="results-${round.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
