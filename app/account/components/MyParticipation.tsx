import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import type { ProposalStatus } from "~/proposals/lifecycle";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { useLocale } from "~/ui/useLocale";

type Texts = { locale: string; title: string }[];
type ProposalRef = { id: string; number: number | null; status: ProposalStatus; originalLocale: string; texts: Texts };
type RoundRef = { id: string; originalLocale: string; translations: Texts };

interface MyParticipationProps {
  participation: {
    proposals: { count: number; latest: ProposalRef[] };
    comments: { count: number; latest: { id: string; createdAt: string | Date; hiddenAt: string | Date | null; proposal: ProposalRef }[] };
    follows: { proposals: ProposalRef[]; rounds: RoundRef[] };
    answers: {
      status: "CONFIRMED" | "WAITING" | string;
      event: { id: string; startsAt: string | Date; cancelledAt: string | Date | null; originalLocale: string; texts: Texts };
    }[];
    panel: { seats: { isChair: boolean; isViceChair: boolean; round: RoundRef }[]; reviews: number };
    voting: { round: RoundRef; voted: boolean }[];
  };
}

/** What the resident took part in, each part with its empty state; whether they voted, never how. */
export function MyParticipation({ participation }: MyParticipationProps) {
  const { t } = useTranslation("auth");
  const locale = useLocale();
  const title = (texts: Texts, originalLocale: string) => pickLocalized(texts, locale, originalLocale);
  const proposalLink = (proposal: ProposalRef) => {
    const text = title(proposal.texts, proposal.originalLocale);
    return (
      <Link to={`/proposals/${proposal.id}`} {...languageAttributes(text?.locale)}>
        {proposal.number ? `#${proposal.number} ` : ""}
        {text?.text.title}
      </Link>
    );
  };
  const roundLink = (round: RoundRef) => {
    const text = title(round.translations, round.originalLocale);
    return (
      <Link to={`/rounds/${round.id}`} {...languageAttributes(text?.locale)}>
        {text?.text.title}
      </Link>
    );
  };
  const { proposals, comments, follows, answers, panel, voting } = participation;
  return (
    <section aria-labelledby="participation-title" className="card stack">
      <h2 id="participation-title">{t("participation.title")}</h2>

      <h3>{t("participation.proposals")}</h3>
      {proposals.latest.length === 0 ? (
        <p className="empty-state">{t("participation.noProposals")}</p>
      ) : (
        <ul>
          {proposals.latest.map((proposal) => (
            <li key={proposal.id}>
              {proposalLink(proposal)} <StatusBadge status={proposal.status} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/my/proposals">{t("participation.allProposals", { number: formatNumber(proposals.count, locale) })}</Link>
      </p>

      <h3>{t("participation.comments")}</h3>
      {comments.latest.length === 0 ? (
        <p className="empty-state">{t("participation.noComments")}</p>
      ) : (
        <ul>
          {comments.latest.map((comment) => (
            <li key={comment.id}>
              <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt, locale)}</time> · {proposalLink(comment.proposal)}
              {comment.hiddenAt ? <span className="muted"> · {t("participation.commentHidden")}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {comments.count > comments.latest.length ? (
        <p className="muted">{t("participation.commentsInAll", { number: formatNumber(comments.count, locale) })}</p>
      ) : null}

      <h3>{t("participation.follows")}</h3>
      {follows.proposals.length + follows.rounds.length === 0 ? (
        <p className="empty-state">{t("participation.noFollows")}</p>
      ) : (
        <ul>
          {follows.rounds.map((round) => (
            <li key={round.id}>{roundLink(round)}</li>
          ))}
          {follows.proposals.map((proposal) => (
            <li key={proposal.id}>{proposalLink(proposal)}</li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/account/notifications">{t("participation.notifications")}</Link>
      </p>

      <h3>{t("participation.events")}</h3>
      {answers.length === 0 ? (
        <p className="empty-state">{t("participation.noEvents")}</p>
      ) : (
        <ul>
          {answers.map(({ status, event }) => {
            const text = title(event.texts, event.originalLocale);
            return (
              <li key={event.id}>
                <time dateTime={new Date(event.startsAt).toISOString()}>{formatDate(event.startsAt, locale)}</time> ·{" "}
                <Link to={`/events/${event.id}`} {...languageAttributes(text?.locale)}>
                  {text?.text.title}
                </Link>{" "}
                · {event.cancelledAt ? t("participation.eventCancelled") : status === "WAITING" ? t("participation.waiting") : t("participation.coming")}
              </li>
            );
          })}
        </ul>
      )}

      <h3>{t("participation.panel")}</h3>
      {panel.seats.length === 0 ? (
        <p className="empty-state">{t("participation.noPanel")}</p>
      ) : (
        <>
          <ul>
            {panel.seats.map((seat) => (
              <li key={seat.round.id}>
                {roundLink(seat.round)}
                {seat.isChair ? ` · ${t("participation.chair")}` : seat.isViceChair ? ` · ${t("participation.viceChair")}` : ""}
              </li>
            ))}
          </ul>
          <p>{t("participation.reviews", { number: formatNumber(panel.reviews, locale) })}</p>
        </>
      )}

      {voting.length > 0 ? (
        <>
          <h3>{t("participation.voting")}</h3>
          <ul>
            {voting.map(({ round, voted }) => (
              <li key={round.id}>
                {roundLink(round)} · {voted ? t("participation.voted") : t("participation.notVoted")}
              </li>
            ))}
          </ul>
          <p className="muted">{t("participation.votingSecret")}</p>
        </>
      ) : null}
    </section>
  );
}
