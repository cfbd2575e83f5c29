import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { publishedPabulib } from "~/results/results.server";
import { roundById } from "~/rounds/rounds.server";

/** The published result with every (anonymous) ballot as a Pabulib .pb file, for researchers. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const id = args.params.roundId ?? "";
  const round = id.length <= 50 ? await roundById(db(), id, { includeDrafts: can(user, "round:view-draft") }) : null;
  if (!round) throw new Response("Not found", { status: 404 });
  const file = await publishedPabulib(db(), round.id);
  if (file === null) throw new Response("Not found", { status: 404 });
  return new Response(file, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="wijkbudget-${round.id}.pb"`,
      "Cache-Control": "no-store",
    },
  });
}
