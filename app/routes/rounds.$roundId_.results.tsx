import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { OutcomeChangesView, OutcomeFacts, ProjectsTable, RuleExplanation, SupportChart } from "~/results/components/OutcomeView";
import { outcomeChanges } from "~/results/outcome";
import { publicResults } from "~/results/public.server";
import { roundById } from "~/rounds/rounds.server";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { refusalPage } from "~/http/refusal-page";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

export const handle: I18nHandle & SharedPageHandle = { i18n: ["results"], sameForEveryVisitor: true };

export const meta: MetaFunction = (args) => pageTitle(args, "results:public.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: can(user, "round:view-draft") }));
  const results = await publicResults(db(), round.id);
  if (!results) throw refusalPage(404, "results:public.notPublished");
  return {
    round: { id: round.id, translations: round.translations, originalLocale: round.originalLocale, neighbourhood: round.neighbourhood },
    outcome: results.current.outcome,
    version: results.current.version,
    publishedAt: results.current.publishedAt,
    changes: results.previous ? outcomeChanges(results.previous.outcome, results.current.outcome) : null,
    earlier: results.earlier,
    eligible: results.eligible,
    texts: results.texts,
    currency: results.currency,
    importedFrom: results.importedFrom,
    canManage: can(user, "round:manage"),
  };
}

export default function ResultsPage() {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const { round, outcome, publishedAt, changes, earlier, eligible, texts, currency, importedFrom, canManage } = useLoaderData<typeof loader>();
  const roundText = pickLocalized(round.translations, locale, round.originalLocale);
  return (
    <article className="stack" aria-labelledby="results-title">
      <header>
        <p className="muted">
          <Link to={`/rounds/${round.id}`} {...languageAttributes(roundText?.locale)}>
            {roundText?.text.title}
          </Link>{" "}
          · <bdi>{round.neighbourhood.name}</bdi>
        </p>
        <h1 id="results-title">{t("public.title")}</h1>
        <p className="muted">{t("public.publishedAt", { date: formatDateTime(publishedAt, locale) })}</p>
        {importedFrom ? <p className="alert alert-info">{t("public.imported", { file: importedFrom })}</p> : null}
        {canManage ? (
          <p>
            <Link to={`/staff/rounds/${round.id}/results`} className="button button-secondary">
              {t("public.manage")}
            </Link>
          </p>
        ) : null}
      </header>

      <OutcomeFacts outcome={outcome} eligible={eligible} currency={currency} locale={locale} />

      <OutcomeChangesView changes={changes} outcome={outcome} texts={texts} locale={locale} currency={currency} />

      {/* The result first; then how it came about, for those who want to know. */}
      <section className="stack" aria-labelledby="results-projects-title">
        <h2 id="results-projects-title">{t("public.projects")}</h2>
        <SupportChart outcome={outcome} texts={texts} locale={locale} />
        <ProjectsTable outcome={outcome} texts={texts} locale={locale} currency={currency} caption={t("table.caption")} />
      </section>

      <section aria-labelledby="results-rule-title">
        <h2 id="results-rule-title">{t("public.howCounted")}</h2>
        <RuleExplanation outcome={outcome} currency={currency} locale={locale} />
      </section>

      <section aria-labelledby="results-downloads-title">
        <h2 id="results-downloads-title">{t("downloads.title")}</h2>
        <ul className="plain-list">
          <li>
            <a href={`/rounds/${round.id}/spreadsheet.csv`} download>
              {t("downloads.csv")}
            </a>{" "}
            <span className="muted">{t("downloads.spreadsheetHint")}</span>
          </li>
          <li>
            <a href={`/rounds/${round.id}/results.csv`} download>
              {t("downloads.data")}
            </a>{" "}
            <span className="muted">
              {t("downloads.dataHint")}{" "}
              <code lang="en" dir="ltr" translate="no">
                number;title;cost;support;funded
              </code>
            </span>
          </li>
          <li>
            <a href={`/rounds/${round.id}/results.pb`} download>
              {t("downloads.pabulib")}
            </a>{" "}
            <span className="muted">{t("downloads.pabulibHint")}</span>
          </li>
        </ul>
      </section>

      {earlier.length ? (
        <section aria-labelledby="results-history-title">
          <h2 id="results-history-title">{t("public.history")}</h2>
          <ul className="plain-list">
            {earlier.map((version) => (
              <li key={version.version}>
                {t("public.earlierVersion", { version: version.version, date: formatDateTime(version.publishedAt, locale) })}
                {version.reason ? (
                  <>
                    {" — "}
                    <bdi>{version.reason}</bdi>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
