import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isPlausibleToken } from "~/kernel/tokens";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { cancelRsvp, confirmRsvp, rsvpByToken } from "~/events/events.server";
import { rsvpLinkSchema } from "~/events/schema.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { siteUrl } from "~/security/hosts.server";
import { parseFormData } from "~/kernel/form-data";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { refusedAnswer } from "~/http/answer.server";
import { refused } from "~/kernel/result";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["events"] };

export const meta: MetaFunction = (args) => pageTitle(args, "events:link.title");

// The link is a key to somebody's answer: never kept in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// The page an emailed RSVP link opens. Opening it changes nothing (mail scanners open links too):
// only its buttons (POSTs) confirm the answer or, later, cancel it.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = isPlausibleToken(params.token) ? await rsvpByToken(db(), params.token) : null;
  if (!link) return data({ link: null }, { status: 410 });
  const { event } = link;
  return data(
    {
      link: {
        state: link.state,
        position: link.position,
        pendingUntil: link.pendingUntil,
        event: {
          id: event.id,
          texts: event.texts,
          originalLocale: event.originalLocale,
          startsAt: event.startsAt,
          cancelledAt: event.cancelledAt,
          cancelReason: event.cancelReason,
        },
        may: link.may,
      },
    },
    { status: link.state === "expired" || link.state === "cancelled" ? 410 : 200 },
  );
}

export async function action(args: ActionFunctionArgs) {
  const parsed = parseFormData(rsvpLinkSchema, await readFormData(args.request));
  if (!parsed.ok) throw new Response("Unknown form", { status: 400 });
  const token = args.params.token;
  if (!isPlausibleToken(token)) return refusedAnswer(refused(410, "events:link.invalid"));
  if (parsed.data.intent === "confirm") {
    const result = await confirmRsvp(db(), token);
    if (!result.ok) return refusedAnswer(result);
    return redirect(`/events/rsvp/${token}`);
  }
  const result = await cancelRsvp(db(), { token }, siteUrl());
  if (!result.ok) return refusedAnswer(result);
  return redirect(`/events/${result.eventId}?cancelledRsvp=1`);
}

export default function RsvpLinkPage() {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const { link } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const text = link ? pickLocalized(link.event.texts, locale, link.event.originalLocale) : null;
  const values = { title: text?.text.title ?? "", date: link ? formatDateTime(link.event.startsAt, locale) : "" };
  return (
    <section className="narrow stack" aria-labelledby="rsvp-link-title">
      <h1 id="rsvp-link-title">{t("link.title")}</h1>
      {answer?.formError ? (
        <p className="alert alert-error" role="alert">
          {t(answer.formError)}
        </p>
      ) : null}
      {!link ? (
        <p>{t("link.invalid")}</p>
      ) : (
        <>
          {text ? (
            <p>
              <Link to={`/events/${link.event.id}`} {...languageAttributes(text.locale)}>
                {text.text.title}
              </Link>
              {" · "}
              {values.date}
            </p>
          ) : null}
          {link.event.cancelledAt ? (
            <p className="alert alert-error" role="alert">
              {t("cancelledBecause", { reason: link.event.cancelReason })}
            </p>
          ) : null}
          {link.state === "pending" && link.may.confirm ? (
            <>
              <p>{t("link.pending", values)}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <button type="submit" className="button">
                  {t("link.confirm")}
                </button>
              </Form>
              <p className="muted">{t("link.notYou", { until: link.pendingUntil ? formatDateTime(link.pendingUntil, locale) : values.date })}</p>
            </>
          ) : null}
          {link.state === "expired" ? <p>{t("link.expired")}</p> : null}
          {link.state === "cancelled" ? <p>{t("link.cancelled")}</p> : null}
          {link.state === "confirmed" ? <p>{t("link.confirmed", values)}</p> : null}
          {link.state === "waiting" ? <p>{t("link.waiting", { ...values, position: link.position ?? 0 })}</p> : null}
          {(link.state === "confirmed" || link.state === "waiting") && link.may.cancelAnswer ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button button-secondary">
                {t("rsvp.cancel")}
              </button>
            </Form>
          ) : null}
          {link.state === "expired" || link.state === "cancelled" ? (
            <p>
              <Link to={`/events/${link.event.id}`}>{t("link.toEvent")}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
