import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale, Namespace } from "./config";
import { i18nextOptions } from "./i18next-options";
import { keptPerTranslationSet, resourcesFor } from "./resources.server";

/**
 * The i18next instance a page is rendered with: its locale and only the namespaces the browser gets
 * (the root loader sends the same). Made once per locale and set of namespaces and shared by every
 * render of such a page: making one (init, plural rules, resource store) cost about as much as the
 * translating itself. Nothing changes a shared instance on the server — its language is fixed, its
 * namespaces are all there, and react-i18next changes a language only in effects, which the server
 * does not run.
 */
export const pageI18n: (locale: Locale, namespaces: readonly Namespace[]) => Promise<I18n> = keptPerTranslationSet((locale, namespaces) => {
  const i18n = createInstance();
  return i18n
    .use(initReactI18next)
    .init({ ...i18nextOptions, lng: locale, resources: { [locale]: resourcesFor(locale, namespaces) } })
    .then(() => i18n);
});
