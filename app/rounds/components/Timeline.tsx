import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { PHASE_DATES, timeline, type Phase } from "../phases";
import type { RoundDateField } from "../phases";

type RoundDates = Partial<Record<RoundDateField, string | Date | null>>;

export function Timeline({ round, locale }: { round: { phase: Phase; hasReview: boolean } & RoundDates; locale: Locale }) {
  const { t } = useTranslation("rounds");
  const steps = timeline(round.phase, { hasReview: round.hasReview });
  return (
    <ol className="timeline">
      {steps.map((step) => {
        const dates = PHASE_DATES[step.phase];
        const from = dates?.from ? round[dates.from] : null;
        const until = dates?.until ? round[dates.until] : null;
        return (
          <li key={step.phase} className={`timeline-step timeline-${step.state}`} aria-current={step.state === "current" ? "step" : undefined}>
            <span className="timeline-name">{t(`phases.${step.phase}.name`)}</span>
            <span className="visually-hidden"> ({t(`timeline.${step.state}`)})</span>
            {from || until ? (
              <span className="timeline-dates">
                {from && until
                  ? t("timeline.fromUntil", { from: formatDateTime(from, locale), until: formatDateTime(until, locale) })
                  : from
                    ? t("timeline.from", { date: formatDateTime(from, locale) })
                    : t("timeline.until", { date: formatDateTime(until!, locale) })}
              </span>
            ) : null}
            <span className="timeline-explainer">{t(`phases.${step.phase}.explainer`)}</span>
          </li>
        );
      })}
    </ol>
  );
}
