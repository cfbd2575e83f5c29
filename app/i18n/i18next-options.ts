import type { InitOptions } from "i18next";
import { isolateInterpolated } from "~/kernel/text";
import { DEFAULT_LOCALE, LOCALES, NAMESPACES } from "./config";

/**
 * Options shared by the server and the browser instances of i18next.
 *
 * Every interpolated value ({{title}}, {{name}}, {{count}}, …) is wrapped in Unicode bidi isolates
 * (FSI…PDI) instead of being HTML-escaped (React escapes): a Dutch title inside an Arabic sentence, or
 * an Arabic name inside a Dutch one, keeps its own direction and cannot move the punctuation around
 * it — on pages, in attributes, in plain-text emails and in iCal alike.
 */
export const i18nextOptions = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  ns: [...NAMESPACES],
  defaultNS: "common",
  interpolation: { escapeValue: true, escape: isolateInterpolated },
  returnNull: false,
} satisfies InitOptions;
