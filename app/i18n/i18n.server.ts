import type { AppLoadContext } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import type { TFunction } from "i18next";
import { cookieIsSecure, sessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
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

/** The request's UI language: the user's saved choice > cookie > Accept-Language > nl. */
export async function localeFor(request: Request, context: AppLoadContext): Promise<Locale> {
  const user = await sessionUser(db(), request, context);
  return resolveLocale({
    saved: user?.locale,
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

export function cookieForLocale(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax${cookieIsSecure() ? "; Secure" : ""}`;
}
