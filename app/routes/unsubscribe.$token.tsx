import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { unsubscribe, unsubscribeLink } from "~/notifications/preferences.server";

export const handle: I18nHandle = { i18n: ["notifications"] };

export const meta: MetaFunction = (args) => pageTitle(args, "notifications:unsubscribe.title");

// The link is a key to somebody's choices: never kept in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// An email's unsubscribe link, logged out. Opening it changes nothing (mail scanners open links):
// its button, or the mail provider's one-click POST (RFC 8058, exempt from the Origin check for
// exactly this path), unsubscribes; the action reads no form and does nothing else.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await unsubscribeLink(db(), params.token);
  return data({ kind: link?.kind ?? null }, { status: link ? 200 : 410 });
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await unsubscribe(db(), params.token);
  return data({ done: done?.kind ?? null }, { status: done ? 200 : 410 });
}

export default function UnsubscribePage() {
  const { t } = useTranslation("notifications");
  const { kind } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const kindName = (name: string) => (name === "digest" ? t("unsubscribe.digest") : t(`kinds.${name}`));
  return (
    <section className="narrow stack" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("unsubscribe.title")}</h1>
      {answer?.done ? (
        <p role="status">{t("unsubscribe.done", { kind: kindName(answer.done) })}</p>
      ) : !kind || answer ? (
        <p>{t("unsubscribe.invalid")}</p>
      ) : (
        <Form method="post" className="stack">
          <p>{t("unsubscribe.question", { kind: kindName(kind) })}</p>
          <div className="button-row">
            <button type="submit" className="button">
              {t("unsubscribe.confirm")}
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/account/notifications">{t("unsubscribe.settings")}</Link>
      </p>
    </section>
  );
}
