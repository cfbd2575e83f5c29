import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { calendarPage } from "~/events/calendar.server";
import { EventCalendar } from "~/events/components/EventCalendar";
import { neighbourhoodBySlugForEvents } from "~/events/events.server";
import { pageTitle } from "~/http/meta";
import { notFoundUnless } from "~/http/answer.server";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["events"], sameForEveryVisitor: true };

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "events:title", args.data?.neighbourhood.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const neighbourhood = notFoundUnless(slug.length <= 100 ? await neighbourhoodBySlugForEvents(db(), slug) : null);
  return { neighbourhood, ...(await calendarPage(request, neighbourhood.id)) };
}

export default function NeighbourhoodEventsPage() {
  const { t } = useTranslation("events");
  const { neighbourhood, ...page } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="events-title">
      <p className="muted">
        <Link to={`/n/${neighbourhood.slug}`}>
          <bdi>{neighbourhood.name}</bdi>
        </Link>{" "}
        · <bdi>{neighbourhood.city}</bdi>
      </p>
      <h1 id="events-title">{t("inNeighbourhood", { name: neighbourhood.name })}</h1>
      <EventCalendar {...page} basePath={`/n/${neighbourhood.slug}/events`} feedPath={`/n/${neighbourhood.slug}/events/calendar.ics`} />
    </section>
  );
}
