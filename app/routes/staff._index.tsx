import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import { languageAttributes, type Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { WhoDecides } from "~/panel/components/WhoDecides";
import { PROPOSAL_STATUSES } from "~/proposals/lifecycle";
import { PhaseBadge } from "~/rounds/components/RoundSummary";
import { useLocale } from "~/ui/useLocale";
import { attentionLink, groupAttention, type AttentionItem } from "~/workspace/dashboard";
import { staffDashboard } from "~/workspace/dashboard.server";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "panel", "results", "workspace"] };

export const meta: MetaFunction = (args) => pageTitle(args, "workspace:dashboard.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return staffDashboard(db());
}

type Dashboard = ReturnType<typeof useLoaderData<typeof loader>>;

function Title({ texts, originalLocale, fallback }: { texts: { locale: string; title: string }[]; originalLocale: string; fallback: string }) {
  const text = pickLocalized(texts, useLocale(), originalLocale);
  return <span {...languageAttributes(text?.locale)}>{text?.text.title ?? fallback}</span>;
}

export default function StaffDashboardPage() {
  const { t } = useTranslation("workspace");
  const { running, finished, attention } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="row-between">
        <h1>{t("dashboard.title")}</h1>
        <span className="button-row">
          <Link to="/staff/results/import" className="button button-secondary">
            {t("results:import.title")}
          </Link>
          <Link to="/staff/rounds/new" className="button">
            {t("rounds:staff.newRound")}
          </Link>
        </span>
      </div>
      <NeedsAttention attention={attention as unknown as AttentionItem[]} />
      <section className="stack" aria-labelledby="running-title">
        <h2 id="running-title">{t("dashboard.running")}</h2>
        {running.length === 0 ? <p className="empty-state">{t("dashboard.noRunning")}</p> : running.map((round) => <RoundPanel key={round.id} round={round} />)}
      </section>
      {finished.length > 0 ? (
        <details className="card">
          <summary>{t("dashboard.finished", { number: finished.length })}</summary>
          <ul>
            {finished.map((round) => (
              <li key={round.id}>
                <Link to={`/staff/rounds/${round.id}`}>
                  <Title texts={round.translations} originalLocale={round.originalLocale} fallback={t("rounds:untitled")} />
                </Link>{" "}
                · <bdi>{round.neighbourhood.name}</bdi> · <PhaseBadge phase={round.phase} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function RoundPanel({ round }: { round: Dashboard["running"][number] }) {
  const { t } = useTranslation("workspace");
  const locale = useLocale();
  const headingId = `round-${round.id}`;
  const { from, until, daysLeft } = round.window;
  const statuses = PROPOSAL_STATUSES.filter((status) => round.proposals[status] > 0);
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/staff/rounds/${round.id}`}>
          <Title texts={round.translations} originalLocale={round.originalLocale} fallback={t("rounds:untitled")} />
        </Link>
      </h3>
      <p>
        <bdi>{round.neighbourhood.name}</bdi> (<bdi>{round.neighbourhood.city}</bdi>) · <PhaseBadge phase={round.phase} />
        {from || until ? <> · {dateRange(from, until, locale, t)}</> : null}
        {daysLeft !== null ? (
          <>
            {" "}
            ·{" "}
            {daysLeft >= 0
              ? t("dashboard.daysLeft", { days: formatNumber(daysLeft, locale) })
              : t("dashboard.overdue", { days: formatNumber(-daysLeft, locale) })}
          </>
        ) : null}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("dashboard.proposals")}</dt>
          <dd>
            {statuses.length === 0
              ? t("dashboard.noProposals")
              : statuses.map((status) => `${t(`proposals:status.${status}`)}: ${formatNumber(round.proposals[status], locale)}`).join(" · ")}
          </dd>
        </div>
        {round.reviews ? (
          <div>
            <dt>{t("dashboard.reviews")}</dt>
            <dd>{t("dashboard.reviewsDone", { done: formatNumber(round.reviews.done, locale), needed: formatNumber(round.reviews.needed, locale) })}</dd>
          </div>
        ) : null}
        {round.decisionsPending !== null ? (
          <div>
            <dt>{t("dashboard.decisionsPending")}</dt>
            <dd>{formatNumber(round.decisionsPending, locale)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("dashboard.ballots")}</dt>
          <dd>
            {round.turnout !== null && round.eligible !== null
              ? t("dashboard.turnout", {
                  ballots: formatNumber(round.ballots, locale),
                  eligible: formatNumber(round.eligible, locale),
                  share: formatPercent(round.turnout, locale),
                })
              : formatNumber(round.ballots, locale)}
          </dd>
        </div>
      </dl>
    </article>
  );
}

function dateRange(from: string | Date | null, until: string | Date | null, locale: Locale, t: (key: string, values?: Record<string, string>) => string) {
  if (from && until) return t("rounds:timeline.fromUntil", { from: formatDate(from, locale), until: formatDate(until, locale) });
  if (from) return t("rounds:timeline.from", { date: formatDate(from, locale) });
  return t("rounds:timeline.until", { date: formatDate(until!, locale) });
}

function NeedsAttention({ attention }: { attention: AttentionItem[] }) {
  const { t } = useTranslation("workspace");
  const groups = groupAttention(attention);
  return (
    <section className="card stack" aria-labelledby="attention-title">
      <h2 id="attention-title">{t("dashboard.attention.title")}</h2>
      {groups.length === 0 ? (
        <p className="empty-state">{t("dashboard.attention.none")}</p>
      ) : (
        groups.map((group) => (
          <section key={group.kind} aria-labelledby={`attention-${group.kind}`}>
            <h3 id={`attention-${group.kind}`}>{t(`dashboard.attention.${group.kind}.title`)}</h3>
            <ul>
              {group.items.map((item) => (
                <li key={`${item.kind}-${"proposal" in item ? item.proposal.id : item.round.id}`}>
                  <AttentionLine item={item} />
                </li>
              ))}
            </ul>
            {group.more > 0 ? (
              <p>
                {group.kind === "feasibility" || group.kind === "changesOverdue" ? (
                  <Link to="/staff/proposals">{t("dashboard.attention.more", { number: group.more })}</Link>
                ) : (
                  t("dashboard.attention.more", { number: group.more })
                )}
              </p>
            ) : null}
          </section>
        ))
      )}
    </section>
  );
}

function AttentionLine({ item }: { item: AttentionItem }) {
  const { t } = useTranslation("workspace");
  const locale = useLocale();
  const link = attentionLink(item);
  if ("proposal" in item) {
    const { proposal } = item;
    return (
      <>
        <Link to={link}>
          {proposal.number !== null ? `#${proposal.number} ` : null}
          <Title texts={proposal.texts} originalLocale={proposal.originalLocale} fallback={t("proposals:untitled")} />
        </Link>
        {item.kind === "changesOverdue" ? <> · {t("dashboard.attention.changesOverdue.since", { date: formatDateTime(item.deadline, locale) })}</> : null}
        {item.kind === "undecided" ? (
          <>
            {" "}
            · <WhoDecides decider={item.decider} />
          </>
        ) : null}
        {item.kind === "realisationSilent" ? (
          <>
            {" "}
            ·{" "}
            {item.lastUpdate
              ? t("dashboard.attention.realisationSilent.last", { date: formatDate(item.lastUpdate, locale) })
              : t("dashboard.attention.realisationSilent.never")}
          </>
        ) : null}
      </>
    );
  }
  // The round's title is the link of its card above; here the link names what to do, so each link says where it leads.
  const action =
    item.kind === "votingEndsSoon"
      ? t("dashboard.attention.votingEndsSoon.ends", { date: formatDateTime(item.endsAt, locale) })
      : item.kind === "codesNotTaken"
        ? t("dashboard.attention.codesNotTaken.count", { number: formatNumber(item.codes, locale) })
        : t("dashboard.attention.resultsUnpublished.open");
  return (
    <>
      <Title texts={item.round.translations} originalLocale={item.round.originalLocale} fallback={t("rounds:untitled")} /> · <Link to={link}>{action}</Link>
    </>
  );
}
