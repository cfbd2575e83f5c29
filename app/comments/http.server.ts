// The comment section's forms on the proposal page (decision 0036), run for the route.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { rateLimited } from "~/auth/http.server";
import { requirePermission } from "~/auth/guard.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { parseFormData } from "~/kernel/form-data";
import { siteUrl } from "~/security/hosts.server";
import { reportItem } from "./reports.server";
import { deleteComment, editComment, postComment } from "./comments.server";
import { commentSchema, deleteCommentSchema, editCommentSchema, reportSchema } from "./schema";

export const COMMENT_INTENTS = new Set(["comment", "reply", "edit-comment", "delete-comment", "report"]);

/** The comment section's forms: a comment or reply, an edit, a deletion, a report (decision 0036). */
export async function commentAction(args: ActionFunctionArgs, proposalId: string, intent: string, formData: FormData) {
  const back = (flag: string) => redirect(`/proposals/${proposalId}?${flag}=1#comments`);
  const commentId = String(formData.get(intent === "reply" ? "parentId" : "commentId") ?? "");
  switch (intent) {
    case "comment":
    case "reply": {
      const user = await requirePermission(args, "comment:post");
      // A refused reply names its comment, so only that reply form shows the answer.
      const answerTo = intent === "reply" ? `reply:${commentId}` : intent;
      const parsed = parseFormData(commentSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      const limited = await rateLimited(db(), [{ key: `comment:account:${user.id}`, rule: RATE_LIMITS.commentsPerAccount }], parsed.data, { intent: answerTo });
      if (limited) return limited;
      const result = await postComment(db(), user, proposalId, parsed.data, siteUrl());
      return result.ok ? back(intent === "reply" ? "replied" : "commented") : refusedAnswer(result, { intent: answerTo, values: parsed.data });
    }
    case "edit-comment": {
      const user = await requirePermission(args, "comment:post");
      const parsed = parseFormData(editCommentSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, `${intent}:${commentId}`);
      const result = await editComment(db(), user, proposalId, parsed.data);
      return result.ok ? back("commentEdited") : refusedAnswer(result, { intent: `${intent}:${commentId}`, values: parsed.data });
    }
    case "delete-comment": {
      const user = await requirePermission(args, "comment:post");
      const parsed = parseFormData(deleteCommentSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, `${intent}:${commentId}`);
      const result = await deleteComment(db(), user, proposalId, parsed.data.commentId);
      return result.ok ? back("commentDeleted") : refusedAnswer(result, { intent: `${intent}:${commentId}` });
    }
    case "report": {
      const user = await requirePermission(args, "report:create");
      const answerTo = `report:${commentId || "proposal"}`;
      const parsed = parseFormData(reportSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      const limited = await rateLimited(db(), [{ key: `report:account:${user.id}`, rule: RATE_LIMITS.reportsPerAccount }], parsed.data, { intent: answerTo });
      if (limited) return limited;
      const result = await reportItem(db(), user, proposalId, parsed.data);
      return result.ok ? back("reported") : refusedAnswer(result, { intent: answerTo, values: parsed.data });
    }
    default:
      return null;
  }
}
