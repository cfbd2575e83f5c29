// The public results as a spreadsheet file for people (beside the machine-readable CSV in csv.ts):
// headers in the reader's language, the decimal separator of the reader's locale, titles isolated
// from the columns around them, a file name people recognise. Pure.
import { centsToDecimal } from "./amounts";
import type { CsvRow } from "./csv";

/** The words of the file, in the reader's language. */
export interface SpreadsheetLabels {
  number: string;
  project: string;
  cost: string;
  support: string;
  funded: string;
  yes: string;
  no: string;
}

const BOM = "\uFEFF";
/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the title keeps its own direction and cannot reorder the columns around it. */
const FSI = "\u2068";
const PDI = "\u2069";

/**
 * The decimal separator a spreadsheet in this Intl locale reads: a comma where the locale writes one
 * (nl-BE, fr-BE, en-BE, bg-BG, tr-TR), else a point (also where the locale writes the Arabic
 * decimal separator, which spreadsheet programs do not read as part of a number).
 */
export function decimalSeparator(intlLocale: string): "," | "." {
  const part = new Intl.NumberFormat(intlLocale).formatToParts(1.5).find((p) => p.type === "decimal");
  return part?.value === "," ? "," : ".";
}

/**
 * A cell a spreadsheet program will not run as a formula (as csvCell: a leading = + - @ tab or line
 * break gets an apostrophe, here also when invisible formatting characters or spaces come first),
 * quoted when it holds ; " or a line break.
 */
export function spreadsheetCell(value: string): string {
  const safe = /^[\p{Cf}\p{Zs}]*[=+\-@\t\r\n]/u.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Text written by people, isolated (FSI…PDI) so a right-to-left title cannot reorder the line. */
export function isolated(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/**
 * The results for a spreadsheet program: a UTF-8 byte order mark (so Excel reads the file as
 * UTF-8), one header row in the reader's language, `;` between cells, amounts with the locale's
 * decimal separator and no thousands separator, "yes"/"no" in words, CRLF line ends.
 */
export function resultsSpreadsheet(rows: readonly CsvRow[], labels: SpreadsheetLabels, intlLocale: string): string {
  const separator = decimalSeparator(intlLocale);
  const lines = [[labels.number, labels.project, labels.cost, labels.support, labels.funded]];
  for (const row of rows) {
    lines.push([
      String(row.number),
      row.title ? isolated(row.title) : "",
      centsToDecimal(row.costCents, 2).replace(".", separator),
      String(row.support),
      row.funded ? labels.yes : labels.no,
    ]);
  }
  return spreadsheetFile(lines);
}

/** Lines of cells as a spreadsheet file: a UTF-8 byte order mark (Excel then reads UTF-8), `;` between safe cells, CRLF. */
export function spreadsheetFile(lines: readonly (readonly string[])[]): string {
  return BOM + lines.map((line) => line.map(spreadsheetCell).join(";")).join("\r\n") + "\r\n";
}

/** The word's letters without accents, when that leaves plain ASCII (résultats → resultats, sonuçlar → sonuclar). */
function withoutAccents(word: string): string | null {
  const plain = word.normalize("NFD").replace(/\p{M}/gu, "").replace(/ı/g, "i").toLowerCase();
  return /^[a-z0-9 -]+$/.test(plain) ? plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || null : null;
}

/** A part of a file name in lower-case ASCII letters, digits and hyphens. */
function asciiPart(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "wijk"
  );
}

/** A part of a file name in the reader's script: no separators, quotes or control characters. */
function unicodePart(text: string): string {
  return text
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

export interface DownloadName {
  /** Plain ASCII, for `filename=` (every browser). */
  ascii: string;
  /** In the reader's script, for `filename*=` (browsers that read RFC 6266 prefer it). */
  unicode: string;
}

/**
 * `wijkbudget-<neighbourhood slug>-<year>-<word>.<extension>`, e.g. wijkbudget-gent-rabot-2026-resultaten.csv.
 * The ASCII name spells the word without accents, or takes `asciiWord` when the word is in
 * another script (Cyrillic, Arabic).
 */
export function downloadName(input: { slug: string; year: number; word: string; asciiWord?: string; extension: string }): DownloadName {
  const stem = `wijkbudget-${asciiPart(input.slug)}-${input.year}`;
  const ascii = withoutAccents(input.word) ?? asciiPart(input.asciiWord ?? "results");
  const unicode = unicodePart(input.word) || ascii;
  return { ascii: `${stem}-${ascii}.${input.extension}`, unicode: `${stem}-${unicode}.${input.extension}` };
}

/** RFC 5987 value characters: everything else percent-encoded as UTF-8. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the ASCII name for old programs, the reader's for the rest. */
export function attachmentDisposition(name: DownloadName): string {
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeRfc5987(name.unicode)}`;
}
