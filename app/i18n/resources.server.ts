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

export function allResources(): Record<Locale, Resources> {
  cache ??= loadAll();
  return cache;
}
