import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isPlausibleToken } from "~/kernel/tokens";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyEmail, verifyLinkState, type VerifyLinkState } from "~/auth/accounts.server";
import { currentUser, type RequestArgs } from "~/auth/guard.server";
import { sessionCookie } from "~/auth/session.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const meta: MetaFunction = (args) => pageTitle(args, "auth:verify.confirmTitle");

/**
 * What the link's page shows, with its status: a link that no longer works is gone (410), unless
 * the address is confirmed already — then the page says so, and nothing is wrong (200).
 */
async function linkAnswer(args: RequestArgs, token: string | undefined) {
  const user = await currentUser(args);
  const state: VerifyLinkState = isPlausibleToken(token) ? await verifyLinkState(db(), token, user?.id ?? null) : "invalid";
  return data({ state, loggedIn: user !== null }, { status: state === "invalid" ? 410 : 200 });
}

// Opening the link only shows a button: mail scanners and link previews fetch links too, and must
// not use up the link or receive the session. The button's POST confirms and logs in.
export async function loader(args: LoaderFunctionArgs) {
  return linkAnswer(args, args.params.token);
}

export async function action(args: ActionFunctionArgs) {
  const { token } = args.params;
  const session = isPlausibleToken(token) ? await verifyEmail(db(), token) : null;
  if (!session) return linkAnswer(args, token);
  return redirect("/account?welcome=1", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function VerifyEmailPage() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  // A second press of the button (another tab, a double click) answers with the link's state now.
  const { state, loggedIn } = useActionData<typeof action>() ?? loaded;
  if (state === "confirmed") {
    return (
      <section className="narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("verify.confirmedTitle")}</h1>
        <p>{t(loggedIn ? "verify.confirmedLoggedIn" : "verify.confirmedLogIn")}</p>
        <p>{loggedIn ? <Link to="/account">{t("verify.accountLink")}</Link> : <Link to="/login">{t("verify.loginLink")}</Link>}</p>
      </section>
    );
  }
  if (state === "invalid") {
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
