import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { RoundCard } from "~/rounds/components/RoundSummary";
import { neighbourhoodBySlug } from "~/rounds/rounds.server";
import { pageTitle } from "~/http/meta";
import { notFoundUnless } from "~/http/answer.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["rounds"], sameForEveryVisitor: true };

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "", args.data?.neighbourhood.name);

export async function loader(args: LoaderFunctionArgs) {
  const slug = args.params.slug ?? "";
  const user = await currentUser(args);
  const neighbourhood = notFoundUnless(slug.length <= 100 ? await neighbourhoodBySlug(db(), slug, { includeDrafts: can(user, "round:view-draft") }) : null);
  const { boundary: _boundary, ...rest } = neighbourhood;
  return { neighbourhood: rest };
}

export default function NeighbourhoodPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { neighbourhood } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header>
        <p className="muted" dir="auto">
          {neighbourhood.city}
        </p>
        <h1 dir="auto">{neighbourhood.name}</h1>
        <p>
          <Link to={`/n/${neighbourhood.slug}/events`}>{t("layout.nav.events")}</Link>
        </p>
      </header>
      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">{t("neighbourhood.rounds")}</h2>
        {neighbourhood.rounds.length === 0 ? (
          <p className="empty-state">{t("home.noRounds")}</p>
        ) : (
          <ul className="card-list">
            {neighbourhood.rounds.map((round) => (
              <li key={round.id}>
                <RoundCard round={round} locale={locale} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
