import type { Locale } from "~/i18n/config";

/** A category's name in the reader's language, else Dutch, else any name it has. */
export function categoryName(namesJson: string, locale: Locale): string {
  let names: Record<string, string> = {};
  try {
    names = JSON.parse(namesJson) as Record<string, string>;
  } catch {
    return "";
  }
  return names[locale] || names.nl || Object.values(names)[0] || "";
}
