import { decodeInitialState, RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { i18nextOptions } from "~/i18n/i18next-options";

// The page's translations come with the root route's data, which root's Layout hands to i18next
// before anything that uses them renders (decision 0018): nothing is fetched for them. Giving i18next
// `resources` (none yet) tells it so: it never waits for a namespace to load.
const lang = document.documentElement.lang;

// The page's data is decoded before React hydrates: RemixBrowser would otherwise wait for it while
// rendering, and a click or key press in that moment crashed the page (patches/@remix-run+react*.patch).
Promise.all([i18next.use(initReactI18next).init({ ...i18nextOptions, lng: isLocale(lang) ? lang : DEFAULT_LOCALE, resources: {} }), decodeInitialState()]).then(
  hydrate,
);

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}
