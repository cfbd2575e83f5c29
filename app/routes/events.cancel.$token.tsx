import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { baseUrl } from "~/auth/http.server";
import { db } from "~/db.server";
import { cancelRsvp, rsvpByToken } from "~/events/events.server";
import { pickLocalized } from "~/i18n/content";
import { pageTitle } from "~/ui/meta";
import { useLocale } from "~/ui/useLocale";

export const meta: MetaFunction = (args) => pageTitle(args, "events:cancelPage.title");

const usable = (token: string | undefined): token is string => !!token && token.length <= 100;

// The emailed link shows a button; only the POST cancels (mail scanners open links too).
export async function loader({ params }: LoaderFunctionArgs) {
  const row = usable(params.token) ? await rsvpByToken(db(), params.token) : null;
  if (!row || row.status === "CANCELLED") return data({ event: null }, { status: 410 });
  return { event: { id: row.event.id, texts: row.event.texts, originalLocale: row.event.originalLocale } };
}

export async function action(args: ActionFunctionArgs) {
  const result = usable(args.params.token) ? await cancelRsvp(db(), { token: args.params.token }, baseUrl(args.request)) : { ok: false as const };
  if (!result.ok) return data({ event: null }, { status: 410 });
  return redirect(`/events/${result.eventId}?cancelledRsvp=1`);
}

export default function CancelRsvpPage() {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const { event } = useLoaderData<typeof loader>();
  const title = event ? pickLocalized(event.texts, locale, event.originalLocale)?.text.title : null;
  return (
    <section className="narrow" aria-labelledby="cancel-title">
      <h1 id="cancel-title">{t("cancelPage.title")}</h1>
      {event ? (
        <>
          <p>{t("cancelPage.intro", { title })}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("rsvp.cancel")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("cancelPage.invalid")}</p>
      )}
    </section>
  );
}
