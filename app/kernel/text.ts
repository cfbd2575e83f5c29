/**
 * Text for searching that ignores case and accents the same way on SQLite and PostgreSQL: stored in
 * a column and compared with a plain LIKE/contains on both ("Çöp kutusu" and "cop KUTUSU" match).
 */
export function normalizeForSearch(text: string): string {
  return text
    .replace(/ı/g, "i") // Turkish dotless i
    .replace(/İ/g, "i")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The search column of an account: its name and email address (staff's People search). */
export function personSearchText(name: string, email: string): string {
  return normalizeForSearch(`${name} ${email}`);
}

/** The search column of a proposal: every language version, public number included. */
export function searchTextOf(number: number | null, texts: { title: string; summary: string; description: string }[]): string {
  const parts = texts.flatMap((text) => [text.title, text.summary, text.description]);
  return normalizeForSearch([number === null ? "" : `#${number}`, ...parts].join(" "));
}

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode bidi isolates). */
export const FSI = "\u2068";
export const PDI = "\u2069";

/**
 * Text wrapped in Unicode bidi isolates (FSI…PDI), so that it takes its direction from its own first
 * strong letter and cannot reorder the sentence around it: a Dutch title ending in a full stop inside
 * an Arabic sentence keeps its full stop on its own side. Empty text stays empty.
 */
export function isolate(text: string): string {
  return text === "" ? text : `${FSI}${text}${PDI}`;
}

/**
 * How an i18next interpolated value is written into a translation: isolated, except an absolute URL,
 * which mail programs must still find whole (they would take an isolate into the link) and which
 * the translations put on a line of its own.
 */
export function isolateInterpolated(value: string): string {
  return /^https?:\/\/\S+$/.test(value) ? value : isolate(value);
}
