import type { ActionFunctionArgs } from "@remix-run/node";
import { baseUrl } from "~/auth/http.server";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { refusalPage } from "~/ui/refusal-page";
import { takeBatchCodes } from "~/voting/voting.server";

/**
 * The codes of a batch as CSV (serial;code;link), for a print shop's mail merge. A POST, because it
 * can be taken only once: afterwards only the hashes remain.
 */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const roundId = (args.params.roundId ?? "").slice(0, 50);
  const batchId = (args.params.batchId ?? "").slice(0, 50);
  const codes = await takeBatchCodes(db(), user.id, roundId, batchId, "csv");
  if (!codes) throw refusalPage(410, "voting:errors.batchTaken");
  const link = (code: string) => `${baseUrl(args.request)}/vote/${roundId}?code=${code}`;
  // Codes, serials and links hold no ; " or formula characters: plain cells are safe.
  const body = ["serial;code;link", ...codes.map((entry) => `${entry.serial};${entry.code};${link(entry.code)}`)].join("\r\n") + "\r\n";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="voting-codes-${codes[0]?.serial ?? 0}-${codes.at(-1)?.serial ?? 0}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
