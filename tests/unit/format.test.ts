import { describe, expect, it } from "vitest";
import { cityWallTimeToDate, dateToCityWallTime } from "~/kernel/city-time";
import { formatDate, formatMoney } from "~/i18n/format";
import { dateTimeFormat, numberFormat } from "~/kernel/intl";
import { centsToEuroText } from "~/kernel/zod";

describe("money", () => {
  it("is formatted as euros in the reader's locale", () => {
    const nbsp = /[\u00a0\u202f ]/g;
    expect(formatMoney(4_000_000, "nl").replace(nbsp, " ")).toBe("€ 40.000");
    expect(formatMoney(4_000_050, "fr").replace(nbsp, " ")).toBe("40 000,50 €");
    expect(formatMoney(4_000_000, "en").replace(nbsp, " ")).toMatch(/€40,000|40,000 €/);
    expect(formatMoney(150, "bg").replace(nbsp, " ")).toBe("1,50 €");
  });

  it("is written as plain text without grouping for exports (typed amounts: tests/unit/amount.test.ts)", () => {
    expect(centsToEuroText(125_050)).toBe("1250,50");
    expect(centsToEuroText(4_000_000)).toBe("40000");
  });
});

describe("Brussels wall time", () => {
  it("converts winter and summer times to the right instant", () => {
    expect(cityWallTimeToDate("2026-01-15T09:00")?.toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(cityWallTimeToDate("2026-07-15T09:00")?.toISOString()).toBe("2026-07-15T07:00:00.000Z");
  });

  it("picks the earlier instant in the autumn hour that happens twice", () => {
    expect(cityWallTimeToDate("2026-10-25T02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("moves a time in the skipped spring hour forward", () => {
    expect(cityWallTimeToDate("2026-03-29T02:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses text that is not a date and time", () => {
    expect(cityWallTimeToDate("2026-02-30T10:00")).toBeNull();
    expect(cityWallTimeToDate("2026-01-01T24:00")).toBeNull();
    expect(cityWallTimeToDate("tomorrow")).toBeNull();
  });

  it("round-trips through the datetime-local value", () => {
    for (const text of ["2026-01-15T09:00", "2026-07-01T23:59", "2026-12-31T00:00"]) {
      expect(dateToCityWallTime(cityWallTimeToDate(text)!)).toBe(text);
    }
  });

  it("shows dates in Brussels time whatever the server's zone", () => {
    expect(formatDate(new Date("2026-06-30T23:30:00Z"), "nl")).toBe("1 juli 2026");
  });
});

describe("reused Intl formatters", () => {
  it("make one formatter per locale and options, and format as a new one would", () => {
    const euros = { style: "currency", currency: "EUR" } as const;
    expect(numberFormat("nl-BE", euros)).toBe(numberFormat("nl-BE", { ...euros }));
    expect(numberFormat("bg-BG", euros)).not.toBe(numberFormat("nl-BE", euros));
    expect(numberFormat("nl-BE", { ...euros, maximumFractionDigits: 0 })).not.toBe(numberFormat("nl-BE", euros));
    expect(numberFormat("tr-TR", euros).format(1234.5)).toBe(new Intl.NumberFormat("tr-TR", euros).format(1234.5));
    const day = { dateStyle: "long", timeZone: "Europe/Brussels" } as const;
    expect(dateTimeFormat("ar", day)).toBe(dateTimeFormat("ar", day));
    expect(dateTimeFormat("ar", day).format(new Date("2027-07-03T10:00:00Z"))).toBe(
      new Intl.DateTimeFormat("ar", day).format(new Date("2027-07-03T10:00:00Z")),
    );
  });

  it("throw what Intl throws (an unknown currency), each time", () => {
    expect(() => numberFormat("nl-BE", { style: "currency", currency: "EURO" })).toThrow(RangeError);
    expect(() => numberFormat("nl-BE", { style: "currency", currency: "EURO" })).toThrow(RangeError);
  });
});
