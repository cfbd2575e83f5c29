import { readFileSync } from "node:fs";
import path from "node:path";
import { isolateInterpolated } from "~/kernel/text";

/** A translation straight from locales/<lng>/<namespace>.json, for asserting what a page shows. */
export function translation(locale: string, key: string): string {
  const [namespace, dotted] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
  let node: unknown = JSON.parse(readFileSync(path.join("locales", locale, `${namespace}.json`), "utf8"));
  for (const part of dotted.split(".")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`No translation ${locale}:${key}`);
  return node;
}

/**
 * A translation with its placeholders filled the way the app fills them: every interpolated value
 * wrapped in Unicode bidi isolates (FSI…PDI), an absolute URL excepted (app/i18n/i18next-options.ts).
 */
export function interpolated(text: string, values: Record<string, string | number>): string {
  return Object.entries(values).reduce((result, [name, value]) => result.replaceAll(`{{${name}}}`, isolateInterpolated(String(value))), text);
}

/** A translation from the locale files, its placeholders filled the way the app fills them. */
export function translated(locale: string, key: string, values: Record<string, string | number>): string {
  return interpolated(translation(locale, key), values);
}

/** The HTML-escaped form React renders text in (for searching a page's HTML). */
export function asHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/**
 * A page's HTML without its <script> elements: every page embeds its translations as JSON, so a
 * message searched in the whole HTML would be "found" even when the page does not show it.
 */
export async function shownHtml(response: Response): Promise<string> {
  return (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}
