import type { MetaArgs } from "@remix-run/node";

import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/config";

interface RootMatchData {
  locale?: string;
  resources?: Record<string, Record<string, unknown>>;
}

function rootData(matches: MetaArgs["matches"]): RootMatchData | undefined {
  return matches.find((match) => match.id === "root")?.data as RootMatchData | undefined;
}

/** The page's UI language, for meta functions (they cannot use hooks). */
export function metaLocale(args: Pick<MetaArgs, "matches">): Locale {
  const locale = rootData(args.matches)?.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

function lookup(resources: Record<string, Record<string, unknown>> | undefined, key: string): string | undefined {
  const [namespace, path] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
  let node: unknown = resources?.[namespace];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** `<title>` in the page's language: "<page> · Wijkbudget", from the translations the root loaded. */
export function pageTitle(args: Pick<MetaArgs, "matches">, key: string, extra?: string) {
  const page = extra ?? lookup(rootData(args.matches)?.resources, key) ?? "";
  return [{ title: page ? `${page} · Wijkbudget` : "Wijkbudget" }];
}
