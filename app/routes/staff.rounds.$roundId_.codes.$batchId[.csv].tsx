import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { idParam } from "~/http/answer.server";
import { refusalPage } from "~/http/refusal-page";
import { codesCsv } from "~/voting/codes";
import { takeBatchCodes } from "~/voting/voting.server";
import { siteUrl } from "~/security/hosts.server";

/**
 * Opening this address (a reload of the download, a pasted link) never hands out codes: staff are
 * sent to the round's voting page, which says how downloads work and what to do about lost codes.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return redirect(`/staff/rounds/${encodeURIComponent(idParam(args.params, "roundId"))}/voting?download=opened#codes-title`);
}

/** The codes of a batch as CSV, for a print shop's mail merge. A POST: it can be taken only once. */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const roundId = args.params.roundId ?? "";
  const codes = await takeBatchCodes(db(), user.id, roundId, args.params.batchId ?? "", "csv");
  if (!codes) throw refusalPage(410, "voting:errors.batchTaken");
  return new Response(codesCsv(codes, `${siteUrl()}/vote/${roundId}`), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="voting-codes-${codes[0]?.serial ?? 0}-${codes.at(-1)?.serial ?? 0}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
