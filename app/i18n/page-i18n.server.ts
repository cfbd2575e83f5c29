import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale, Namespace } from "./config";
import { i18nextOptions } from "./i18next-options";
import { keptPerTranslationSet, resourcesFor } from "./resources.server";

/**
 * The i18next instance a page is rendered with: its locale and only the namespaces the browser gets
 * (the root loader sends the same). Made once per locale and set of namespaces and shared by every
 * render of such a page: making one (init, plural rules, resource store) cost about as much as the
 * translating itself. Nothing changes a shared instance on the server — its language is fixed, its
 * namespaces are all there, and react-i18next changes a language only in effects, which the server
 * does not run.
 */
export const pageI18n: (locale: Locale, namespaces: readonly Namespace[]) => Promise<I18n> = keptPerTranslationSet((locale, namespaces) => {
  const i18n = createInstance();
  return i18n
    .use(initReactI18next)
    .init({ ...i18nextOptions, lng: locale, resources: { [locale]: resourcesFor(locale, namespaces) } })
    .then(() => rememberingPlainTranslations(i18n));
});

/** Plain translations remembered per instance; past this many (keys are the app's own, so never) it starts again. */
const PLAIN_TRANSLATIONS_KEPT = 10_000;
/** What react-i18next's `t` adds to every call; a call with anything else (values, count, context, a default) is not plain. */
const PLAIN_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);

/** What a plain call (a key, with at most its language, namespaces and prefix) is remembered under; null for any other call. */
function plainCall(i18n: I18n, key: unknown, options: unknown, more: number): string | null {
  if (typeof key !== "string" || more > 0) return null;
  if (options === undefined) return `${i18n.language}\u0000\u0000\u0000${key}`;
  if (typeof options !== "object" || options === null) return null;
  const given = options as Record<string, unknown>;
  for (const name in given) if (given[name] !== undefined && !PLAIN_OPTIONS.has(name)) return null;
  const list = (value: unknown) => (Array.isArray(value) ? value.join(",") : String(value ?? ""));
  return `${list(given.lng ?? given.lngs ?? i18n.language)}\u0000${list(given.ns)}\u0000${list(given.keyPrefix)}\u0000${key}`;
}

/**
 * The instance, its `t` remembering what it gives for plain calls: the same text every time, as a shared
 * instance's language and resources never change. Most of a page's labels are such calls, each of which
 * otherwise goes through i18next's whole lookup (options copied, key split, namespaces and fallbacks
 * searched, the text checked for nesting and interpolation) on every render.
 */
function rememberingPlainTranslations(i18n: I18n): I18n {
  const translate = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
  const remembered = new Map<string, unknown>();
  const t = (key: unknown, options?: unknown, ...more: unknown[]) => {
    const call = plainCall(i18n, key, options, more.length);
    if (call === null) return translate(key, options, ...more);
    if (remembered.has(call)) return remembered.get(call);
    const text = translate(key, options);
    if (remembered.size >= PLAIN_TRANSLATIONS_KEPT) remembered.clear();
    remembered.set(call, text);
    return text;
  };
  i18n.t = t as unknown as I18n["t"];
  return i18n;
}
