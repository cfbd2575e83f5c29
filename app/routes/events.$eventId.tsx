import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission, currentUser } from "~/auth/guard.server";
import { can, offers } from "~/auth/permissions";
import { rateLimited, perAddress } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { cancelRsvp, eventById, eventForViewer, requestRsvp, rsvp } from "~/events/events.server";
import { placesLeft } from "~/events/rsvp";
import { rsvpSchema } from "~/events/schema";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { siteUrl } from "~/security/hosts.server";
import { withHiddenNotes } from "~/moderation/hidden";
import { hiddenProposals } from "~/moderation/hidden.server";
import { FormError, TextField, useValidatedForm } from "~/ui/form";
import { formatDateTimeRange } from "~/i18n/format";
import { parseFormData } from "~/kernel/form-data";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { metaLocale, pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["events"], sameForEveryVisitor: true };

export const meta: MetaFunction<typeof loader> = (args) => {
  const event = args.data?.event;
  const text = event ? pickLocalized(event.texts, metaLocale(args), event.originalLocale) : null;
  return pageTitle(args, "events:title", text?.text.title);
};

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const { event: found, actor, mine, may, answerAfterLogIn } = notFoundUnless(await eventForViewer(db(), user, idParam(args.params, "eventId")));
  // The proposal an event is about may be hidden by moderation: it is named by its number only (decision 0036).
  const proposal = found.proposal
    ? withHiddenNotes([found.proposal], await hiddenProposals(db(), [found.proposal.id]), can(user, "moderation:manage"))[0]!
    : null;
  const event = { ...found, proposal };
  // A blocked account keeps its answer (it may cancel it) but gives no new one.
  return { event, loggedIn: actor !== "visitor", mine, may: { ...may, answer: may.answer && offers(user, "event:rsvp") }, answerAfterLogIn };
}

export async function action(args: ActionFunctionArgs) {
  const user = await currentUser(args);
  const event = notFoundUnless(await eventById(db(), idParam(args.params, "eventId")));
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "cancel-rsvp") {
    if (!user) throw new Response("Forbidden", { status: 403 });
    const result = await cancelRsvp(db(), { eventId: event.id, email: user.email }, siteUrl());
    if (!result.ok) return refusedAnswer(result, { intent });
    return redirect(`/events/${event.id}?cancelledRsvp=1`);
  }
  if (intent !== "rsvp") throw new Response("Unknown form", { status: 400 });
  const locale = await localeFor(args.request, args.context);
  if (user) {
    assertPermission(user, "event:rsvp");
    const result = await rsvp(db(), event.id, { userId: user.id, name: user.name, email: user.email, locale }, siteUrl());
    if (!result.ok) return refusedAnswer(result, { intent });
    return redirect(`/events/${event.id}?${result.answer === "CONFIRMED" ? "confirmed" : "waiting"}=1`);
  }
  const parsed = parseFormData(rsvpSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, intent);
  const limited = await rateLimited(db(), [{ key: perAddress(args.request, "rsvp"), rule: RATE_LIMITS.rsvpPerAddress }], parsed.data, { intent });
  if (limited) return limited;
  // Only the address's owner can make this answer count (the emailed link); the page says the same
  // whatever the address's state.
  const result = await requestRsvp(db(), event.id, { name: parsed.data.name, email: parsed.data.email, locale }, siteUrl());
  if (!result.ok) return refusedAnswer(result, { intent });
  return redirect(`/events/${event.id}?checkMail=1`);
}

