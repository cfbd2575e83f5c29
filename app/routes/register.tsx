import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm } from "~/http/answer.server";
import { readFormData } from "~/http/read-form.server";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { register } from "~/auth/accounts.server";
import { currentUser } from "~/auth/guard.server";
import { perAddress, rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { registerSchema } from "~/auth/schema";
import { NewPasswordFields } from "~/auth/components/NewPasswordFields";
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

export const meta: MetaFunction = (args) => pageTitle(args, "auth:register.title");

export async function loader(args: LoaderFunctionArgs) {
  if (await currentUser(args)) throw redirect("/");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const parsed = parseFormData(registerSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const limited = await rateLimited(
    db(),
    [
      { key: perAddress(request, "register"), rule: RATE_LIMITS.registerPerAddress },
      { key: `register:account:${parsed.data.email}`, rule: RATE_LIMITS.registerPerAccount },
    ],
    {
      name: parsed.data.name,
      email: parsed.data.email,
    },
  );
  if (limited) return limited;
  const locale = await localeFor(request, args.context);
  await register(db(), parsed.data, { locale, baseUrl: siteUrl() });
  // The same answer whether or not the address already had an account.
  return { sent: true as const, email: parsed.data.email };
}

export default function RegisterPage() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const { form, onSubmit, failure } = useValidatedForm(registerSchema);
  if (result && "sent" in result) {
    return (
      <section className="narrow" aria-labelledby="register-title">
        <h1 id="register-title">{t("register.checkEmailTitle")}</h1>
        <p role="status">{t("register.checkEmail", { email: result.email })}</p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField form={form} failure={failure} name="name" autoComplete="name" label={t("fields.name")} required />
        <TextField form={form} failure={failure} name="email" type="email" autoComplete="email" label={t("fields.email")} required />
        <NewPasswordFields form={form} failure={failure} withConfirmation={false} />
        <button type="submit" className="button">
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("register.loginLink")}</Link>
      </p>
    </section>
  );
}
