// The results spreadsheet for people (issue #18 item 6): separators from Intl, formulas neutralised,
// titles isolated, file names in ASCII and in the reader's script.
import { describe, expect, it } from "vitest";
import { attachmentDisposition, decimalSeparator, downloadName, resultsSpreadsheet, spreadsheetCell } from "~/results/spreadsheet";

const LABELS = { number: "Nr.", project: "Project", cost: "Kosten (EUR)", support: "Stemmen", funded: "Gefinancierd", yes: "ja", no: "nee" };

describe("the results spreadsheet", () => {
  it("takes the decimal separator from Intl: a comma in Belgian Dutch and French, a point in Arabic", () => {
    expect(decimalSeparator("nl-BE")).toBe(",");
    expect(decimalSeparator("fr-BE")).toBe(",");
    expect(decimalSeparator("ar")).toBe(".");
  });

  it("starts with a byte order mark, one header row, ; between cells, amounts without thousands separators", () => {
    const text = resultsSpreadsheet(
      [
        { number: 1, title: "Samentuin; Rolliersstraat", costCents: 1_234_567, support: 12, funded: true },
        { number: 2, title: "حديقة", costCents: 50, support: 0, funded: false },
      ],
      LABELS,
      "nl-BE",
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).split("\r\n")).toEqual([
      "Nr.;Project;Kosten (EUR);Stemmen;Gefinancierd",
      '1;"\u2068Samentuin; Rolliersstraat\u2069";12345,67;12;ja',
      "2;\u2068حديقة\u2069;0,50;0;nee",
      "",
    ]);
  });

  it("neutralises formulas also behind invisible formatting characters or spaces", () => {
    expect(spreadsheetCell("\u2068=1+1\u2069")).toBe("'\u2068=1+1\u2069");
    expect(spreadsheetCell(" @SUM(A1)")).toBe("' @SUM(A1)");
    expect(spreadsheetCell("-2")).toBe("'-2");
    expect(spreadsheetCell('say "hi"')).toBe('"say ""hi"""');
    expect(spreadsheetCell("a = b")).toBe("a = b");
  });

  it("names the file after the neighbourhood, the year and the word for results", () => {
    const base = { slug: "gent-rabot", year: 2026, extension: "csv" };
    expect(downloadName({ ...base, word: "resultaten" })).toEqual({
      ascii: "wijkbudget-gent-rabot-2026-resultaten.csv",
      unicode: "wijkbudget-gent-rabot-2026-resultaten.csv",
    });
    expect(downloadName({ ...base, word: "résultats" }).ascii).toBe("wijkbudget-gent-rabot-2026-resultats.csv");
    expect(downloadName({ ...base, word: "sonuçlar" }).ascii).toBe("wijkbudget-gent-rabot-2026-sonuclar.csv");
    const bulgarian = downloadName({ ...base, word: "резултати", asciiWord: "rezultati" });
    expect(bulgarian).toEqual({ ascii: "wijkbudget-gent-rabot-2026-rezultati.csv", unicode: "wijkbudget-gent-rabot-2026-резултати.csv" });
    expect(downloadName({ ...base, slug: 'x"; y', word: "نتائج" }).ascii).toBe("wijkbudget-x-y-2026-results.csv");
    expect(attachmentDisposition(bulgarian)).toBe(
      `attachment; filename="wijkbudget-gent-rabot-2026-rezultati.csv"; filename*=UTF-8''wijkbudget-gent-rabot-2026-${encodeURIComponent("резултати")}.csv`,
    );
  });
});
