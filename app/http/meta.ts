import type { MetaArgs } from "@remix-run/node";
import i18next from "i18next";

import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";

interface RootMatchData {
  locale?: string;
}

function rootData(matches: MetaArgs["matches"]): RootMatchData | undefined {
  return matches.find((match) => match.id === "root")?.data as RootMatchData | undefined;
}

/** The page's UI language, for meta functions (they cannot use hooks). */
export function metaLocale(args: Pick<MetaArgs, "matches">): Locale {
  const locale = rootData(args.matches)?.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/**
 * A translation for a meta function (no hooks there): from i18next's default instance, which holds the page's
 * namespaces in the browser (entry.client) and every namespace of every language on the server (entry.server).
 */
function lookup(locale: Locale, key: string): string | undefined {
  const [namespace, path] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
  const text: unknown = i18next.getResource(locale, namespace, path);
  return typeof text === "string" ? text : undefined;
}

/** `<title>` in the page's language: "<page> · Wijkbudget". */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string, extra?: string) {
  const page = extra ?? lookup(metaLocale(args), key) ?? "";
  return [{ title: page ? `${page} · Wijkbudget` : "Wijkbudget" }];
}
