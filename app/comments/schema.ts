import * as z from "zod";
import { writtenIn } from "~/i18n/written-in";
import { checkbox } from "~/kernel/zod";
import { MAX_ID_LENGTH } from "~/kernel/ids";
import { MAX_COMMENT_LENGTH } from "./rules";

const id = () => z.string({ error: "validation.required" }).min(1, "validation.required").max(MAX_ID_LENGTH, "validation.required");
const body = () => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(MAX_COMMENT_LENGTH, "comments:validation.tooLong");

/** A new comment; with `parentId`, a reply (intent "reply"). */
export const commentSchema = z.object({
  intent: z.enum(["comment", "reply"]),
  parentId: id().optional(),
  body: body(),
  locale: writtenIn(),
  /** Only panel members of the round are offered it; the server checks again. */
  asPanelMember: checkbox(),
});
export type CommentInput = z.output<typeof commentSchema>;

export const editCommentSchema = z.object({
  intent: z.literal("edit-comment"),
  commentId: id(),
  body: body(),
  locale: writtenIn(),
});

export const deleteCommentSchema = z.object({
  intent: z.literal("delete-comment"),
  commentId: id(),
});

export const REPORT_REASONS = ["SPAM", "OFFENSIVE", "PERSONAL_DATA", "OTHER"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A report of a comment (with `commentId`) or of the proposal itself (without). */
export const reportSchema = z
  .object({
    intent: z.literal("report"),
    commentId: id().optional(),
    reason: z.enum(REPORT_REASONS, { error: "validation.choice" }),
    text: z.string().trim().max(1000, "comments:validation.reportTooLong").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "OTHER" && !value.text) ctx.addIssue({ code: "custom", path: ["text"], message: "comments:validation.reportTextRequired" });
  });
