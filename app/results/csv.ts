// The public results as a CSV download. Pure.
import { centsToDecimal } from "./amounts";

export interface CsvRow {
  number: number;
  title: string;
  costCents: number;
  support: number;
  funded: boolean;
}

/** A cell a spreadsheet program will not run as a formula, quoted when it holds ; " or a line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The public results as CSV: `number;title;cost;support;funded` (cost in euros with a decimal point,
 * funded 1 or 0), CRLF line ends, semicolons as Belgian spreadsheet programs expect.
 */
export function resultsCsv(rows: readonly CsvRow[]): string {
  const lines = [["number", "title", "cost", "support", "funded"]];
  for (const row of rows) {
    lines.push([String(row.number), row.title, centsToDecimal(row.costCents, 2), String(row.support), row.funded ? "1" : "0"]);
  }
  return lines.map((line) => line.map(csvCell).join(";")).join("\r\n") + "\r\n";
}