/** A visitor's answer: a place, or a spot on the waiting list when the event is full (either once confirmed by mail). */
function VisitorRsvpForm({ full }: { full: boolean }) {
  const { t } = useTranslation("events");
  const { form, onSubmit, failure } = useValidatedForm(rsvpSchema, { defaultValues: { intent: "rsvp" }, intent: "rsvp" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="rsvp" />
      <FormError failure={failure} form={form} />
      <p>{t("rsvp.visitorIntro")}</p>
      <TextField form={form} failure={failure} name="name" label={t("rsvp.name")} autoComplete="name" required />
      <TextField form={form} failure={failure} name="email" type="email" label={t("rsvp.email")} autoComplete="email" required />
      <div>
        <button type="submit" className="button">
          {full ? t("rsvp.joinWaitingList") : t("rsvp.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function EventPage() {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { event, loggedIn, mine, may, answerAfterLogIn } = useLoaderData<typeof loader>();
  const text = pickLocalized(event.texts, locale, event.originalLocale);
  const left = placesLeft(event.confirmedCount, event.capacity);
  const notice = ["confirmed", "waiting", "checkMail", "cancelledRsvp"].find((name) => params.get(name));
  // A visitor who just answered sees what happens next where the form was, not the form again.
  const visitorAnswered = notice === "checkMail" && !mine;
  return (
    <article className="stack" aria-labelledby="event-title">
      <header>
        <p className="muted">
          <Link to={`/n/${event.neighbourhood.slug}/events`}>
            <bdi>{event.neighbourhood.name}</bdi>
          </Link>
        </p>
        <h1 id="event-title" {...languageAttributes(text?.locale)}>
          {text?.text.title}
        </h1>
        {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
      </header>
      {notice && !visitorAnswered ? (
        <p className="alert alert-success" role="status">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      {event.cancelledAt ? (
        <p className="alert alert-error" role="alert">
          {t("cancelledBecause", { reason: event.cancelReason })}
        </p>
      ) : null}
      <dl className="facts facts-stacked">
        <div>
          <dt>{t("when")}</dt>
          <dd>{formatDateTimeRange(event.startsAt, event.endsAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("where")}</dt>
          <dd dir="auto">{event.place}</dd>
        </div>
        <div>
          <dt>{t("organiser")}</dt>
          <dd dir="auto">{event.organiser}</dd>
        </div>
        <div>
          <dt>{t("places")}</dt>
          <dd>{left === null ? t("noLimit") : left === 0 ? t("full") : t("placesLeft", { count: left })}</dd>
        </div>
        {event.round || event.proposal ? (
          <div>
            <dt>{t("about")}</dt>
            <dd>
              {event.proposal ? (
                <Link to={`/proposals/${event.proposal.id}`}>
                  #{event.proposal.number}{" "}
                  {event.proposal.hidden && !event.proposal.texts.length
                    ? t("common:content.hiddenByModeration")
                    : pickLocalized(event.proposal.texts, locale, event.proposal.originalLocale)?.text.title}
                </Link>
              ) : event.round ? (
                <Link to={`/rounds/${event.round.id}`}>{pickLocalized(event.round.translations, locale, event.round.originalLocale)?.text.title}</Link>
              ) : null}
            </dd>
          </div>
        ) : null}
        {event.accessibility ? (
          <div>
            <dt>{t("accessibility")}</dt>
            <dd>{event.accessibility}</dd>
          </div>
        ) : null}
      </dl>
      {text ? <Paragraphs text={text.text.description} locale={text.locale} /> : null}
      <p>
        <a href={`/events/${event.id}/calendar.ics`}>{t("addToCalendar")}</a>
      </p>
      {(mine && may.cancelAnswer) || (!mine && (may.answer || answerAfterLogIn)) ? (
        <section className="card" aria-labelledby="rsvp-title">
          <h2 id="rsvp-title">{t("rsvp.title")}</h2>
          {mine ? (
            <>
              <p>{mine.status === "CONFIRMED" ? t("rsvp.youAreComing") : t("rsvp.youAreWaiting", { position: mine.position ?? 0 })}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel-rsvp" />
                <button type="submit" className="button button-secondary">
                  {t("rsvp.cancel")}
                </button>
              </Form>
            </>
          ) : !may.answer ? (
            <p>
              {t("rsvp.visitorsClosed")}{" "}
              <Link to={`/login?redirectTo=${encodeURIComponent(`/events/${event.id}`)}`}>{t("layout.nav.login", { ns: "common" })}</Link>
            </p>
          ) : loggedIn ? (
            <Form method="post">
              <input type="hidden" name="intent" value="rsvp" />
              <button type="submit" className="button">
                {left === 0 ? t("rsvp.joinWaitingList") : t("rsvp.submit")}
              </button>
            </Form>
          ) : visitorAnswered ? (
            <p className="alert alert-success" role="status">
              {t("notices.checkMail")}
            </p>
          ) : (
            <VisitorRsvpForm full={left === 0} />
          )}
        </section>
      ) : null}
    </article>
  );
}
