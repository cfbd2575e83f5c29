import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pickLocalized } from "~/i18n/content";
import type { Locale } from "~/i18n/config";
import { formatMoney } from "~/ui/format";
import { LanguageNote } from "~/ui/LanguageNote";
import type { Phase } from "../phases";

export interface RoundCardData {
  id: string;
  phase: Phase;
  budgetCents: number;
  originalLocale: string;
  translations: { locale: string; title: string; description: string }[];
}

export function RoundCard({ round, locale }: { round: RoundCardData; locale: Locale }) {
  const { t } = useTranslation("rounds");
  const text = pickLocalized(round.translations, locale, round.originalLocale);
  return (
    <article className="card round-card">
      <h3 lang={text?.locale}>
        <Link to={`/rounds/${round.id}`}>{text?.text.title ?? t("untitled")}</Link>
      </h3>
      {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
      <dl className="facts">
        <div>
          <dt>{t("budget")}</dt>
          <dd>{formatMoney(round.budgetCents, locale)}</dd>
        </div>
        <div>
          <dt>{t("phase")}</dt>
          <dd>
            <span className={`phase-badge phase-${round.phase.toLowerCase()}`}>{t(`phases.${round.phase}.name`)}</span>
          </dd>
        </div>
      </dl>
    </article>
  );
}
