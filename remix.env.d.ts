/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/server-runtime";
import type { SessionUser } from "~/auth/session.server";
import type { Namespace } from "~/i18n/config";

declare module "@remix-run/server-runtime" {
  /** Per-request state, created by scripts/server.mjs (getLoadContext). */
  interface AppLoadContext {
    /** Set-Cookie values that entry.server adds to the response (e.g. a refreshed session). */
    responseCookies: string[];
    /** This request's Content-Security-Policy nonce for inline scripts. */
    cspNonce: string;
    sessionUser?: Promise<SessionUser | null>;
    /** A request for a page's data (`<path>.data`: a client-side navigation, a form sent with JavaScript), not for a document. */
    isDataRequest: boolean;
    /** The translation namespaces the requested page needs (its routes' `handle.i18n`, decision 0018). */
    namespacesOfPage: (request: Request) => readonly Namespace[];
    /** Marks the page as one every visitor who is not signed in sees alike, for the page cache (decision 0022). */
    sharePage: (shared: boolean) => void;
  }
}

declare module "@remix-run/node" {
  // Types loaders and actions the single-fetch way (data() and plain objects, no JSON serialisation types).
  interface Future {
    v3_singleFetch: true;
  }
}
