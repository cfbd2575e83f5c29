// Intl formatters are costly to make (tens of microseconds each, measured as 5.8% of a proposal list's
// server time when every amount made its own) and cheap to reuse: one per locale and options.
const MAX_FORMATTERS = 500;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function reused<T>(formats: Map<string, T>, locale: string, options: object, make: () => T): T {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    // Options come from our code and locales from a short list; the bound only guards a mistake.
    if (formats.size >= MAX_FORMATTERS) formats.clear();
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** `new Intl.NumberFormat(locale, options)`, made once per locale and options (it throws as that does). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return reused(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** `new Intl.DateTimeFormat(locale, options)`, made once per locale and options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return reused(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}
