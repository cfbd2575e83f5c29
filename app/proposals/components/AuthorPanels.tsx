import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldShell, FormError, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { inviteSchema, MAX_PHOTOS, photoAltSchema } from "../schema";

export function InviteForm() {
  const { t } = useTranslation("proposals");
  const { form, onSubmit, failure } = useValidatedForm(inviteSchema, { defaultValues: { intent: "invite" }, intent: "invite" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="invite" />
      <FormError failure={failure} />
      <TextField form={form} failure={failure} name="email" type="email" label={t("people.inviteEmail")} hint={t("people.inviteHint")} />
      <button type="submit" className="button button-secondary">
        {t("people.invite")}
      </button>
    </Form>
  );
}

/** Adding a photo posts the file with its alt text; the server checks type and size by content. */
export function PhotoForm({ count, photoError }: { count: number; photoError?: string }) {
  const { t } = useTranslation("proposals");
  const { form, failure } = useValidatedForm(photoAltSchema, { defaultValues: { intent: "add-photo" }, intent: "add-photo" });
  const fileError = useFieldError(form, "photo", failure) ?? photoError;
  if (count >= MAX_PHOTOS) return <p className="muted">{t("photos.full", { count: MAX_PHOTOS })}</p>;
  // A plain multipart form: the file cannot travel through react-hook-form's values, and the server validates it all.
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      <input type="hidden" name="intent" value="add-photo" />
      <FieldShell id="field-photo" label={t("photos.file")} hint={t("photos.fileHint")} error={fileError}>
        {(describedBy, invalid) => (
          <input
            id="field-photo"
            type="file"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldShell>
      <TextField form={form} failure={failure} name="altText" label={t("photos.alt")} hint={t("photos.altHint")} maxLength={200} required />
      <div>
        <button type="submit" className="button button-secondary">
          {t("photos.add")}
        </button>
      </div>
    </Form>
  );
}
