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

const scripts = new Map<string, string>();
const SCRIPTS_KEPT = 500;

/**
 * One locale's translations of some namespaces as the text of a JSON script in the page (PageTranslationsScript),
 * made once per locale and set of namespaces. `<` is written as `\u003c`, so no text closes the script early.
 */
export function resourcesScriptText(locale: Locale, namespaces: readonly Namespace[]): string {
  const key = `${locale} ${namespaces.join(" ")}`;
  let text = scripts.get(key);
  if (text === undefined) {
    text = JSON.stringify(resourcesFor(locale, namespaces)).replace(/</g, "\\u003c");
    if (scripts.size >= SCRIPTS_KEPT) scripts.clear();
    scripts.set(key, text);
  }
  return text;
}

export function allResources(): Record<Locale, Resources> {
  cache ??= loadAll();
  return cache;
}
