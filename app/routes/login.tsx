import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { readFormData } from "~/http/read-form.server";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { logIn } from "~/auth/accounts.server";
import { currentUser, safeRedirectPath } from "~/auth/guard.server";
import { clientAddress } from "~/auth/rate-limit.server";
import { deviceCookie, deviceTokenFrom } from "~/auth/devices.server";
import { loginSchema } from "~/auth/schema";
import { sessionCookie } from "~/auth/session.server";
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

export const meta: MetaFunction = (args) => pageTitle(args, "auth:login.title");

export async function loader(args: LoaderFunctionArgs) {
  if (await currentUser(args)) throw redirect("/");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const parsed = parseFormData(loginSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const { email, password, redirectTo } = parsed.data;
  const locale = await localeFor(request, args.context);
  const result = await logIn(db(), { email, password, address: clientAddress(request), deviceToken: deviceTokenFrom(request) }, { locale, baseUrl: siteUrl() });
  if (!result.ok) return refusedAnswer(result, { values: { email } });
  const headers = new Headers({ "Set-Cookie": sessionCookie(result.token, result.expiresAt) });
  if (result.newDeviceToken) headers.append("Set-Cookie", deviceCookie(result.newDeviceToken));
  const back = safeRedirectPath(redirectTo);
  return redirect(result.secondFactor ? `/login/second-factor?redirectTo=${encodeURIComponent(back)}` : back, { headers });
}

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const [params] = useSearchParams();
  const { form, onSubmit, failure } = useValidatedForm(loginSchema);
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField form={form} failure={failure} name="email" type="email" autoComplete="email" label={t("fields.email")} required />
        <TextField form={form} failure={failure} name="password" type="password" autoComplete="current-password" label={t("fields.password")} required />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.registerLink")}</Link>
      </p>
    </section>
  );
}
