import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { roundOpenData } from "~/open-data/round-data.server";
import { roundById } from "~/rounds/rounds.server";

/**
 * A public round as open data (docs/open-data.md, schema docs/open-data.schema.json): the same for every
 * visitor, staff included — a draft round is not public, so it is not here either.
 */
export async function loader(args: LoaderFunctionArgs) {
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: false }));
  return new Response(JSON.stringify(await roundOpenData(db(), round), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "no-store",
    },
  });
}
