import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { calendarPage } from "~/events/calendar.server";
import { EventCalendar } from "~/events/components/EventCalendar";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["events"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "events:title");

export async function loader({ request }: LoaderFunctionArgs) {
  return calendarPage(request);
}

export default function EventsPage() {
  const { t } = useTranslation("events");
  const page = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="events-title">
      <h1 id="events-title">{t("title")}</h1>
      <EventCalendar {...page} basePath="/events" />
    </section>
  );
}
