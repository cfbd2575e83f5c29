/** UI languages. nl is the default; ar is written right-to-left. */
export const LOCALES = ["nl", "fr", "en", "bg", "tr", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";
export const NAMESPACES = [
  "common",
  "errors",
  "auth",
  "rounds",
  "proposals",
  "proposal-form",
  "events",
  "parklets",
  "panel",
  "voting",
  "results",
  "accessibility",
  "workspace",
  "privacy",
  "audit",
  "people",
  "comments",
  "map",
  "notifications",
] as const;
export type Namespace = (typeof NAMESPACES)[number];
/** Sent to every page: the frame (menu, footer, messages every form uses) and what an error page says. */
export const EVERY_PAGE_NAMESPACES = ["common", "errors"] as const satisfies readonly Namespace[];
export const LOCALE_COOKIE = "wb_lng";

/** Each locale's name in its own language, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  nl: "Nederlands",
  fr: "Français",
  en: "English",
  bg: "Български",
  tr: "Türkçe",
  ar: "العربية",
};

/** The Intl locale used for dates, numbers and money in each UI language (Belgian where it exists). */
export const INTL_LOCALES: Record<Locale, string> = {
  nl: "nl-BE",
  fr: "fr-BE",
  en: "en-BE",
  bg: "bg-BG",
  tr: "tr-TR",
  ar: "ar",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A stored text's language, or null where it was not recorded (texts from before it was asked). */
export function storedLocale(value: string | null): Locale | null {
  return isLocale(value) ? value : null;
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** Languages from an Accept-Language header, best first ("tr-TR,tr;q=0.9,en;q=0.5" → tr, tr, en). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.language && entry.language !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.language);
}

/** Saved user choice > cookie > Accept-Language > nl. */
export function resolveLocale(input: { saved?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.saved)) return input.saved;
  if (isLocale(input.cookie)) return input.cookie;
  const accepted = parseAcceptLanguage(input.acceptLanguage).find(isLocale);
  return accepted ?? DEFAULT_LOCALE;
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** lang and dir for an element holding text in `locale` (user content in another language than the page). */
export function languageAttributes(locale: Locale | null | undefined): { lang?: Locale; dir?: "ltr" | "rtl" } {
  return locale ? { lang: locale, dir: directionOf(locale) } : {};
}
