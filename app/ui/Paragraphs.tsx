import { languageAttributes, type Locale } from "~/i18n/config";

/**
 * User text as paragraphs (a blank line starts a new one), marked with its language and direction; a
 * text whose language was not recorded (null) takes its direction from its first strong character.
 */
export function Paragraphs({ text, locale }: { text: string; locale: Locale | null }) {
  return (
    <div className="prose" {...(locale ? languageAttributes(locale) : { dir: "auto" })}>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
