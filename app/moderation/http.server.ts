// The moderation forms' answers, shared by the moderation page and the proposal page.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { parseFormData } from "~/kernel/form-data";
import { siteUrl } from "~/security/hosts.server";
import { closeComments, dismissReports, hideItem, redactItem, reopenComments, restoreItem } from "./moderation.server";
import { closeCommentsSchema, itemActionSchema, moderateSchema, reopenCommentsSchema } from "./schema";

export const MODERATION_INTENTS = new Set(["hide", "restore", "redact", "dismiss", "close-comments", "reopen-comments"]);

const NOTICES: Record<string, string> = {
  hide: "hidden",
  restore: "restored",
  redact: "redacted",
  dismiss: "dismissed",
  "close-comments": "commentsClosed",
  "reopen-comments": "commentsReopened",
};

/**
 * Runs one moderation form as staff; `done` turns success into the redirect of the page that asked.
 * A refusal names its item (`hide:<id>`), so only that item's form shows it.
 */
export async function moderationAction(args: ActionFunctionArgs, intent: string, formData: FormData, done: (notice: string, proposalId: string) => Response) {
  const staff = await requirePermission(args, "moderation:manage");
  const answerTo = `${intent}:${String(formData.get(intent.endsWith("-comments") ? "proposalId" : "itemId") ?? "")}`;
  const finish = (result: Awaited<ReturnType<typeof hideItem>>, values?: Record<string, unknown>) =>
    result.ok ? done(NOTICES[intent]!, result.proposalId) : refusedAnswer(result, { intent: answerTo, values });
  switch (intent) {
    case "hide":
    case "restore": {
      const parsed = parseFormData(moderateSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      const item = { kind: parsed.data.kind, itemId: parsed.data.itemId };
      const reason = { text: parsed.data.reason, locale: parsed.data.reasonLocale };
      return finish(intent === "hide" ? await hideItem(db(), staff, item, reason, siteUrl()) : await restoreItem(db(), staff, item, reason), parsed.data);
    }
    case "redact":
    case "dismiss": {
      const parsed = parseFormData(itemActionSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      return finish(intent === "redact" ? await redactItem(db(), staff, parsed.data) : await dismissReports(db(), staff, parsed.data));
    }
    case "close-comments": {
      const parsed = parseFormData(closeCommentsSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      return finish(await closeComments(db(), staff, parsed.data.proposalId, { text: parsed.data.reason, locale: parsed.data.reasonLocale }), parsed.data);
    }
    case "reopen-comments": {
      const parsed = parseFormData(reopenCommentsSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerTo);
      return finish(await reopenComments(db(), staff, parsed.data.proposalId));
    }
    default:
      throw new Response("Unknown form", { status: 400 });
  }
}
