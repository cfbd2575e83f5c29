import { languageAttributes, type Locale } from "~/i18n/config";

/** User text as paragraphs (a blank line starts a new one), marked with its language and direction. */
export function Paragraphs({ text, locale }: { text: string; locale: Locale }) {
  return (
    <div className="prose" {...languageAttributes(locale)}>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
