import { useTranslation } from "react-i18next";
import { formatDay } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";

export interface RealisationUpdateView {
  id: string;
  status: "IN_PROGRESS" | "REALISED";
  text: string;
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
          <div className="timeline-explainer prose">
            {update.text.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index} dir="auto">
                {paragraph}
              </p>
            ))}
          </div>
          {update.photo ? <img className="realisation-photo" src={`/uploads/${update.photo}`} alt={update.photoAlt} loading="lazy" /> : null}
        </li>
      ))}
    </ol>
  );
}
