import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isPlausibleToken } from "~/kernel/tokens";
import { refused } from "~/kernel/result";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { readFormData } from "~/http/read-form.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { emailLinkIsValid, resetPassword } from "~/auth/accounts.server";
import { resetPasswordSchema } from "~/auth/schema";
import { sessionCookie } from "~/auth/session.server";
import { NewPasswordFields } from "~/auth/components/NewPasswordFields";
import { db } from "~/db.server";
import { parseFormData } from "~/kernel/form-data";
import { FormError, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = (args) => pageTitle(args, "auth:reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = isPlausibleToken(params.token) && (await emailLinkIsValid(db(), params.token, "RESET_PASSWORD"));
  return data({ valid }, { status: valid ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseFormData(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const reset = isPlausibleToken(params.token) ? await resetPassword(db(), params.token, parsed.data.password) : refused(410, "auth:reset.invalid");
  if (!reset.ok) return refusedAnswer(reset);
  return redirect("/account?reset=1", { headers: { "Set-Cookie": sessionCookie(reset.session.token, reset.session.expiresAt) } });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const { valid } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(resetPasswordSchema);
  if (!valid) {
    return (
      <section className="narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("reset.title")}</h1>
        <p>{t("reset.invalid")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.newLink")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.title")}</h1>
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <NewPasswordFields form={form} failure={failure} />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
