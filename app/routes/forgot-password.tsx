import { type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm } from "~/http/answer.server";
import { readFormData } from "~/http/read-form.server";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestPasswordReset } from "~/auth/accounts.server";
import { perAddress, rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { forgotPasswordSchema } from "~/auth/schema";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { parseFormData } from "~/kernel/form-data";
import { FormError, TextField, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import { actionHeaders } from "~/http/route-headers";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "auth:forgot.title");

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const parsed = parseFormData(forgotPasswordSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const { email } = parsed.data;
  const limited = await rateLimited(
    db(),
    [
      { key: perAddress(request, "reset"), rule: RATE_LIMITS.resetPerAddress },
      { key: `reset:account:${email}`, rule: RATE_LIMITS.resetPerAccount },
    ],
    { email },
  );
  if (limited) return limited;
  const locale = await localeFor(request, args.context);
  await requestPasswordReset(db(), email, { locale, baseUrl: siteUrl() });
  return { sent: true as const, email };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const { form, onSubmit, failure } = useValidatedForm(forgotPasswordSchema);
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.title")}</h1>
      {result && "sent" in result ? (
        <p className="alert alert-success" role="status">
          {t("forgot.sent", { email: result.email })}
        </p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <FormError failure={failure} />
          <Form method="post" noValidate onSubmit={onSubmit}>
            <TextField form={form} failure={failure} name="email" type="email" autoComplete="email" label={t("fields.email")} required />
            <button type="submit" className="button">
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
