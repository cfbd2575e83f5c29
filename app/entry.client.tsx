import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { i18nextOptions } from "~/i18n/i18next-options";

// The server renders the current locale's translations into <script id="i18n-resources">.
const lang = document.documentElement.lang;
const element = document.getElementById("i18n-resources");
const resources = element ? JSON.parse(element.textContent ?? "{}") : {};

i18next
  .use(initReactI18next)
  .init({ ...i18nextOptions, lng: isLocale(lang) ? lang : DEFAULT_LOCALE, resources: { [lang]: resources } })
  .then(hydrate);

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
