// Amounts in euros as people type them, read and written in the reader's language (decision 0029).
//
// The locale's decimal mark is the one Intl.NumberFormat writes euros with ("," in nl-BE, fr-BE,
// bg-BG and tr-TR; "." in en-BE and ar). The rule, the same for every locale once that mark is known:
//
// - "€" before or after the number, and spaces anywhere a thousands separator may stand (space,
//   no-break space U+00A0, narrow no-break space U+202F, thin space U+2009) are accepted. Arabic-Indic
//   digits (٠–٩, and the Persian ۰–۹) count as 0–9; the Arabic separators are unambiguous: "٬" groups
//   thousands, "٫" is the decimal mark. A trailing ",-" or ".-" ("€ 1.800,-") means whole euros.
// - The last "." or "," followed by one or two digits is the decimal mark, in every locale: no one
//   groups thousands by two, so "1.80" is €1.80 in nl as "1,80" is in en.
// - A separator followed by exactly three digits groups thousands — "1.800" and "1 800" are €1,800 in
//   nl, fr, bg and tr; "1,800" is €1,800 in en — except when it is the locale's own decimal mark and
//   stands alone: "1.800" in en (and ar), "1,800" in nl, fr, bg and tr could mean €1.80 to one
//   reader and €1,800 to another, so it is refused with a message that shows the locale's way.
//   The mark repeated ("1.800.000") can only group, so it is read as thousands everywhere.
// - Groups after the first have three digits, the first one to three ("18.00" is refused); one kind of
//   thousands separator per number, different from the decimal mark; at most two decimals; no sign.
//
// So no text is read as two different amounts in two languages: the locale only decides which of
// "1.800" and "1,800" is refused as ambiguous. A form posted in another language than the one it was
// shown in can be refused, never misread.
import { numberFormat } from "./intl";

export type AmountProblem = "validation.amount" | "validation.amountAmbiguous";
export type AmountReading = { ok: true; cents: number } | { ok: false; problem: AmountProblem };

/** Euros beyond this many digits are refused before any arithmetic (no budget comes near a billion). */
const MAX_WHOLE_DIGITS = 9;

const SPACES = "\\s\\u00a0\\u2009\\u202f";
const EURO_SIGN = new RegExp(`^[${SPACES}]*€[${SPACES}]*|[${SPACES}]*€[${SPACES}]*$`, "g");
const WHOLE_SUFFIX = /[.,]-$/;
/** Digits, then separators each followed by digits: "." "," a space, "٬" (group) or "٫" (decimal). */
const SHAPE = new RegExp(`^\\d+(?:(?:[.,\\u066b\\u066c]|[${SPACES}])\\d+)*$`);
const TOKENS = new RegExp(`\\d+|[.,\\u066b\\u066c]|[${SPACES}]`, "g");

type Separator = "." | "," | "space" | "group" | "decimal";

const decimalMarks = new Map<string, "." | ",">();

/** How the locale writes euros (the separators of formatMoney, which may differ from plain numbers: en-BE). */
const euroFormat = (intlLocale: string, cents = 0) =>
  numberFormat(intlLocale, { style: "currency", currency: "EUR", minimumFractionDigits: cents % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });

/**
 * The decimal mark a locale writes euros with, as the "." or "," a keyboard types ("٫" counts as ".").
 * Read from the currency format: en-BE writes plain numbers "1.800,5" but euros "€1,800.50".
 */
export function decimalMarkOf(intlLocale: string): "." | "," {
  let mark = decimalMarks.get(intlLocale);
  if (!mark) {
    const written = euroFormat(intlLocale, 150)
      .formatToParts(1.5)
      .find((part) => part.type === "decimal")?.value;
    mark = written === "," ? "," : ".";
    decimalMarks.set(intlLocale, mark);
  }
  return mark;
}

function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String((digit.charCodeAt(0) - 0x0660) % 0x90));
}

function separatorOf(token: string): Separator {
  if (token === "." || token === ",") return token;
  if (token === "\u066c") return "group";
  if (token === "\u066b") return "decimal";
  return "space";
}

const refused = (problem: AmountProblem = "validation.amount"): AmountReading => ({ ok: false, problem });

/** Typed euros → exact integer cents, read with the decimal mark of `intlLocale` (see the rule above). */
export function parseAmount(typed: string, intlLocale: string): AmountReading {
  const text = latinDigits(typed).trim().replace(EURO_SIGN, "").replace(WHOLE_SUFFIX, "");
  if (!SHAPE.test(text)) return refused();
  const tokens = text.match(TOKENS) ?? [];
  const groups = tokens.filter((_, index) => index % 2 === 0);
  const separators = tokens.filter((_, index) => index % 2 === 1).map(separatorOf);

  let fraction = "";
  const last = separators.at(-1);
  const lastGroup = groups.at(-1) ?? "";
  if (last === "decimal" || ((last === "." || last === ",") && lastGroup.length <= 2)) {
    if (lastGroup.length > 2 || separators.slice(0, -1).includes(last)) return refused();
    fraction = lastGroup;
    groups.pop();
    separators.pop();
  } else if (
    (last === "." || last === ",") &&
    lastGroup.length === 3 &&
    separators.length === 1 &&
    !groups[0]?.startsWith("0") &&
    last === decimalMarkOf(intlLocale)
  ) {
    return refused("validation.amountAmbiguous");
  }

  // What is left is the whole euros, grouped by one kind of separator (or not at all).
  if (separators.some((separator) => separator === "decimal" || separator !== separators[0])) return refused();
  const [first = "", ...rest] = groups;
  if (rest.length && (first.length > 3 || first.startsWith("0") || rest.some((group) => group.length !== 3))) return refused();
  const whole = groups.join("").replace(/^0+(?=\d)/, "");
  if (whole.length > MAX_WHOLE_DIGITS) return refused();
  return { ok: true, cents: Number(whole) * 100 + Number(fraction.padEnd(2, "0")) };
}

/**
 * Cents → the amount as the locale writes euros, without the sign, for an input's value ("1.800,50"
 * in nl, "1 800,50" in fr, "1,800.50" in en); parseAmount reads it back to the same cents.
 */
export function formatAmountInput(cents: number, intlLocale: string): string {
  return euroFormat(intlLocale, cents)
    .formatToParts(cents / 100)
    .filter((part) => part.type === "integer" || part.type === "group" || part.type === "decimal" || part.type === "fraction")
    .map((part) => part.value)
    .join("");
}
