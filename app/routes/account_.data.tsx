import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { notFoundUnless } from "~/http/answer.server";
import { myData } from "~/privacy/my-data.server";
import { attachmentDisposition } from "~/results/spreadsheet";

/** Everything held about the logged-in account, as a JSON file (issue #24 item 3). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const now = new Date();
  const data = notFoundUnless(await myData(db(), user.id, now));
  const name = `wijkbudget-my-data-${now.toISOString().slice(0, 10)}.json`;
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition({ ascii: name, unicode: name }),
      "Cache-Control": "no-store",
    },
  });
}
