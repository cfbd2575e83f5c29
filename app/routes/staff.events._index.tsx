import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { listEvents } from "~/events/events.server";
import { formatDateTimeRange } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["events"] };

export const meta: MetaFunction = (args) => pageTitle(args, "events:staff.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "event:manage");
  return { events: await listEvents(db(), {}) };
}

export default function StaffEventsPage() {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const { events } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="staff-events-title">
      <div className="row-between">
        <h1 id="staff-events-title">{t("staff.title")}</h1>
        <Link to="/staff/events/new" className="button">
          {t("staff.new")}
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="empty-state">{t("staff.none")}</p>
      ) : (
        <ul className="card-list">
          {events.map((event) => {
            const text = pickLocalized(event.texts, locale, event.originalLocale);
            return (
              <li key={event.id} className="card">
                <h2 className="card-title" {...languageAttributes(text?.locale)}>
                  <Link to={`/staff/events/${event.id}`}>{text?.text.title}</Link>
                </h2>
                <p className="muted">
                  {formatDateTimeRange(event.startsAt, event.endsAt, locale)} · <bdi>{event.neighbourhood.name}</bdi>
                  {event.cancelledAt ? ` · ${t("cancelled")}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
