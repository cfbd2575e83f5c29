import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { offers } from "~/auth/permissions";
import { db } from "~/db.server";
import { isLocale, languageAttributes } from "~/i18n/config";
import { FeatureList } from "~/parklets/components/Badges";
import { parkletOverview, placementsInStreet } from "~/parklets/parklets.server";
import { streetSearchSchema } from "~/parklets/schema.server";
import { cityToday } from "~/kernel/city-time";
import { formatDay } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["parklets"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "parklets:overview.title");

export async function loader(args: LoaderFunctionArgs) {
  const today = cityToday();
  const mayRequest = offers(await currentUser(args), "parklet:request");
  const { street } = streetSearchSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const [parklets, inStreet] = await Promise.all([parkletOverview(db(), today), street ? placementsInStreet(db(), street, today) : null]);
  const place = (placement: { street: string; firstDay: string; lastDay: string; neighbourhood: { name: string; city: string } }) => ({
    street: placement.street,
    firstDay: placement.firstDay,
    lastDay: placement.lastDay,
    neighbourhood: placement.neighbourhood.name,
    city: placement.neighbourhood.city,
  });
  return {
    today,
    mayRequest,
    street,
    parklets: parklets.map((parklet) => ({
      id: parklet.id,
      name: parklet.name,
      originalLocale: parklet.originalLocale,
      description: parklet.description,
      builtBy: parklet.builtBy,
      features: parklet.features,
      photoFileName: parklet.photoFileName,
      photoAlt: parklet.photoAlt,
      now: parklet.now ? place(parklet.now) : null,
      next: parklet.next ? place(parklet.next) : null,
    })),
    inStreet: inStreet?.map((placement) => ({ id: placement.id, parklet: placement.parklet.name, ...place(placement) })) ?? null,
  };
}

export default function ParkletsPage() {
  const { t } = useTranslation("parklets");
  const locale = useLocale();
  const { today, mayRequest, street, parklets, inStreet } = useLoaderData<typeof loader>();
  const day = (value: string) => formatDay(value, locale);
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="parklets-title">
        <h1 id="parklets-title">{t("overview.title")}</h1>
        <p className="lead">{t("overview.intro")}</p>
        <p className="muted">{t("overview.today", { date: day(today) })}</p>
        <p className="button-row">
          {mayRequest ? (
            <Link to="/parklets/request" className="button">
              {t("overview.request")}
            </Link>
          ) : null}
          <a href="/parklets/calendar.ics" className="button button-secondary">
            {t("overview.calendar")}
          </a>
        </p>
        <p className="field-hint">{t("overview.calendarHint")}</p>
      </section>

      <section className="card" aria-labelledby="street-title">
        <h2 id="street-title">{t("street.title")}</h2>
        <Form method="get" className="filters" role="search" aria-labelledby="street-title">
          <div className="field">
            <label htmlFor="street-search">{t("street.label")}</label>
            <p className="field-hint" id="street-search-hint">
              {t("street.hint")}
            </p>
            <input id="street-search" name="street" type="search" defaultValue={street} maxLength={100} aria-describedby="street-search-hint" />
          </div>
          <div>
            <button type="submit" className="button button-secondary">
              {t("street.submit")}
            </button>
          </div>
        </Form>
        {inStreet ? (
          <div role="status">
            {inStreet.length === 0 ? (
              <p className="empty-state">{t("street.none", { street })}</p>
            ) : (
              <>
                <h3>{t("street.results", { street })}</h3>
                <ul className="plain-list">
                  {inStreet.map((placement) => (
                    <li key={placement.id}>
                      {t("street.result", {
                        parklet: placement.parklet,
                        street: placement.street,
                        neighbourhood: placement.neighbourhood,
                        firstDay: day(placement.firstDay),
                        lastDay: day(placement.lastDay),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="catalogue-title" className="stack">
        <h2 id="catalogue-title">{t("overview.catalogue")}</h2>
        {parklets.length === 0 ? (
          <p className="empty-state">{t("overview.empty")}</p>
        ) : (
          <ul className="card-list">
            {parklets.map((parklet) => {
              const textLocale = isLocale(parklet.originalLocale) ? parklet.originalLocale : undefined;
              return (
                <li key={parklet.id} className="card">
                  <h3 className="card-title" dir="auto">
                    {parklet.name}
                  </h3>
                  {parklet.photoFileName ? (
                    <div className="photo-grid">
                      <img src={`/uploads/${parklet.photoFileName}`} alt={parklet.photoAlt} loading="lazy" />
                    </div>
                  ) : null}
                  <dl className="facts">
                    <div>
                      <dt>{t("overview.now")}</dt>
                      <dd>
                        {parklet.now
                          ? t("overview.nowAt", { street: parklet.now.street, neighbourhood: parklet.now.neighbourhood, lastDay: day(parklet.now.lastDay) })
                          : t("overview.nowNowhere")}
                      </dd>
                    </div>
                    <div>
                      <dt>{t("overview.next")}</dt>
                      <dd>
                        {parklet.next
                          ? t("overview.nextAt", {
                              street: parklet.next.street,
                              neighbourhood: parklet.next.neighbourhood,
                              firstDay: day(parklet.next.firstDay),
                              lastDay: day(parklet.next.lastDay),
                            })
                          : t("overview.nextNone")}
                      </dd>
                    </div>
                  </dl>
                  <p className="muted">{t("overview.builtBy", { builtBy: parklet.builtBy })}</p>
                  <FeatureList features={parklet.features} />
                  {parklet.description ? (
                    <>
                      <p {...languageAttributes(textLocale)}>{parklet.description}</p>
                      {textLocale && textLocale !== locale ? <LanguageNote locale={textLocale} /> : null}
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
