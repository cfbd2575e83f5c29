// Every locale has every key Dutch has, the plural forms its language needs, the same placeholders,
// and real translations (not the English or Dutch text copied over).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, NAMESPACES } from "~/i18n/config";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Values that are the same in every language: names, not text. */
const SAME_EVERYWHERE = new Set(["Wijkbudget"]);

function flatten(node: unknown, prefix = ""): Record<string, string> {
  if (typeof node === "string") return { [prefix]: node };
  return Object.entries(node as Record<string, unknown>).reduce<Record<string, string>>(
    (all, [key, value]) => ({ ...all, ...flatten(value, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

function load(locale: string, namespace: string): Record<string, string> {
  return flatten(JSON.parse(readFileSync(path.join("locales", locale, `${namespace}.json`), "utf8")));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

/** key → base key for plurals ("rateLimited_few" → "rateLimited"), itself otherwise. */
const baseOf = (key: string) => key.replace(PLURAL_SUFFIX, "");

describe.each(NAMESPACES)("locale files of namespace %s", (namespace) => {
  const dutch = load("nl", namespace);
  const dutchBases = new Set(Object.keys(dutch).map(baseOf));
  const pluralBases = new Set(
    Object.keys(dutch)
      .filter((key) => PLURAL_SUFFIX.test(key))
      .map(baseOf),
  );

  it.each(LOCALES)("%s has every key, and no key Dutch lacks", (locale) => {
    const keys = Object.keys(load(locale, namespace));
    const bases = new Set(keys.map(baseOf));
    expect([...dutchBases].filter((base) => !bases.has(base))).toEqual([]);
    expect([...bases].filter((base) => !dutchBases.has(base))).toEqual([]);
  });

  it.each(LOCALES)("%s has exactly the plural forms its language needs", (locale) => {
    const keys = Object.keys(load(locale, namespace));
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    for (const base of pluralBases) {
      const present = keys.filter((key) => baseOf(key) === base && PLURAL_SUFFIX.test(key)).map((key) => key.slice(base.length + 1));
      expect(present.sort(), `${locale}:${base}`).toEqual(needed);
    }
  });

  it("Arabic needs all six plural forms (the check above is not trivial)", () => {
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories.slice().sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
  });

  it.each(LOCALES)("%s keeps the placeholders of Dutch", (locale) => {
    const values = load(locale, namespace);
    for (const [key, value] of Object.entries(values)) {
      const dutchValue = dutch[key] ?? dutch[`${baseOf(key)}_other`];
      expect(placeholders(value), `${locale}:${key}`).toEqual(placeholders(dutchValue ?? ""));
    }
  });

  it.each(["fr", "bg", "tr", "ar"])("%s is translated, not the English or Dutch text", (locale) => {
    const values = load(locale, namespace);
    const english = load("en", namespace);
    const copies = Object.entries(values).filter(([key, value]) => !SAME_EVERYWHERE.has(value) && (value === english[key] || value === dutch[key]));
    expect(copies.map(([key]) => key)).toEqual([]);
  });

  it.each([
    ["bg", /\p{Script=Cyrillic}/u],
    ["ar", /\p{Script=Arabic}/u],
  ] as const)("%s text is written in its own script", (locale, script) => {
    const values = load(locale, namespace);
    const latinOnly = Object.entries(values).filter(
      ([, value]) => !SAME_EVERYWHERE.has(value) && /\p{L}/u.test(value.replace(/\{\{\w+\}\}/g, "")) && !script.test(value),
    );
    expect(latinOnly.map(([key]) => key)).toEqual([]);
  });
});
