import { useTranslation } from "react-i18next";
import { TextField, type AnyForm, type FormFailure } from "~/ui/form";
import { PASSWORD_MIN } from "../schema";

/** The new-password field with its rule, and (when asked) the field that repeats it. */
export function NewPasswordFields({ form, failure, withConfirmation = true }: { form: AnyForm; failure?: FormFailure; withConfirmation?: boolean }) {
  const { t } = useTranslation("auth");
  return (
    <>
      <TextField
        form={form}
        failure={failure}
        name="password"
        type="password"
        autoComplete="new-password"
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint", { count: PASSWORD_MIN })}
        required
      />
      {withConfirmation ? (
        <TextField
          form={form}
          failure={failure}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          label={t("fields.confirmPassword")}
          required
        />
      ) : null}
    </>
  );
}
