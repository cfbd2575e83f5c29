import { Link } from "@remix-run/react";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { useLocale } from "~/ui/useLocale";

interface RoundTitleLinkProps {
  round: { originalLocale: string; translations: { locale: string; title: string }[] };
  /** Where the title leads: the round's public page or its staff page. */
  to: string;
}

/** A round's title in the reader's language (marked with the language it is in), as the link back to the round. */
export function RoundTitleLink({ round, to }: RoundTitleLinkProps) {
  const locale = useLocale();
  const text = pickLocalized(round.translations, locale, round.originalLocale);
  return (
    <Link to={to} {...languageAttributes(text?.locale)}>
      {text?.text.title}
    </Link>
  );
}
