import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteOwnAccount } from "~/account/deletion.server";
import { currentUser, requirePermission } from "~/auth/guard.server";
import { deleteAccountSchema } from "~/auth/schema";
import { cookieForLocale, localeFor } from "~/auth/locale.server";
import { clearedSessionCookie } from "~/auth/session.server";
import { db } from "~/db.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { actionHeaders } from "~/http/route-headers";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { parseFormData } from "~/kernel/form-data";
import { siteUrl } from "~/security/hosts.server";
import { CheckboxField, FormError, TextField, useValidatedForm } from "~/ui/form";

export const handle: I18nHandle = { i18n: ["auth"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "auth:deleteAccount.title");

/** What deleting does, and the form; after it, a goodbye for the browser that did it (nobody is logged in then). */
export async function loader(args: LoaderFunctionArgs) {
  if (new URL(args.request.url).searchParams.get("done") === "1" && !(await currentUser(args))) return { done: true as const, staff: false };
  const user = await requirePermission(args, "account:manage-own");
  return { done: false as const, staff: user.role !== "RESIDENT" };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const formData = await readFormData(args.request);
  const parsed = parseFormData(deleteAccountSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "delete-account");
  const deleted = await deleteOwnAccount(db(), user, parsed.data.password, siteUrl());
  if (!deleted.ok) return refusedAnswer(deleted, { intent: "delete-account" });
  // Logged out, the goodbye page stays in the language the account used.
  const headers = new Headers({ "Set-Cookie": clearedSessionCookie() });
  headers.append("Set-Cookie", cookieForLocale(await localeFor(args.request, args.context)));
  return redirect("/account/delete?done=1", { headers });
}

export default function DeleteAccountPage() {
  const { t } = useTranslation("auth");
  const { done, staff } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(deleteAccountSchema, { defaultValues: { intent: "delete-account" } });
  if (done) {
    return (
      <section className="narrow stack" aria-labelledby="delete-title">
        <h1 id="delete-title">{t("deleteAccount.doneTitle")}</h1>
        <p role="status">{t("deleteAccount.done")}</p>
        <p>
          <Link to="/">{t("deleteAccount.home")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow stack" aria-labelledby="delete-title">
      <h1 id="delete-title">{t("deleteAccount.title")}</h1>
      {staff ? (
        <p>{t("deleteAccount.staffRefused")}</p>
      ) : (
        <>
          <p>{t("deleteAccount.intro")}</p>
          <ul>
            <li>{t("deleteAccount.erased")}</li>
            <li>{t("deleteAccount.kept")}</li>
            <li>{t("deleteAccount.events")}</li>
            <li>{t("deleteAccount.voting")}</li>
          </ul>
          <p>
            {t("deleteAccount.downloadFirst")} <a href="/account/data">{t("account.myData.download")}</a>
          </p>
          <FormError failure={failure} form={form} />
          <Form method="post" noValidate onSubmit={onSubmit} className="stack">
            <input type="hidden" name="intent" value="delete-account" />
            <TextField
              form={form}
              failure={failure}
              name="password"
              type="password"
              autoComplete="current-password"
              label={t("fields.currentPassword")}
              required
            />
            <CheckboxField form={form} failure={failure} name="understood" label={t("deleteAccount.understood")} />
            <div className="button-row">
              <button type="submit" className="button button-warning">
                {t("deleteAccount.submit")}
              </button>
              <Link to="/account">{t("deleteAccount.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
