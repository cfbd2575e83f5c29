import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { readFormData } from "~/http/read-form.server";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contactEmail } from "~/accessibility/statement";
import { changePassword, updatePreferences } from "~/auth/accounts.server";
import { requirePermission } from "~/auth/guard.server";
import { rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { changePasswordSchema, preferencesSchema } from "~/auth/schema";
import { forgetSessionUser, sessionTokenFrom } from "~/auth/session.server";
import { hasSecondFactor } from "~/auth/two-factor.server";
import { NewPasswordFields } from "~/auth/components/NewPasswordFields";
import { MyParticipation } from "~/account/components/MyParticipation";
import { myParticipation } from "~/account/participation.server";
import { db } from "~/db.server";
import { cookieForLocale, localeFor } from "~/auth/locale.server";
import { parseFormData } from "~/kernel/form-data";
import { FormError, LocaleSelectField, TextField, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import { actionHeaders } from "~/http/route-headers";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth", "proposals"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "auth:account.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const locale = await localeFor(args.request, args.context);
  // A blocked account reads here why it cannot post, and whom to ask.
  const blocked = user.blocked ? { reason: user.blockedReason ?? "", contact: contactEmail() } : null;
  const [twoFactorOn, participation] = await Promise.all([hasSecondFactor(db(), user.id), myParticipation(db(), user.id)]);
  return { name: user.name, email: user.email, role: user.role, locale: user.locale ?? locale, twoFactorOn, blocked, participation };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "preferences") {
    const parsed = parseFormData(preferencesSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, String(intent));
    await updatePreferences(db(), user.id, parsed.data);
    // The page rendered after this action must already use the new name and language.
    forgetSessionUser(args.context);
    return data({ intent, saved: true }, { headers: { "Set-Cookie": cookieForLocale(parsed.data.locale) } });
  }
  if (intent === "change-password") {
    const parsed = parseFormData(changePasswordSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, String(intent));
    // Someone with a stolen session must not be able to guess the current password at leisure.
    const limited = await rateLimited(db(), [{ key: `password:account:${user.id}`, rule: RATE_LIMITS.changePasswordPerAccount }], {}, { intent });
    if (limited) return limited;
    const changed = await changePassword(db(), user.id, parsed.data, sessionTokenFrom(args.request) ?? "");
    if (!changed.ok) return refusedAnswer(changed, { intent });
    return { intent, saved: true };
  }
  throw new Response("Unknown form", { status: 400 });
}

function PreferencesForm() {
  const { t } = useTranslation("auth");
  const account = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { form, onSubmit, failure } = useValidatedForm(preferencesSchema, {
    defaultValues: { intent: "preferences", name: account.name, locale: account.locale },
    intent: "preferences",
  });
  return (
    <section aria-labelledby="preferences-title" className="card">
      <h2 id="preferences-title">{t("account.preferences")}</h2>
      {result && "saved" in result && result.intent === "preferences" ? (
        <p className="alert alert-success" role="status">
          {t("account.saved")}
        </p>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="preferences" />
        <TextField form={form} failure={failure} name="name" autoComplete="name" label={t("fields.name")} required />
        <LocaleSelectField form={form} failure={failure} name="locale" label={t("account.language")} hint={t("account.languageHint")} />
        <button type="submit" className="button">
          {t("account.savePreferences")}
        </button>
      </Form>
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  const { form, onSubmit, failure } = useValidatedForm(changePasswordSchema, {
    defaultValues: { intent: "change-password" },
    intent: "change-password",
  });
  return (
    <section aria-labelledby="password-title" className="card">
      <h2 id="password-title">{t("account.changePassword")}</h2>
      {result && "saved" in result && result.intent === "change-password" ? (
        <p className="alert alert-success" role="status">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="change-password" />
        <TextField
          form={form}
          failure={failure}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={t("fields.currentPassword")}
          required
        />
        <NewPasswordFields form={form} failure={failure} />
        <button type="submit" className="button">
          {t("account.changePasswordSubmit")}
        </button>
      </Form>
    </section>
  );
}

export default function AccountPage() {
  const { t } = useTranslation("auth");
  const account = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      {params.get("welcome") ? (
        <p className="alert alert-success" role="status">
          {t("verify.done")}
        </p>
      ) : null}
      {params.get("reset") ? (
        <p className="alert alert-success" role="status">
          {t("reset.done")}
        </p>
      ) : null}
      <p>
        {t("account.loggedInAs", { name: account.name, email: account.email })} · {t(`roles.${account.role}`)}
      </p>
      {account.blocked ? (
        <p className="alert alert-warning" role="status">
          {account.blocked.contact
            ? t("errors:blocked.withContact", { reason: account.blocked.reason, contact: account.blocked.contact })
            : t("errors:blocked.noContact", { reason: account.blocked.reason })}
        </p>
      ) : null}
      <MyParticipation participation={account.participation} />
      <PreferencesForm />
      <PasswordForm />
      <section aria-labelledby="two-factor-title" className="card">
        <h2 id="two-factor-title">{t("twoFactor.setup.title")}</h2>
        <p>{t(account.twoFactorOn ? "twoFactor.setup.on" : "twoFactor.account.off")}</p>
        <p>
          <Link to="/account/two-factor">{t(account.twoFactorOn ? "twoFactor.account.manage" : "twoFactor.setup.start")}</Link>
        </p>
      </section>
      <section aria-labelledby="my-data-title" className="card">
        <h2 id="my-data-title">{t("account.myData.title")}</h2>
        <p>{t("account.myData.body")}</p>
        <p>
          <a href="/account/data" download>
            {t("account.myData.download")}
          </a>{" "}
          · <Link to="/privacy">{t("account.myData.privacy")}</Link>
        </p>
        {account.role === "RESIDENT" ? (
          <p>
            <Link to="/account/delete">{t("deleteAccount.link")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
