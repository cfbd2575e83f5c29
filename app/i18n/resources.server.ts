import fs from "node:fs";
import path from "node:path";
import { LOCALES, NAMESPACES, type Locale } from "./config";

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

export function resourcesFor(locale: Locale): Resources {
  cache ??= loadAll();
  return cache[locale];
}

export function allResources(): Record<Locale, Resources> {
  cache ??= loadAll();
  return cache;
}
