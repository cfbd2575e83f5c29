import { dateTimeFormat } from "~/kernel/intl";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { formatDateTimeRange, formatDay } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";
import { groupByWeek, monthGrid, shiftMonth } from "../calendar";
import { placesLeft } from "../rsvp";

export interface CalendarEvent {
  id: string;
  day: string;
  startsAt: string | Date;
  endsAt: string | Date;
  place: string;
  capacity: number | null;
  confirmedCount: number;
  cancelledAt: string | Date | null;
  originalLocale: string;
  texts: { locale: string; title: string; description: string }[];
  neighbourhood: { name: string; slug: string };
}

function EventLine({ event }: { event: CalendarEvent }) {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const text = pickLocalized(event.texts, locale, event.originalLocale);
  const left = placesLeft(event.confirmedCount, event.capacity);
  return (
    <article className="card">
      <h3 className="card-title" {...languageAttributes(text?.locale)}>
        <Link to={`/events/${event.id}`}>{text?.text.title}</Link>
      </h3>
      <p className="muted">
        <time dateTime={new Date(event.startsAt).toISOString()}>{formatDateTimeRange(event.startsAt, event.endsAt, locale)}</time> · <bdi>{event.place}</bdi> ·{" "}
        <bdi>{event.neighbourhood.name}</bdi>
      </p>
      <p>{event.cancelledAt ? <strong>{t("cancelled")}</strong> : left === null ? t("noLimit") : left === 0 ? t("full") : t("placesLeft", { count: left })}</p>
    </article>
  );
}

export function EventCalendar({
  view,
  month,
  events,
  basePath,
  feedPath,
}: {
  view: "upcoming" | "month" | "past";
  month: string;
  events: CalendarEvent[];
  basePath: string;
  feedPath?: string;
}) {
  const { t } = useTranslation("events");
  const locale = useLocale();
  const monthName = dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
  return (
    <div className="stack">
      <nav className="button-row" aria-label={t("views.label")}>
        <Link to={basePath} aria-current={view === "upcoming" ? "page" : undefined}>
          {t("views.upcoming")}
        </Link>
        <Link to={`${basePath}?view=month&month=${month}`} aria-current={view === "month" ? "page" : undefined}>
          {t("views.month")}
        </Link>
        <Link to={`${basePath}?view=past`} aria-current={view === "past" ? "page" : undefined}>
          {t("views.past")}
        </Link>
        {feedPath ? <a href={feedPath}>{t("feed")}</a> : null}
      </nav>
      {view === "month" ? (
        <section aria-labelledby="month-title" className="stack">
          <div className="row-between">
            <Link to={`${basePath}?view=month&month=${shiftMonth(month, -1)}`}>{t("views.previousMonth")}</Link>
            <h2 id="month-title">{monthName}</h2>
            <Link to={`${basePath}?view=month&month=${shiftMonth(month, 1)}`}>{t("views.nextMonth")}</Link>
          </div>
          {events.length === 0 ? <p className="empty-state">{t("noneThisMonth")}</p> : null}
          <ol className="month-list">
            {monthGrid(month, events, (event) => event.day)
              .flat()
              .filter((cell) => cell.inMonth && cell.items.length > 0)
              .map((cell) => (
                <li key={cell.day}>
                  <h3>{formatDay(cell.day, locale)}</h3>
                  <ul className="plain-list">
                    {cell.items.map((event) => (
                      <li key={event.id}>
                        <EventLine event={event} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ol>
        </section>
      ) : events.length === 0 ? (
        <p className="empty-state">{view === "past" ? t("noPast") : t("noUpcoming")}</p>
      ) : view === "past" ? (
        <ul className="plain-list">
          {events.map((event) => (
            <li key={event.id}>
              <EventLine event={event} />
            </li>
          ))}
        </ul>
      ) : (
        groupByWeek(events, (event) => event.day).map((week) => (
          <section key={week.weekStart} aria-labelledby={`week-${week.weekStart}`}>
            <h2 id={`week-${week.weekStart}`}>{t("weekOf", { date: formatDay(week.weekStart, locale) })}</h2>
            <ul className="plain-list">
              {week.items.map((event) => (
                <li key={event.id}>
                  <EventLine event={event} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
