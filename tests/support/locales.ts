import { readFileSync } from "node:fs";
import path from "node:path";

/** A translation straight from locales/<lng>/<namespace>.json, for asserting what a page shows. */
export function translation(locale: string, key: string): string {
  const [namespace, dotted] = key.includes(":") ? (key.split(":") as [string, string]) : ["common", key];
  let node: unknown = JSON.parse(readFileSync(path.join("locales", locale, `${namespace}.json`), "utf8"));
  for (const part of dotted.split(".")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "string") throw new Error(`No translation ${locale}:${key}`);
  return node;
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
