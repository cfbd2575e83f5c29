import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { wholePage } from "~/http/whole-page.server";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { DEVICE_COOKIE } from "~/auth/devices.server";
import { localeFor } from "~/auth/locale.server";
import { LOCALE_COOKIE } from "~/i18n/config";
import { pageI18n } from "~/i18n/page-i18n.server";
import { isSharedPage } from "~/http/shared-pages";
import { keepPrivateAnswersOutOfCaches } from "~/security/headers.server";
import { NonceProvider } from "~/ui/nonce";
import { PageTranslationsProvider } from "~/i18n/page-translations";
import { allResources, resourcesScriptText } from "~/i18n/resources.server";
import i18next from "i18next";
import { i18nextOptions } from "~/i18n/i18next-options";

// The Express server (scripts/server.mjs) uses these through the build's entry module.
export { plainErrorPage } from "~/security/plain-error.server";
export { securityHeaders } from "~/security/headers.server";
export { sitePolicy } from "~/security/hosts.server";
export { contactEmail } from "~/accessibility/statement";
export { controllerName } from "~/privacy/controller";
export { isSingleLineText } from "~/kernel/form-data";
export { pruneExpiredRows } from "~/maintenance.server";
export { startMailDelivery } from "~/mail/delivery.server";
export { pageNamespaceFinder } from "~/i18n/page-namespaces.server";
export { countClaimedTallyJob, startTallyJobs } from "~/results/job-runner.server";
export { startWalCheckpoints } from "~/wal-checkpoints.server";
/** The cookies a visitor's page may be shared with (scripts/page-cache.mjs): the language, and the trusted browser's, which a public page ignores. */
export const visitorCookies = { language: LOCALE_COOKIE, others: [DEVICE_COOKIE] };

// Page titles are looked up in i18next's default instance (app/http/meta.ts): on the server it holds every
// language, read-only, made at start. Pages render with instances of their own (pageI18n).
void i18next.init({ ...i18nextOptions, resources: allResources(), initImmediate: false });

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

function addResponseCookies(headers: Headers, context: AppLoadContext | undefined) {
  for (const cookie of context?.responseCookies ?? []) headers.append("Set-Cookie", cookie);
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request, context }) => {
  addResponseCookies(response.headers, context);
  keepPrivateAnswersOutOfCaches(request, response.headers);
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = await localeFor(request, loadContext);
  // The page is rendered with the namespaces the browser gets (the root loader sends the same), so a
  // key from a namespace the page's routes do not declare shows up here, without JavaScript and in
  // tests, not only after hydration. Server-made text (mail, refusal pages) uses fixedT: everything.
  const namespaces = loadContext.namespacesOfPage(request);
  const i18n = await pageI18n(locale, namespaces);
  addResponseCookies(responseHeaders, loadContext);
  keepPrivateAnswersOutOfCaches(request, responseHeaders);
  // The page cache may send this page again to other visitors (decision 0022) only if it went right
  // and nobody is signed in; the server checks the cookies as well.
  const handles = remixContext.staticHandlerContext.matches.map((match) => remixContext.routeModules[match.route.id]?.handle);
  const signedIn = (await loadContext.sessionUser) ?? null;
  loadContext.sharePage(responseStatusCode === 200 && signedIn === null && isSharedPage(handles));

  // Every page is sent in one piece once all of it is rendered (decision 0047): no page waits on deferred
  // data, so streaming the shell first would only cut the same bytes into more pieces.
  const { destination, page } = wholePage();
  let shellRendered = false;
  const { pipe, abort } = renderToPipeableStream(
    <NonceProvider value={loadContext.cspNonce}>
      <PageTranslationsProvider value={resourcesScriptText(locale, namespaces)}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.cspNonce} />
        </I18nextProvider>
      </PageTranslationsProvider>
    </NonceProvider>,
    {
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        pipe(destination);
      },
      onShellError(error: unknown) {
        destination.destroy(error instanceof Error ? error : new Error(String(error)));
      },
      nonce: loadContext.cspNonce,
      onError(error: unknown) {
        responseStatusCode = 500;
        loadContext.sharePage(false);
        // An error before the shell is Remix's to handle (it renders the error boundary) and to log.
        if (shellRendered) console.error(error);
      },
    },
  );
  const stopWaiting = setTimeout(abort, ABORT_DELAY + 1000);
  try {
    const body = await page;
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Length", String(body.byteLength));
    return new Response(body, { headers: responseHeaders, status: responseStatusCode });
  } finally {
    clearTimeout(stopWaiting);
  }
}
