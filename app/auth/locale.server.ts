// The request's language where it depends on who is signed in (their saved choice), and the cookie
// that keeps a visitor's choice. Here, not in i18n, because it reads the session.
import type { AppLoadContext } from "@remix-run/node";
import { db } from "~/db.server";
import { LOCALE_COOKIE, readCookie, resolveLocale, type Locale } from "~/i18n/config";
import { cookieIsSecure, sessionUser } from "./session.server";

/** The request's UI language: the user's saved choice > cookie > Accept-Language > nl. */
export async function localeFor(request: Request, context: AppLoadContext): Promise<Locale> {
  const user = await sessionUser(db(), request, context);
  return resolveLocale({
    saved: user?.locale,
    cookie: readCookie(request.headers.get("Cookie"), LOCALE_COOKIE),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

/** Keeps a visitor's language choice for a year. */
export function cookieForLocale(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax${cookieIsSecure() ? "; Secure" : ""}`;
}
