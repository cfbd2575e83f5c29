// Staff's spreadsheet files of a round (issue #21): its proposals, and the panel's reviews summed up.
// For people: headers in the staff member's language, the locale's decimal separator, texts people
// wrote isolated so a right-to-left title cannot reorder the line, a UTF-8 byte order mark. Pure.
import { centsToDecimal } from "~/results/amounts";
import { decimalSeparator, isolated, spreadsheetFile } from "~/results/spreadsheet";

const text = (value: string | null | undefined) => (value ? isolated(value) : "");

export interface ProposalLine {
  number: number;
  title: string;
  status: string;
  theme: string;
  requestedCents: number;
  checkedCostCents: number | null;
  location: string;
  submittedOn: string;
}

export function proposalsSpreadsheet(header: readonly string[], rows: readonly ProposalLine[], intlLocale: string): string {
  const mark = decimalSeparator(intlLocale);
  const euros = (cents: number | null) => (cents === null ? "" : centsToDecimal(cents, 2).replace(".", mark));
  return spreadsheetFile([
    header,
    ...rows.map((row) => [
      String(row.number),
      text(row.title),
      row.status,
      text(row.theme),
      euros(row.requestedCents),
      euros(row.checkedCostCents),
      text(row.location),
      row.submittedOn,
    ]),
  ]);
}

export interface ReviewLine {
  number: number;
  title: string;
  status: string;
  counted: number;
  /** The mean score, formatted; empty where withheld (fewer than two counting reviews). */
  score: string;
  recommendations: { SHORTLIST: number; REJECT: number; ABSTAIN: number };
  rationale: string;
}

export function reviewsSpreadsheet(header: readonly string[], rows: readonly ReviewLine[]): string {
  return spreadsheetFile([
    header,
    ...rows.map((row) => [
      String(row.number),
      text(row.title),
      row.status,
      String(row.counted),
      row.score,
      String(row.recommendations.SHORTLIST),
      String(row.recommendations.REJECT),
      String(row.recommendations.ABSTAIN),
      text(row.rationale),
    ]),
  ]);
}

/** A round's statistics as label;value lines, then the proposals and comments per day (never ballots per day, decision 0010). */
export function statisticsSpreadsheet(
  lines: readonly (readonly [string, string])[],
  perDayHeader: readonly string[],
  perDay: readonly (readonly string[])[],
): string {
  return spreadsheetFile([...lines.map(([label, value]) => [text(label), value]), [], perDayHeader, ...perDay]);
}
