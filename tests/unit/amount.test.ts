// Typed amounts per locale (decision 0029): accepted text → cents, refused text → message key.
import { describe, expect, it } from "vitest";
import { INTL_LOCALES, LOCALES, type Locale } from "~/i18n/config";
import { decimalMarkOf, formatAmountInput, parseAmount } from "~/kernel/amount";
import { roundRulesSchemaFor } from "~/proposals/schema";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

/** Read the same way in every locale. */
const EVERYWHERE: [string, number][] = [
  ["1800", 180_000],
  ["1 800", 180_000],
  [`1${NBSP}800`, 180_000],
  [`1${NNBSP}800`, 180_000],
  ["1.800.000", 180_000_000],
  ["1 800 000,5", 180_000_050],
  ["1.800,50", 180_050],
  ["1,800.50", 180_050],
  ["1,80", 180],
  ["1.80", 180],
  ["0,5", 50],
  ["0.05", 5],
  ["€ 1800", 180_000],
  ["1800 €", 180_000],
  ["€1 800,50", 180_050],
  ["€ 1800,-", 180_000],
  ["  42  ", 4_200],
  ["١٨٠٠", 180_000],
  ["١٬٨٠٠٫٥٠", 180_050],
  ["۱۸۰۰", 180_000],
];

const REFUSED_EVERYWHERE: string[] = [
  "",
  "€",
  "-5",
  "+5",
  "1e5",
  "veertig",
  "18.00.000",
  "1.8000",
  "1.800.50",
  "1,800,50",
  "1.800,000",
  "1 800.000",
  "1.800 000",
  "0.800",
  "1,5,0",
  ".50",
  "1..800",
  "1  800",
  "1٫800",
  "1234567890",
];

const PER_LOCALE: Record<Locale, { accepted: [string, number][]; ambiguous: string[] }> = {
  nl: {
    accepted: [
      ["1.800", 180_000],
      ["€ 1.800", 180_000],
      ["€ 1.800,-", 180_000],
      ["12.500", 1_250_000],
    ],
    ambiguous: ["1,800", "€ 12,500"],
  },
  fr: {
    accepted: [
      ["1.800", 180_000],
      ["1 800 €", 180_000],
      ["12.500", 1_250_000],
    ],
    ambiguous: ["1,800", "1,800 €"],
  },
  bg: {
    accepted: [
      ["1.800", 180_000],
      ["1 800 €", 180_000],
      ["12.500", 1_250_000],
    ],
    ambiguous: ["1,800"],
  },
  tr: {
    accepted: [
      ["1.800", 180_000],
      ["€1.800", 180_000],
      ["12.500", 1_250_000],
    ],
    ambiguous: ["1,800"],
  },
  en: {
    accepted: [
      ["1,800", 180_000],
      ["€1,800", 180_000],
      ["12,500", 1_250_000],
    ],
    ambiguous: ["1.800", "€ 1.800", "12.500"],
  },
  ar: {
    accepted: [
      ["1,800", 180_000],
      ["١,٨٠٠", 180_000],
      ["12,500", 1_250_000],
    ],
    ambiguous: ["1.800", "١.٨٠٠"],
  },
};

describe.each(LOCALES)("amounts typed in %s", (locale) => {
  const intl = INTL_LOCALES[locale];

  it.each([...EVERYWHERE, ...PER_LOCALE[locale].accepted])("reads %j as %i cents", (text, cents) => {
    expect(parseAmount(text, intl)).toEqual({ ok: true, cents });
  });

  it.each(PER_LOCALE[locale].ambiguous)("refuses %j as ambiguous", (text) => {
    expect(parseAmount(text, intl)).toEqual({ ok: false, problem: "validation.amountAmbiguous" });
  });

  it.each(REFUSED_EVERYWHERE)("refuses %j", (text) => {
    expect(parseAmount(text, intl)).toEqual({ ok: false, problem: "validation.amount" });
  });

  it("shows amounts the way the locale writes them, and reads them back to the same cents", () => {
    for (const cents of [0, 5, 180, 4_200, 180_000, 180_050, 1_250_000, 4_000_000, 123_456_789, 1_000_000_000]) {
      const shown = formatAmountInput(cents, intl);
      expect(shown).not.toContain("€");
      expect(parseAmount(shown, intl)).toEqual({ ok: true, cents });
    }
  });
});

describe("the locale's decimal mark", () => {
  it("is the one Intl writes", () => {
    expect(Object.fromEntries(LOCALES.map((locale) => [locale, decimalMarkOf(INTL_LOCALES[locale])]))).toEqual({
      nl: ",",
      fr: ",",
      en: ".",
      bg: ",",
      tr: ",",
      ar: ".",
    });
  });

  it("writes €1,800.50 in each locale's own way", () => {
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
    expect(plain(formatAmountInput(180_050, "nl-BE"))).toBe("1.800,50");
    expect(plain(formatAmountInput(180_050, "fr-BE"))).toBe("1 800,50");
    expect(plain(formatAmountInput(180_050, "en-BE"))).toBe("1,800.50");
    expect(plain(formatAmountInput(180_000, "tr-TR"))).toBe("1.800");
  });
});

describe("no text is two amounts", () => {
  it("reads any text accepted in two locales as the same cents", () => {
    const texts = [
      ...EVERYWHERE.map(([text]) => text),
      ...LOCALES.flatMap((locale) => [...PER_LOCALE[locale].accepted.map(([text]) => text), ...PER_LOCALE[locale].ambiguous]),
    ];
    for (const text of texts) {
      const readings = new Set(LOCALES.map((locale) => parseAmount(text, INTL_LOCALES[locale])).flatMap((reading) => (reading.ok ? [reading.cents] : [])));
      expect(readings.size, text).toBeLessThanOrEqual(1);
    }
  });
});

describe("a form's schema", () => {
  it("reads amounts in the form's locale and answers a translation key", () => {
    const rules = (locale: Locale, minAmount: string) => roundRulesSchemaFor(locale).safeParse({ intent: "rules", minAmount });
    expect(rules("nl", "1.800").data?.minAmount).toBe(180_000);
    expect(rules("en", "1,800").data?.minAmount).toBe(180_000);
    expect(rules("en", "1.800").error?.issues.map((issue) => issue.message)).toEqual(["validation.amountAmbiguous"]);
    expect(rules("nl", "99.999.999").error?.issues.map((issue) => issue.message)).toEqual(["validation.amountTooLarge"]);
    expect(roundRulesSchemaFor("nl")).toBe(roundRulesSchemaFor("nl"));
  });
});
