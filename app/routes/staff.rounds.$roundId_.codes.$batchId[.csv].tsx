import type { ActionFunctionArgs } from "@remix-run/node";
import { baseUrl } from "~/auth/http.server";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { refusalPage } from "~/ui/refusal-page";
import { codesCsv } from "~/voting/codes";
import { takeBatchCodes } from "~/voting/voting.server";

/** The codes of a batch as CSV, for a print shop's mail merge. A POST: it can be taken only once. */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const roundId = (args.params.roundId ?? "").slice(0, 50);
  const batchId = (args.params.batchId ?? "").slice(0, 50);
  const codes = await takeBatchCodes(db(), user.id, roundId, batchId, "csv");
  if (!codes) throw refusalPage(410, "voting:errors.batchTaken");
  return new Response(codesCsv(codes, `${baseUrl(args.request)}/vote/${roundId}`), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="voting-codes-${codes[0]?.serial ?? 0}-${codes.at(-1)?.serial ?? 0}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
