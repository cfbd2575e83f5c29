import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyEmail } from "~/auth/accounts.server";
import { sessionCookie } from "~/auth/session.server";
import { db } from "~/db.server";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "auth:verify.invalidTitle");

export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const session = token.length <= 100 ? await verifyEmail(db(), token) : null;
  if (session) {
    throw redirect("/account?welcome=1", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
  }
  return new Response(null, { status: 410 });
}

export default function VerifyEmailPage() {
  const { t } = useTranslation("auth");
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
