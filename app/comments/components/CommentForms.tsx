import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormError, LocaleSelectField, SelectField, TextAreaField, useValidatedForm, type FormFailure } from "~/ui/form";
import { useLocale } from "~/ui/useLocale";
import { MAX_COMMENT_LENGTH } from "../rules";
import { commentSchema, deleteCommentSchema, editCommentSchema, REPORT_REASONS, reportSchema } from "../schema";
import type { Locale } from "~/i18n/config";

/** The section shows a form-wide refusal once at its top (CommentSection); the form shows its field errors. */
const fieldsOnly = (failure: FormFailure | undefined) => failure && { ...failure, formError: undefined };

/**
 * A new comment, or (with `parentId`) a reply. A page has one form per comment it can answer: the
 * action names a refused reply `reply:<parent>`, so only that form shows the answer.
 */
export function CommentForm({ parentId, mayPostAsPanel }: { parentId?: string; mayPostAsPanel: boolean }) {
  const { t } = useTranslation("comments");
  const locale = useLocale();
  const intent = parentId ? "reply" : "comment";
  const answerTo = parentId ? `reply:${parentId}` : "comment";
  const { form, onSubmit, failure } = useValidatedForm(commentSchema, {
    defaultValues: { intent, parentId, locale },
    intent: answerTo,
  });
  const idSuffix = parentId ?? "new";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack comment-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormError failure={fieldsOnly(failure)} form={form} />
      <TextAreaField
        form={form}
        failure={failure}
        id={`comment-body-${idSuffix}`}
        name="body"
        label={parentId ? t("form.reply") : t("form.comment")}
        rows={parentId ? 3 : 4}
        maxLength={MAX_COMMENT_LENGTH}
        dir="auto"
        required
      />
      <LocaleSelectField form={form} failure={failure} id={`comment-locale-${idSuffix}`} name="locale" label={t("common:content.writtenIn")} />
      {mayPostAsPanel ? (
        <CheckboxField form={form} failure={failure} id={`comment-panel-${idSuffix}`} name="asPanelMember" label={t("form.asPanelMember")} />
      ) : null}
      <div>
        <button type="submit" className="button">
          {parentId ? t("form.postReply") : t("form.post")}
        </button>
      </div>
    </Form>
  );
}

export function EditCommentForm({ commentId, body, locale }: { commentId: string; body: string; locale: Locale | null }) {
  const { t } = useTranslation("comments");
  const pageLocale = useLocale();
  const { form, onSubmit, failure } = useValidatedForm(editCommentSchema, {
    defaultValues: { intent: "edit-comment", commentId, body, locale: locale ?? pageLocale },
    intent: `edit-comment:${commentId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack comment-form" preventScrollReset>
      <input type="hidden" name="intent" value="edit-comment" />
      <input type="hidden" name="commentId" value={commentId} />
      <FormError failure={fieldsOnly(failure)} form={form} />
      <TextAreaField
        form={form}
        failure={failure}
        id={`comment-edit-${commentId}`}
        name="body"
        label={t("form.edit")}
        rows={3}
        maxLength={MAX_COMMENT_LENGTH}
        dir="auto"
        required
      />
      <LocaleSelectField form={form} failure={failure} id={`comment-edit-locale-${commentId}`} name="locale" label={t("common:content.writtenIn")} />
      <div>
        <button type="submit" className="button button-secondary">
          {t("form.save")}
        </button>
      </div>
    </Form>
  );
}

export function DeleteCommentForm({ commentId }: { commentId: string }) {
  const { t } = useTranslation("comments");
  const { form, onSubmit, failure } = useValidatedForm(deleteCommentSchema, {
    defaultValues: { intent: "delete-comment", commentId },
    intent: `delete-comment:${commentId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value="delete-comment" />
      <input type="hidden" name="commentId" value={commentId} />
      <FormError failure={fieldsOnly(failure)} form={form} />
      <button type="submit" className="button button-secondary">
        {t("form.delete")}
      </button>
    </Form>
  );
}

/** Report a comment (with `commentId`) or the proposal itself to moderation. */
export function ReportForm({ commentId }: { commentId?: string }) {
  const { t } = useTranslation("comments");
  const { form, onSubmit, failure } = useValidatedForm(reportSchema, {
    defaultValues: { intent: "report", commentId },
    intent: `report:${commentId ?? "proposal"}`,
  });
  const idSuffix = commentId ?? "proposal";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack report-form" preventScrollReset>
      <input type="hidden" name="intent" value="report" />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      <FormError failure={fieldsOnly(failure)} form={form} />
      <SelectField
        form={form}
        failure={failure}
        id={`report-reason-${idSuffix}`}
        name="reason"
        label={t("report.reason")}
        placeholder={t("report.choose")}
        options={REPORT_REASONS.map((reason) => ({ value: reason, label: t(`report.reasons.${reason}`) }))}
        required
      />
      <TextAreaField
        form={form}
        failure={failure}
        id={`report-text-${idSuffix}`}
        name="text"
        label={t("report.text")}
        hint={t("report.textHint")}
        rows={2}
        maxLength={1000}
        dir="auto"
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t("report.send")}
        </button>
      </div>
    </Form>
  );
}
