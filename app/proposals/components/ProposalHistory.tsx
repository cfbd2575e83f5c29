import { useTranslation } from "react-i18next";
import { languageAttributes, type Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import type { ProposalStatus } from "../lifecycle";

/** Every status the proposal went through, oldest first, with the note that came with it. */
export function ProposalHistory({ events }: { events: readonly { id: string; status: ProposalStatus; at: Date; note: string; noteLocale: Locale | null }[] }) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("detail.history")}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id} className="timeline-step timeline-done">
            <span className="timeline-name">{t(`status.${event.status}`)}</span>
            <time className="timeline-dates" dateTime={new Date(event.at).toISOString()}>
              {formatDateTime(event.at, locale)}
            </time>
            {event.note ? (
              <span className="timeline-explainer" dir="auto" {...languageAttributes(event.noteLocale)}>
                {event.note}
              </span>
            ) : null}
            {event.note ? <LanguageNote locale={event.noteLocale} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
