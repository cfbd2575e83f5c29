import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { answerChangedNothing } from "~/http/revalidation";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { i18n as I18n } from "i18next";
import { useEffect, useLayoutEffect } from "react";
import { useTranslation } from "react-i18next";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { demoDataPresent } from "~/neighbourhoods/demo.server";
import { directionOf, NAMESPACES, type Locale } from "~/i18n/config";
import { localeFor } from "~/auth/locale.server";
import { resourcesFor, type Resources } from "~/i18n/resources.server";
import { LanguageSwitcher } from "~/ui/LanguageSwitcher";
import { formatNumber } from "~/i18n/format";
import { useNonce } from "~/ui/nonce";
import { PageTranslationsScript } from "~/i18n/page-translations";
import { refusalMessageKey, refusalMessageValues } from "~/http/refusal-page";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Wijkbudget" }];

export async function loader(args: LoaderFunctionArgs) {
  const [locale, user, demo] = await Promise.all([localeFor(args.request, args.context), currentUser(args), demoDataPresent(db())]);
  return {
    locale,
    // Only the namespaces this page's routes declare (decision 0018), for a client-side navigation: a
    // document carries them in a script of its own, prepared once (PageTranslationsScript, decision 0046).
    resources: args.context.isDataRequest ? resourcesFor(locale, args.context.namespacesOfPage(args.request)) : null,
    demo,
    user: user ? { name: user.name, isStaff: can(user, "staff:access"), unread: user.unreadNotifications ?? 0 } : null,
  };
}

/**
 * The root's data (with single fetch, loaded again on every navigation by default) carries the page's
 * translations: it must come again for another page (path) and after a form was posted (a login or a
 * saved language changes the user or the locale), not for the same page with other filters (a query),
 * nor after an answer that changed nothing (app/http/revalidation.ts).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, actionResult, defaultShouldRevalidate }) => {
  if (answerChangedNothing(actionResult)) return false;
  const posted = formMethod !== undefined && formMethod.toUpperCase() !== "GET";
  return currentUrl.pathname !== nextUrl.pathname || posted ? defaultShouldRevalidate : false;
};

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

/** Gives i18next the namespaces it does not have yet (the server renders with the page's already). */
function addNewBundles(i18n: I18n, locale: Locale, resources: Resources) {
  for (const [namespace, bundle] of Object.entries(resources)) {
    if (!i18n.hasResourceBundle(locale, namespace)) i18n.addResourceBundle(locale, namespace, bundle);
  }
}

// Layout effects do nothing on the server, where the language is already the page's.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const { i18n } = useTranslation();
  const locale = (data?.locale ?? i18n.language ?? "nl") as Locale;
  const nonce = useNonce();

  // A client-side navigation to another page brings its namespaces with the root's data (a document's
  // were given to i18next before hydration). They are added while rendering, before the page below uses them.
  if (data?.resources) addNewBundles(i18n, data.locale, data.resources);

  // After a login on a client-side navigation, switch i18next's language before the page is painted.
  useBrowserLayoutEffect(() => {
    if (data && i18n.language !== data.locale) void i18n.changeLanguage(data.locale);
  }, [data, i18n]);

  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <PageTranslationsScript />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Chrome({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const locale = (data?.locale ?? "nl") as Locale;
  return (
    <>
      <a href="#main" className="skip-link">
        {t("layout.skipToContent")}
      </a>
      {data?.demo ? (
        <p className="demo-banner" role="note">
          {t("layout.demoBanner")}
        </p>
      ) : null}
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            {t("layout.brand")}
          </Link>
          <nav aria-label={t("layout.mainNavigation")}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t("layout.nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/events">{t("layout.nav.events")}</NavLink>
              </li>
              <li>
                <NavLink to="/parklets">{t("layout.nav.parklets")}</NavLink>
              </li>
              {data?.user?.isStaff ? (
                <li>
                  <NavLink to="/staff">{t("layout.nav.staff")}</NavLink>
                </li>
              ) : null}
              {data?.user ? (
                <>
                  <li>
                    <NavLink to="/my/proposals">{t("layout.nav.myProposals")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/account">{t("layout.nav.account")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/account/notifications">
                      {t("layout.nav.notifications")}
                      {data.user.unread ? (
                        <span className="badge">
                          {" "}
                          {formatNumber(data.user.unread, locale)}
                          <span className="visually-hidden"> {t("layout.nav.unread")}</span>
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        {t("layout.nav.logout")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t("layout.nav.login")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/register">{t("layout.nav.register")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <LanguageSwitcher locale={locale} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("layout.footer")}</p>
        <p>
          <Link to="/accessibility">{t("layout.accessibility")}</Link> · <Link to="/privacy">{t("layout.privacy")}</Link>
        </p>
      </footer>
    </>
  );
}

export default function App() {
  return (
    <Chrome>
      <Outlet />
    </Chrome>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("errors");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey = isRouteErrorResponse(error) ? refusalMessageKey(error.data) : null;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 ? "badRequest" : status < 500 ? "badRequest" : "server";
  if (status >= 500) console.error(error);
  return (
    <Chrome>
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t(`${kind}.title`)}</h1>
        <p>{messageKey ? t(messageKey, { ns: NAMESPACES, ...(isRouteErrorResponse(error) ? refusalMessageValues(error.data) : {}) }) : t(`${kind}.body`)}</p>
        <p className="muted">{t("status", { status })}</p>
        <p>
          <Link to="/">{t("backHome")}</Link>
        </p>
      </section>
    </Chrome>
  );
}
