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

/** The search column of a proposal: every language version, public number included. */
export function searchTextOf(number: number | null, texts: { title: string; summary: string; description: string }[]): string {
  const parts = texts.flatMap((text) => [text.title, text.summary, text.description]);
  return normalizeForSearch([number === null ? "" : `#${number}`, ...parts].join(" "));
}
