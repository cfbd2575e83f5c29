import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pickLocalized } from "~/i18n/content";
import { languageAttributes, type Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import type { Phase } from "../phases";

export interface RoundCardData {
  id: string;
  phase: Phase;
  budgetCents: number;
  originalLocale: string;
  translations: { locale: string; title: string; description: string }[];
}

/** `headingLevel`: the card's title sits one level below the section it is listed in. */
export function RoundCard({ round, locale, headingLevel = 3 }: { round: RoundCardData; locale: Locale; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation("rounds");
  const text = pickLocalized(round.translations, locale, round.originalLocale);
  const Heading = headingLevel === 4 ? "h4" : "h3";
  return (
    <article className="card round-card">
      <Heading {...languageAttributes(text?.locale)}>
        <Link to={`/rounds/${round.id}`}>{text?.text.title ?? t("untitled")}</Link>
      </Heading>
      {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
      <RoundFacts round={round} locale={locale} />
    </article>
  );
}

/** Budget and current phase, the two facts every view of a round starts with. */
export function RoundFacts({ round, locale, large }: { round: Pick<RoundCardData, "budgetCents" | "phase">; locale: Locale; large?: boolean }) {
  const { t } = useTranslation("rounds");
  return (
    <dl className={large ? "facts facts-large" : "facts"}>
      <div>
        <dt>{t("budget")}</dt>
        <dd>{formatMoney(round.budgetCents, locale)}</dd>
      </div>
      <div>
        <dt>{t("phase")}</dt>
        <dd>
          <PhaseBadge phase={round.phase} />
        </dd>
      </div>
    </dl>
  );
}

export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useTranslation("rounds");
  return <span className={`phase-badge phase-${phase.toLowerCase()}`}>{t(`phases.${phase}.name`)}</span>;
}
