import type { InitOptions } from "i18next";
import { DEFAULT_LOCALE, LOCALES, NAMESPACES } from "./config";

/** Options shared by the server and the browser instances of i18next. */
export const i18nextOptions = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  ns: [...NAMESPACES],
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
} satisfies InitOptions;
