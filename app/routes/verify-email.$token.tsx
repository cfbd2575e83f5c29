import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isPlausibleToken } from "~/kernel/tokens";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { emailLinkIsValid, verifyEmail } from "~/auth/accounts.server";
import { sessionCookie } from "~/auth/session.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = (args) => pageTitle(args, "auth:verify.confirmTitle");

// Opening the link only shows a button: mail scanners and link previews fetch links too, and must
// not use up the link or receive the session. The button's POST confirms and logs in.
export async function loader({ params }: LoaderFunctionArgs) {
  const valid = isPlausibleToken(params.token) && (await emailLinkIsValid(db(), params.token, "VERIFY_EMAIL"));
  return data({ valid }, { status: valid ? 200 : 410 });
}

export async function action({ params }: ActionFunctionArgs) {
  const session = isPlausibleToken(params.token) ? await verifyEmail(db(), params.token) : null;
  if (!session) return data({ valid: false }, { status: 410 });
  return redirect("/account?welcome=1", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function VerifyEmailPage() {
  const { t } = useTranslation("auth");
  const { valid } = useLoaderData<typeof loader>();
  if (!valid) {
    return (
      <section className="narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("verify.invalidTitle")}</h1>
        <p>{t("verify.invalid")}</p>
        <p>
          <Link to="/login">{t("verify.loginLink")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.confirmTitle")}</h1>
      <p>{t("verify.confirmIntro")}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t("verify.confirmSubmit")}
        </button>
      </Form>
    </section>
  );
}
