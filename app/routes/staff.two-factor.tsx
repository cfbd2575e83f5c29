import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { resetTwoFactorSchema } from "~/auth/schema";
import { resetSecondFactor } from "~/auth/two-factor.server";
import { db } from "~/db.server";
import { parseFormData } from "~/kernel/form-data";
import { CheckboxField, FormError, TextField, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = (args) => pageTitle(args, "auth:twoFactor.reset.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "user:manage");
  return null;
}

/** An admin resets the second factor of someone who lost both phone and recovery codes. */
export async function action(args: ActionFunctionArgs) {
  const admin = await requirePermission(args, "user:manage");
  const parsed = parseFormData(resetTwoFactorSchema, await readFormData(args.request));
  if (!parsed.ok) return invalidForm(parsed);
  const result = await resetSecondFactor(db(), admin, parsed.data.email);
  if (!result.ok) return refusedAnswer(result, { values: { email: parsed.data.email } });
  return redirect(`/staff/two-factor?reset=${encodeURIComponent(parsed.data.email)}`);
}

export default function ResetTwoFactorPage() {
  const { t } = useTranslation("auth");
  const [params] = useSearchParams();
  const { form, onSubmit, failure } = useValidatedForm(resetTwoFactorSchema);
  const reset = params.get("reset");
  return (
    <section className="narrow stack" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("twoFactor.reset.title")}</h1>
      {reset ? (
        <p className="alert alert-success" role="status">
          {t("twoFactor.reset.done", { email: reset })}
        </p>
      ) : null}
      <p>{t("twoFactor.reset.intro")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError failure={failure} />
        <TextField form={form} failure={failure} name="email" type="email" label={t("fields.email")} autoComplete="off" />
        <CheckboxField form={form} failure={failure} name="confirm" label={t("twoFactor.reset.confirm")} />
        <div>
          <button type="submit" className="button button-warning">
            {t("twoFactor.reset.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
