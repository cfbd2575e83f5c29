import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { RoundCard } from "~/rounds/components/RoundSummary";
import { listNeighbourhoodsWithRounds } from "~/rounds/rounds.server";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["rounds"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "home.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const neighbourhoods = await listNeighbourhoodsWithRounds(db(), { includeDrafts: can(user, "round:view-draft") });
  return { neighbourhoods };
}

export default function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { neighbourhoods } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
      </section>
      <section aria-labelledby="neighbourhoods-title">
        <h2 id="neighbourhoods-title">{t("home.neighbourhoods")}</h2>
        {neighbourhoods.length === 0 ? (
          <p className="empty-state">{t("home.noNeighbourhoods")}</p>
        ) : (
          <ul className="card-list">
            {neighbourhoods.map((neighbourhood) => (
              <li key={neighbourhood.id} className="card">
                <h3>
                  <Link to={`/n/${neighbourhood.slug}`}>
                    <bdi>{neighbourhood.name}</bdi>
                  </Link>
                </h3>
                <p className="muted" dir="auto">
                  {neighbourhood.city}
                </p>
                {neighbourhood.rounds.length === 0 ? (
                  <p className="empty-state">{t("home.noRounds")}</p>
                ) : (
                  <ul className="plain-list">
                    {neighbourhood.rounds.slice(0, 1).map((round) => (
                      <li key={round.id}>
                        <RoundCard round={round} locale={locale} headingLevel={4} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
