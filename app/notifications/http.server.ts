// The follow buttons of the proposal and round pages, run for those routes.
import { redirect } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { invalidForm } from "~/http/answer.server";
import { parseFormData } from "~/kernel/form-data";
import { setProposalFollow, setRoundFollow } from "./follows.server";
import { followSchema } from "./schema";

export const FOLLOW_INTENTS = new Set(["follow", "unfollow"]);

/** Follow or stop following the proposal or round of the page (the route checked who may); back to the page's follow box. */
export async function followAction(user: SessionUser, target: { proposalId: string } | { roundId: string }, formData: FormData) {
  const parsed = parseFormData(followSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "follow");
  const following = parsed.data.intent === "follow";
  if ("proposalId" in target) {
    await setProposalFollow(db(), user.id, target.proposalId, following);
    return redirect(`/proposals/${target.proposalId}#follow`);
  }
  await setRoundFollow(db(), user.id, target.roundId, following);
  return redirect(`/rounds/${target.roundId}#follow`);
}
