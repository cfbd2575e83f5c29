import { RemixI18Next } from "remix-i18next/server";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, NAMESPACES, readCookie, resolveLocale, type Locale, type Namespace } from "./config";
import { allResources } from "./resources.server";
import { i18nextOptions } from "./i18next-options";

/** Locale from what the request alone tells (cookie > Accept-Language > nl), for requests without a session. */
export function localeFromHeaders(request: Request): Locale {
  return resolveLocale({
    cookie: readCookie(request.headers.get("Cookie"), LOCALE_COOKIE),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

export const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    order: ["custom"],
    findLocale: async (request) => localeFromHeaders(request),
  },
  i18next: { ...i18nextOptions, resources: allResources() },
});

/** A translate function for one locale, for server-made text: emails, error pages, page titles. */
export function fixedT(locale: Locale, namespace: Namespace | readonly Namespace[] = NAMESPACES): Promise<TFunction> {
  return remixI18n.getFixedT(locale, namespace as Namespace) as Promise<TFunction>;
}
