import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deviceTokenFrom } from "~/auth/devices.server";
import { safeRedirectPath } from "~/auth/guard.server";
import { clientAddress } from "~/auth/rate-limit.server";
import { secondFactorSchema } from "~/auth/schema";
import { pendingSignIn, sessionCookie } from "~/auth/session.server";
import { completeSignIn } from "~/auth/two-factor.server";
import { db } from "~/db.server";
import { parseFormData } from "~/kernel/form-data";
import { CheckboxField, FormError, TextField, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { actionHeaders } from "~/http/route-headers";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "auth:twoFactor.signIn.title");

/** Only a browser whose password step just succeeded has anything to do here. */
async function pendingOrLogin(request: Request) {
  const pending = await pendingSignIn(db(), request);
  if (!pending) throw redirect("/login");
  return pending;
}

export async function loader(args: LoaderFunctionArgs) {
  await pendingOrLogin(args.request);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const pending = await pendingOrLogin(args.request);
  const parsed = parseFormData(secondFactorSchema, await readFormData(args.request));
  if (!parsed.ok) return invalidForm({ errors: parsed.errors, values: {} });
  const { code, recoveryCode, remember, redirectTo } = parsed.data;
  const result = await completeSignIn(db(), pending, {
    code,
    recoveryCode,
    remember,
    deviceToken: deviceTokenFrom(args.request),
    address: clientAddress(args.request),
  });
  if (!result.ok) return refusedAnswer(result);
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": sessionCookie(result.session.token, result.session.expiresAt) } });
}

export default function SecondFactorPage() {
  const { t } = useTranslation("auth");
  const [params] = useSearchParams();
  const { form, onSubmit, failure } = useValidatedForm(secondFactorSchema);
  return (
    <section className="narrow stack" aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">{t("twoFactor.signIn.title")}</h1>
      <p>{t("twoFactor.signIn.intro")}</p>
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          form={form}
          failure={failure}
          name="code"
          label={t("twoFactor.code")}
          hint={t("twoFactor.codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
        />
        <details open={!!failure?.errors.recoveryCode}>
          <summary>{t("twoFactor.signIn.lostPhone")}</summary>
          <TextField
            form={form}
            failure={failure}
            name="recoveryCode"
            label={t("twoFactor.recoveryCode")}
            hint={t("twoFactor.recoveryCodeHint")}
            autoComplete="off"
            spellCheck={false}
          />
        </details>
        <CheckboxField form={form} failure={failure} name="remember" label={t("twoFactor.signIn.remember")} />
        <div>
          <button type="submit" className="button">
            {t("twoFactor.signIn.submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/login">{t("twoFactor.signIn.startOver")}</Link>
      </p>
    </section>
  );
}
