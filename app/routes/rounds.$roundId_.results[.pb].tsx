import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { publishedPabulib } from "~/results/public.server";
import { roundById } from "~/rounds/rounds.server";
import { idParam, notFoundUnless } from "~/http/answer.server";

/** The published result with every (anonymous) ballot as a Pabulib .pb file, for researchers. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const file = notFoundUnless(await publishedPabulib(db(), round.id));
  return new Response(file, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="wijkbudget-${round.id}.pb"`,
      "Cache-Control": "no-store",
    },
  });
}
