import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { useLocale } from "~/ui/useLocale";

export interface RealisationUpdateView {
  id: string;
  status: "IN_PROGRESS" | "REALISED";
  text: string;
  /** The language of `text` and `photoAlt`; null on updates from before it was recorded. */
  textLocale: Locale | null;
  photo: string | null;
  photoAlt: string;
  /** YYYY-MM-DD */
  day: string;
}

/** A funded project's realisation, oldest update first (like the proposal's history), with photos. */
export function RealisationTimeline({ updates }: { updates: readonly RealisationUpdateView[] }) {
  const { t } = useTranslation("results");
  const locale = useLocale();
  if (updates.length === 0) return <p className="empty-state">{t("timeline.none")}</p>;
  return (
    <ol className="timeline realisation-timeline">
      {updates.map((update) => (
        <li key={update.id} className="timeline-step timeline-done">
          <span className="timeline-name">{t(`updates.statuses.${update.status}`)}</span>
          <time className="timeline-dates" dateTime={update.day}>
            {formatDay(update.day, locale)}
          </time>
          <div className="timeline-explainer">
            <Paragraphs text={update.text} locale={update.textLocale} />
            <LanguageNote locale={update.textLocale} />
          </div>
          {update.photo ? (
            <img className="realisation-photo" src={`/uploads/${update.photo}`} alt={update.photoAlt} lang={update.textLocale ?? undefined} loading="lazy" />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
