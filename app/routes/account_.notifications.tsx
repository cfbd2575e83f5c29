import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { invalidForm } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { actionHeaders } from "~/http/route-headers";
import { formatDateTime } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { parseFormData } from "~/kernel/form-data";
import { CHANNELS, NOTIFICATION_KINDS } from "~/notifications/kinds";
import { latestNotifications, markAllRead, preferencesOf, savePreferences } from "~/notifications/preferences.server";
import { preferencesSchema } from "~/notifications/schema";
import { FormError, SelectField, useValidatedForm } from "~/ui/form";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle = { i18n: ["notifications"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "notifications:title");

/** The resident's choices per kind of notification and their latest notifications (issue #23). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const [channels, notifications] = await Promise.all([preferencesOf(db(), user.id), latestNotifications(db(), user.id)]);
  return { channels, notifications };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "account:manage-own");
  const formData = await readFormData(args.request);
  if (formData.get("intent") === "mark-read") {
    await markAllRead(db(), user.id);
    return redirect("/account/notifications?marked=1");
  }
  const parsed = parseFormData(preferencesSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "save-preferences");
  const { intent: _intent, ...channels } = parsed.data;
  await savePreferences(db(), user.id, channels);
  return redirect("/account/notifications?saved=1");
}

export default function NotificationsPage() {
  const { t } = useTranslation("notifications");
  const locale = useLocale();
  const { channels, notifications } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { form, onSubmit, failure } = useValidatedForm(preferencesSchema, {
    intent: "save-preferences",
    defaultValues: { intent: "save-preferences", ...channels },
  });
  const notice = searchParams.get("saved") === "1" ? "preferences.saved" : searchParams.get("marked") === "1" ? "list.marked" : null;
  const options = CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }));
  return (
    <section className="narrow stack" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("title")}</h1>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}

      <section aria-labelledby="list-title" className="stack">
        <h2 id="list-title">{t("list.heading")}</h2>
        {notifications.length ? (
          <>
            <ul className="stack">
              {notifications.map((item) => (
                <li key={item.id} className={item.readAt ? undefined : "notification-unread"}>
                  {item.readAt ? null : <span className="badge">{t("list.unread")}</span>} <Link to={item.path}>{item.title}</Link>{" "}
                  <span className="muted">{formatDateTime(item.createdAt, locale)}</span>
                </li>
              ))}
            </ul>
            {notifications.some((item) => !item.readAt) ? (
              <Form method="post">
                <button type="submit" name="intent" value="mark-read" className="button button-secondary">
                  {t("list.markRead")}
                </button>
              </Form>
            ) : null}
          </>
        ) : (
          <p>{t("list.empty")}</p>
        )}
      </section>

      <section aria-labelledby="preferences-title" className="stack">
        <h2 id="preferences-title">{t("preferences.heading")}</h2>
        <p>{t("intro")}</p>
        <FormError failure={failure} form={form} />
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <input type="hidden" name="intent" value="save-preferences" />
          {NOTIFICATION_KINDS.map((kind) => (
            <SelectField key={kind} form={form} failure={failure} name={kind} id={`channel-${kind}`} label={t(`kinds.${kind}`)} options={options} />
          ))}
          <div className="button-row">
            <button type="submit" className="button">
              {t("preferences.save")}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
