import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { formatDay, formatNumber, formatPercent } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { roundById } from "~/rounds/rounds.server";
import { useLocale } from "~/ui/useLocale";
import { roundStatistics } from "~/workspace/stats.server";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle = { i18n: ["workspace", "proposals"] };
export const meta: MetaFunction = (args) => pageTitle(args, "workspace:stats.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  return {
    round: { id: round.id, translations: round.translations, originalLocale: round.originalLocale },
    stats: await roundStatistics(db(), round.id, await localeFor(args.request, args.context)),
  };
}

export default function RoundStatisticsPage() {
  const { t } = useTranslation("workspace");
  const locale = useLocale();
  const { round, stats } = useLoaderData<typeof loader>();
  const highest = Math.max(1, ...stats.perDay.map((row) => Math.max(row.proposals, row.comments)));
  return (
    <div className="stack">
      <p>
        <RoundTitleLink round={round} to={`/staff/rounds/${round.id}`} />
      </p>
      <h1>{t("stats.title")}</h1>
      <p className="muted">{t("stats.secrecy")}</p>
      <p>
        <a href={`/staff/rounds/${round.id}/stats.csv`} download>
          {t("stats.download")}
        </a>
      </p>

      <section className="card" aria-labelledby="stats-days-title">
        <h2 id="stats-days-title">{t("stats.perDay")}</h2>
        {stats.perDay.length === 0 ? (
          <p className="empty-state">{t("stats.noProposals")}</p>
        ) : (
          <>
            {(["proposals", "comments"] as const).map((kind) => (
              <div key={kind}>
                <h3 aria-hidden="true">{t(`stats.${kind}`)}</h3>
                {/* Decoration only: the table below holds the same figures. */}
                <ol className="results-bars" aria-hidden="true">
                  {stats.perDay.map((row) => (
                    <li key={row.day} className="results-bar">
                      <span className="results-bar-label">{formatDay(row.day, locale)}</span>
                      <span className="results-bar-track">
                        <span className="results-bar-fill" style={{ inlineSize: `${(row[kind] / highest) * 100}%` }} />
                      </span>
                      <span className="results-bar-value">{formatNumber(row[kind], locale)}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
            <div className="table-wrap">
              <table>
                <caption>{t("stats.perDayTable")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("stats.day")}</th>
                    <th scope="col">{t("stats.proposals")}</th>
                    <th scope="col">{t("stats.comments")}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.perDay.map((row) => (
                    <tr key={row.day}>
                      <th scope="row">{formatDay(row.day, locale)}</th>
                      <td className="numeric">{formatNumber(row.proposals, locale)}</td>
                      <td className="numeric">{formatNumber(row.comments, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="stats-kinds-title">
        <h2 id="stats-kinds-title">{t("stats.byKind")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("stats.byStatus")}</caption>
            <tbody>
              {stats.byStatus.map((row) => (
                <tr key={row.status}>
                  <th scope="row">{t(`proposals:status.${row.status}`)}</th>
                  <td className="numeric">{formatNumber(row.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {stats.byTheme.length ? (
          <div className="table-wrap">
            <table>
              <caption>{t("stats.byTheme")}</caption>
              <tbody>
                {stats.byTheme.map((row) => (
                  <tr key={row.theme ?? ""}>
                    <th scope="row">{row.theme === null ? t("stats.noTheme") : <bdi>{row.theme}</bdi>}</th>
                    <td className="numeric">{formatNumber(row.count, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="stats-vote-title">
        <h2 id="stats-vote-title">{t("stats.panelAndVote")}</h2>
        <dl className="facts">
          <dt>{t("stats.reviews")}</dt>
          <dd>{formatNumber(stats.reviews, locale)}</dd>
          <dt>{t("stats.ballots")}</dt>
          <dd>
            {t("stats.ballotsValue", {
              total: formatNumber(stats.ballots.total, locale),
              online: formatNumber(stats.ballots.online, locale),
              paper: formatNumber(stats.ballots.paper, locale),
            })}
          </dd>
          <dt>{t("stats.turnout")}</dt>
          <dd>
            {stats.turnout === null
              ? t("stats.turnoutUnknown")
              : t("stats.turnoutValue", { share: formatPercent(stats.turnout, locale), eligible: formatNumber(stats.eligible, locale) })}
          </dd>
        </dl>
      </section>
    </div>
  );
}
