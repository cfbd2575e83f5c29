import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { EventForm } from "~/events/components/EventForm";
import { attendees, cancelEvent, eventById, eventForViewer, linkChoices, updateEvent } from "~/events/events.server";
import { eventFormValues } from "~/events/form-values";
import { cancelEventSchema, eventSchema } from "~/events/schema";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { formatDateTime } from "~/i18n/format";
import { parseFormData } from "~/kernel/form-data";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { refusalPage } from "~/http/refusal-page";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "events"] };

export const meta: MetaFunction = (args) => pageTitle(args, "events:staff.edit");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "event:manage");
  const { event, may } = notFoundUnless(await eventForViewer(db(), user, idParam(args.params, "eventId")));
  const [neighbourhoods, listed] = await Promise.all([listNeighbourhoods(db(), { including: event.neighbourhoodId }), attendees(db(), user, event.id)]);
  if (!listed.ok) throw refusalPage(listed.status as 403 | 404, listed.formError!);
  const links = await linkChoices(
    db(),
    neighbourhoods.map((neighbourhood) => neighbourhood.id),
  );
  return { event, may, neighbourhoods, people: listed.people, links, values: eventFormValues(event) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "event:manage");
  const event = notFoundUnless(await eventById(db(), idParam(args.params, "eventId")));
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "save") {
    const parsed = parseFormData(eventSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await updateEvent(db(), user, event.id, parsed.data, siteUrl());
    if (!result.ok) return refusedAnswer(result, { intent, values: formData });
    return redirect(`/staff/events/${event.id}?saved=1`);
  }
  if (intent === "cancel-event") {
    const parsed = parseFormData(cancelEventSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await cancelEvent(db(), user, event.id, parsed.data.reason, siteUrl());
    if (!result.ok) return refusedAnswer(result, { intent });
    return redirect(`/staff/events/${event.id}?cancelled=1`);
  }
  throw new Response("Unknown form", { status: 400 });
}

export default function StaffEventPage() {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const [params] = useSearchParams();
  const answer = useActionData<typeof action>();
  const { event, may, neighbourhoods, people, links, values } = useLoaderData<typeof loader>();
  const reasonError = answer && "errors" in answer && answer.intent === "cancel-event" ? answer.errors.reason : undefined;
  return (
    <div className="stack">
      <h1>{t("staff.edit")}</h1>
      <p className="button-row">
        <Link to={`/events/${event.id}`}>{t("staff.publicPage")}</Link>
        <a href={`/staff/events/${event.id}/attendees.csv`}>{t("staff.csv")}</a>
      </p>
      {params.get("saved") ? (
        <p className="alert alert-success" role="status">
          {t("staff.saved")}
        </p>
      ) : null}
      {event.cancelledAt ? (
        <p className="alert alert-info" role="status">
          {t("cancelledBecause", { reason: event.cancelReason })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="attendees-title">
        <h2 id="attendees-title">{t("staff.attendees", { count: people.length })}</h2>
        {people.length === 0 ? (
          <p className="empty-state">{t("staff.noAttendees")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("staff.name")}</th>
                  <th scope="col">{t("staff.email")}</th>
                  <th scope="col">{t("staff.status")}</th>
                  <th scope="col">{t("staff.since")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <bdi>{person.name}</bdi>
                    </td>
                    <td dir="ltr">{person.email}</td>
                    <td>{t(`rsvpStatus.${person.status}`)}</td>
                    <td>{formatDateTime(person.createdAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {may.manage ? (
        <>
          <section className="card" aria-labelledby="edit-event-title">
            <h2 id="edit-event-title">{t("staff.details")}</h2>
            <EventForm neighbourhoods={neighbourhoods} defaultValues={values} submitLabel={t("form.save")} links={links} />
          </section>
          <section className="card" aria-labelledby="cancel-event-title">
            <h2 id="cancel-event-title">{t("staff.cancelTitle")}</h2>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="cancel-event" />
              <div className={`field${reasonError ? " field-invalid" : ""}`}>
                <label htmlFor="field-reason">{t("staff.cancelReason")}</label>
                <p className="field-hint" id="field-reason-hint">
                  {t("staff.cancelHint")}
                </p>
                <textarea
                  id="field-reason"
                  name="reason"
                  rows={2}
                  maxLength={1000}
                  aria-describedby={reasonError ? "field-reason-hint field-reason-error" : "field-reason-hint"}
                  aria-invalid={reasonError ? true : undefined}
                />
                {reasonError ? (
                  <p className="field-error" id="field-reason-error">
                    {t(reasonError, { ns: ["events", "common"] })}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" className="button button-warning">
                  {t("staff.cancelSubmit")}
                </button>
              </div>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
