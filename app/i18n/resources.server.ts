import fs from "node:fs";
import path from "node:path";
import { LOCALES, NAMESPACES, type Locale, type Namespace } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

/** locales/<lng>/<namespace>.json, read once: LOCALES_DIR overrides the folder (default ./locales). */
function loadAll(): Record<Locale, Resources> {
  const dir = path.resolve(process.env.LOCALES_DIR ?? "locales");
  const all = {} as Record<Locale, Resources>;
  for (const locale of LOCALES) {
    all[locale] = {};
    for (const namespace of NAMESPACES) {
      const file = path.join(dir, locale, `${namespace}.json`);
      all[locale][namespace] = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    }
  }
  return all;
}

let cache: Record<Locale, Resources> | undefined;

/** One locale's translations of some namespaces: what a page sends to the browser. */
export function resourcesFor(locale: Locale, namespaces: readonly Namespace[]): Resources {
  cache ??= loadAll();
  const all = cache[locale];
  return Object.fromEntries(namespaces.map((namespace) => [namespace, all[namespace]!]));
}

const SETS_KEPT = 500;

/**
 * `make`, once per locale and set of namespaces (a page's translations, in whatever form it needs them), kept
 * for at most SETS_KEPT such sets: the pages of a running server use a few dozen.
 */
export function keptPerTranslationSet<T>(
  make: (locale: Locale, namespaces: readonly Namespace[]) => T,
): (locale: Locale, namespaces: readonly Namespace[]) => T {
  const kept = new Map<string, T>();
  return (locale, namespaces) => {
    const key = `${locale} ${namespaces.join(" ")}`;
    if (!kept.has(key)) {
      if (kept.size >= SETS_KEPT) kept.clear();
      kept.set(key, make(locale, namespaces));
    }
    return kept.get(key)!;
  };
}

/**
 * One locale's translations of some namespaces as the text of a JSON script in the page (PageTranslationsScript),
 * made once per locale and set of namespaces. `<` is written as `\u003c`, so no text closes the script early.
 */
export const resourcesScriptText = keptPerTranslationSet((locale, namespaces) => JSON.stringify(resourcesFor(locale, namespaces)).replace(/</g, "\\u003c"));

export function allResources(): Record<Locale, Resources> {
  cache ??= loadAll();
  return cache;
}
