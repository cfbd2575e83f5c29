import { decodeInitialState, RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { i18nextOptions } from "~/i18n/i18next-options";
import { PAGE_TRANSLATIONS_ID, PageTranslationsProvider } from "~/i18n/page-translations";

// The document's translations are in a script of their own (decision 0046), given to i18next before
// anything renders: nothing is fetched for them. Client-side navigations bring the next page's namespaces
// with the root's data, and root's Layout adds them (decision 0018). Giving i18next `resources` tells it
// that it never waits for a namespace to load.
const lang = isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE;
// Hydration renders the script again with the same text.
const translationsText = document.getElementById(PAGE_TRANSLATIONS_ID)?.textContent ?? "";
const resources = translationsText ? { [lang]: JSON.parse(translationsText) as Record<string, Record<string, unknown>> } : {};

// The page's data is decoded before React hydrates: RemixBrowser would otherwise wait for it while
// rendering, and a click or key press in that moment crashed the page (decision 0045).
Promise.all([i18next.use(initReactI18next).init({ ...i18nextOptions, lng: lang, resources }), decodeInitialState()]).then(hydrate);

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <PageTranslationsProvider value={translationsText}>
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>
      </PageTranslationsProvider>,
    );
  });
}
