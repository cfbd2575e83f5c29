import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, LocaleSelectField, TextAreaField, useValidatedForm } from "~/ui/form";
import { useLocale } from "~/ui/useLocale";
import { closeCommentsSchema, itemActionSchema, moderateSchema, reopenCommentsSchema, type ModeratedKind } from "../schema";

/** Hide (or restore) an item, with a reason in the language it is written in. */
export function ModerateForm({ intent, kind, itemId }: { intent: "hide" | "restore"; kind: ModeratedKind; itemId: string }) {
  const { t } = useTranslation("comments");
  const locale = useLocale();
  const { form, onSubmit, failure } = useValidatedForm(moderateSchema, {
    defaultValues: { intent, kind, itemId, reasonLocale: locale },
    intent: `${intent}:${itemId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="itemId" value={itemId} />
      <FormError failure={failure} form={form} />
      <TextAreaField
        form={form}
        failure={failure}
        id={`${intent}-reason-${itemId}`}
        name="reason"
        label={intent === "hide" ? t("moderation.reason") : t("moderation.restoreReason")}
        rows={2}
        maxLength={1000}
        dir="auto"
        required
      />
      <LocaleSelectField form={form} failure={failure} id={`${intent}-locale-${itemId}`} name="reasonLocale" label={t("common:content.writtenIn")} />
      <div>
        <button type="submit" className="button">
          {intent === "hide" ? t("moderation.hide") : t("moderation.restore")}
        </button>
      </div>
    </Form>
  );
}

/** Erase the kept text at once, or dismiss the reports: one button. */
export function ItemActionForm({ intent, kind, itemId }: { intent: "redact" | "dismiss"; kind: ModeratedKind; itemId: string }) {
  const { t } = useTranslation("comments");
  const { form, onSubmit, failure } = useValidatedForm(itemActionSchema, { defaultValues: { intent, kind, itemId }, intent: `${intent}:${itemId}` });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="itemId" value={itemId} />
      <FormError failure={failure} form={form} />
      <button type="submit" className="button button-secondary">
        {intent === "redact" ? t("moderation.redact") : t("moderation.dismiss")}
      </button>
    </Form>
  );
}

/** Close a proposal's comments with a public reason, or open them again. */
export function CommentsSwitchForm({ proposalId, closed }: { proposalId: string; closed: boolean }) {
  const { t } = useTranslation("comments");
  const locale = useLocale();
  const close = useValidatedForm(closeCommentsSchema, {
    defaultValues: { intent: "close-comments", proposalId, reasonLocale: locale },
    intent: `close-comments:${proposalId}`,
  });
  const reopen = useValidatedForm(reopenCommentsSchema, { defaultValues: { intent: "reopen-comments", proposalId }, intent: `reopen-comments:${proposalId}` });
  if (closed) {
    return (
      <Form method="post" noValidate onSubmit={reopen.onSubmit} className="inline-form">
        <input type="hidden" name="intent" value="reopen-comments" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <FormError failure={reopen.failure} form={reopen.form} />
        <button type="submit" className="button button-secondary">
          {t("moderation.reopenComments")}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" noValidate onSubmit={close.onSubmit} className="stack">
      <input type="hidden" name="intent" value="close-comments" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <FormError failure={close.failure} form={close.form} />
      <TextAreaField
        form={close.form}
        failure={close.failure}
        id={`close-reason-${proposalId}`}
        name="reason"
        label={t("moderation.closeReason")}
        rows={2}
        maxLength={1000}
        dir="auto"
        required
      />
      <LocaleSelectField
        form={close.form}
        failure={close.failure}
        id={`close-locale-${proposalId}`}
        name="reasonLocale"
        label={t("common:content.writtenIn")}
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t("moderation.closeComments")}
        </button>
      </div>
    </Form>
  );
}
