import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { directionOf, LOCALE_NAMES, LOCALES, type Locale } from "~/i18n/config";

/**
 * The six languages as one button each, named in their own language (with its lang and dir), the
 * current one marked with aria-current. Each button posts the plain form to /language, which saves
 * the choice and sends the reader back to this page: nothing changes on focus or selection alone
 * (WCAG 3.2.2, decision 0005), and it works without JavaScript.
 */
export function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-switcher" aria-labelledby="language-switcher-label">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <span id="language-switcher-label" className="visually-hidden">
        {t("language.label")}
      </span>
      <ul className="language-list">
        {LOCALES.map((code) => (
          <li key={code}>
            <button
              type="submit"
              name="locale"
              value={code}
              lang={code}
              dir={directionOf(code)}
              className="language-button"
              aria-current={code === locale ? "true" : undefined}
            >
              {LOCALE_NAMES[code]}
            </button>
          </li>
        ))}
      </ul>
    </Form>
  );
}
