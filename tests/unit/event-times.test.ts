import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "~/i18n/config";
import { formatDateTimeRange } from "~/i18n/format";

// Intl writes thin, narrow no-break and no-break spaces around the dash in some languages; the
// tables compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, " ");

// 20 December 2026 is winter time in Brussels (UTC+1): 13:00Z is 14:00 on the city's clock.
const start = new Date("2026-12-20T13:00:00Z");
const sameDayEnd = new Date("2026-12-20T16:00:00Z");
const nextDayEnd = new Date("2026-12-21T16:00:00Z");

const SAME_DAY: Record<Locale, string> = {
  nl: "20 december 2026, 14:00–17:00",
  fr: "20 décembre 2026, 14:00 – 17:00",
  en: "20 December 2026, 14:00–17:00",
  bg: "20 декември 2026 г., 14:00 ч. – 17:00 ч.",
  tr: "20 Aralık 2026 14:00–17:00",
  ar: "20 ديسمبر 2026، 2:00–5:00 م",
};

const ACROSS_DAYS: Record<Locale, string> = {
  nl: "20 december 2026 om 14:00 – 21 december 2026 om 17:00",
  fr: "20 décembre 2026 à 14:00 – 21 décembre 2026 à 17:00",
  en: "20 December 2026 at 14:00 – 21 December 2026 at 17:00",
  bg: "20 декември 2026 г. в 14:00 – 21 декември 2026 г. в 17:00",
  tr: "20 Aralık 2026 14:00 – 21 Aralık 2026 17:00",
  ar: "20 ديسمبر 2026 في 2:00 م – 21 ديسمبر 2026 في 5:00 م",
};

describe("an event's start and end", () => {
  it.each(LOCALES)("write the date once when both fall on the same day (%s)", (locale) => {
    expect(plain(formatDateTimeRange(start, sameDayEnd, locale))).toBe(SAME_DAY[locale]);
  });

  it.each(LOCALES)("write both dates when the event runs across days (%s)", (locale) => {
    expect(plain(formatDateTimeRange(start, nextDayEnd, locale))).toBe(ACROSS_DAYS[locale]);
  });

  it("are read on the city's clock, not the server's: 23:30–00:30 in Brussels spans two days", () => {
    expect(plain(formatDateTimeRange("2026-12-20T22:30:00Z", "2026-12-20T23:30:00Z", "nl"))).toBe("20 december 2026 om 23:30 – 21 december 2026 om 00:30");
    expect(plain(formatDateTimeRange("2026-07-01T16:00:00Z", "2026-07-01T18:00:00Z", "nl"))).toBe("1 juli 2026, 18:00–20:00");
  });

  it("are spelt with plain spaces, as Node and the browser must render the same text (no thin or narrow no-break spaces)", () => {
    for (const locale of LOCALES) {
      expect(formatDateTimeRange(start, sameDayEnd, locale)).not.toMatch(/[\u2009\u202f]/);
      expect(formatDateTimeRange(start, nextDayEnd, locale)).not.toMatch(/[\u2009\u202f]/);
    }
  });

  it("show the start alone when the end is not after it", () => {
    expect(plain(formatDateTimeRange(start, start, "nl"))).toBe("20 december 2026 om 14:00");
    expect(plain(formatDateTimeRange(sameDayEnd, start, "nl"))).toBe("20 december 2026 om 17:00");
  });
});
