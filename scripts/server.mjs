// The HTTP server: Express in front of the Remix build, so the app controls body limits and headers.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { pageCache } from "./page-cache.mjs";

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** The path of an emailed unsubscribe link (app/notifications: a 32-character base32 token), nothing more. */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[a-z2-7]{32}$/;
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** A client has this long to send a request's headers (slow-header attacks hold connections open). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
/** A whole request, body included: a 10 MB upload over a slow mobile link (≈ 200 kbit/s) takes about 7 minutes. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60_000;
/** How often an instance looks for tally jobs others queued (its own wake it at once). */
export const DEFAULT_TALLY_JOB_POLL_MS = 2000;
/** A tally job whose instance stopped renewing its claim this long ago (it died) is counted again elsewhere. */
export const DEFAULT_TALLY_JOB_LEASE_MS = 30_000;
/** How long a page shared by visitors is sent again before it is rendered anew (0: never cached). */
export const DEFAULT_PAGE_CACHE_MS = 1000;
/**
 * Pages are compressed for each request: Brotli at quality 4 (≈ 2.5 ms for a 190 KB page, to a quarter
 * of it), gzip at level 4 for clients without Brotli (decision 0020).
 */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 4;

const notForHealthChecks = (middleware) => (req, res, next) => (req.path === "/healthz" ? next() : middleware(req, res, next));

/** A Fetch Request with the Express request's headers (the plain error page reads only those). */
function headersOnlyRequest(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  return new Request(`http://localhost${req.originalUrl}`, { headers });
}

/** "/a/b?x=1" → ["/a/b", "x=1"]; no "?" → [url, null]. */
function splitUrl(url) {
  const at = url.indexOf("?");
  return at === -1 ? [url, null] : [url.slice(0, at), url.slice(at + 1)];
}

function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Answers a GET or HEAD for a file of `dir` with its Brotli copy (`<file>.br`, written by scripts/precompress.mjs)
 * when the client takes Brotli and the copy exists; anything else goes on as it came.
 */
function precompressedBrotli(dir, options) {
  const serveCopy = express.static(dir, {
    ...options,
    index: false,
    setHeaders(res, file) {
      const type = express.static.mime.lookup(file.slice(0, -".br".length));
      const charset = express.static.mime.charsets.lookup(type);
      res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
      res.setHeader("Content-Encoding", "br");
      res.vary("Accept-Encoding");
    },
  });
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.acceptsEncodings("br")) return next();
    const url = req.url;
    const [pathname, query] = splitUrl(url);
    req.url = `${pathname}.br${query === null ? "" : `?${query}`}`;
    serveCopy(req, res, (error) => {
      req.url = url;
      next(error);
    });
  };
}

/** express.static's refusals of an asset (404 missing, 405 not GET, 400 or 403 a bad path) as one line of text. */
function plainAssetRefusal(error, _req, res, next) {
  const status = error?.status ?? error?.statusCode;
  if (!status || status >= 500 || res.headersSent) return next(error);
  res
    .status(status)
    .set(error.headers ?? {})
    .type("text/plain")
    .send(http.STATUS_CODES[status]);
}

/** The host of an Origin header, lower-cased; null for "null" or anything that is no URL. */
function originHost(origin) {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Reads a request's body to its end and throws it away, so that the answer goes out only when the
 * client has finished sending (a client that sends the whole body before reading would otherwise
 * see the connection reset instead of the page). Past `limit` bytes the connection is cut.
 */
function drainBody(req, limit) {
  return new Promise((resolve) => {
    if (req.readableEnded) return resolve();
    let discarded = 0;
    req.on("data", (chunk) => {
      discarded += chunk.length;
      if (discarded > limit) req.destroy();
    });
    req.once("end", resolve);
    req.once("close", resolve);
    req.resume();
  });
}

export async function createServer({ buildPath = "build/index.js", env = process.env } = {}) {
  const build = await import(pathToFileURL(path.resolve(buildPath)).href);
  const {
    plainErrorPage,
    securityHeaders,
    pruneExpiredRows,
    startMailDelivery,
    startTallyJobs,
    startWalCheckpoints,
    sitePolicy,
    contactEmail,
    controllerName,
    isSingleLineText,
    pageNamespaceFinder,
    visitorCookies,
  } = build.entry.module;
  // Which translations a page sends to the browser is read from the build's routes (decision 0018).
  const namespacesOfPage = pageNamespaceFinder(build.routes);
  const maxBodyBytes = env.MAX_BODY_BYTES ? Number(env.MAX_BODY_BYTES) : DEFAULT_MAX_BODY_BYTES;
  const pages = pageCache({ cookies: visitorCookies, freshMs: milliseconds(env.PAGE_CACHE_MS, DEFAULT_PAGE_CACHE_MS, "PAGE_CACHE_MS", { zero: true }) });

  const { hosts, siteUrl, configured } = sitePolicy(env);
  if (!configured) {
    console.warn(
      `APP_URL is not set: answering only on this machine (localhost, 127.0.0.1, [::1]) and building links with ${siteUrl}. ` +
        "A public deployment must set APP_URL (see the README, Production).",
    );
  }
  // A malformed CONTACT_EMAIL stops the start (contactEmail throws); a missing one is allowed, and said.
  if (!contactEmail(env)) {
    console.warn(
      "CONTACT_EMAIL is not set: the accessibility statement (/accessibility) gives residents no address for feedback. " +
        "A public deployment must set it (see the README, Settings).",
    );
  }
  if (!controllerName(env)) {
    console.warn(
      "CONTROLLER_NAME is not set: the privacy page (/privacy) does not say who is responsible for the personal data. " +
        "A public deployment must set it (see the README, Settings).",
    );
  }

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
  const trustsProxy = app.get("trust proxy fn");

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set(securityHeaders(res.locals.cspNonce, env));
    next();
  });

  // Whatever answers without reading the whole body — a refusal below, an upload over its limit, an
  // action that needs no input — must not leave the client mid-send: Node would close the connection,
  // and a client that sends everything before reading would see a reset instead of the answer. So
  // the last write of every answer waits until the rest of the body has been read and thrown away,
  // up to a bound past which the connection is cut.
  const discardLimit = Math.max(4 * maxBodyBytes, 64 * 1024 * 1024);
  app.use((req, res, next) => {
    if (BODYLESS_METHODS.has(req.method)) return next();
    const end = res.end;
    res.end = function endAfterBody(...args) {
      if (req.complete) return end.apply(this, args);
      // The app's reader of the body (which pauses it while unread) is no longer needed.
      req.removeAllListeners("data");
      drainBody(req, discardLimit).then(() => end.apply(this, args));
      return this;
    };
    next();
  });

  async function refuse(req, res, status, kind) {
    const { html } = await plainErrorPage(headersOnlyRequest(req), kind);
    res.status(status).type("html").send(html);
  }

  // The site's host is X-Forwarded-Host from a trusted proxy, else Host; it must be one of ours
  // (APP_URL's, ALLOWED_HOSTS, or loopback without APP_URL) before anything else is served, so no
  // link, redirect or page is ever made for an address an attacker chose. Load balancers probe
  // /healthz by address.
  app.use((req, res, next) => {
    const forwarded = trustsProxy(req.socket.remoteAddress, 0) ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    // Remix compares a POST's Origin with X-Forwarded-Host whenever the header is there: it must
    // carry exactly the host checked here, or nothing.
    const host = (forwarded || req.get("host") || "").toLowerCase();
    if (forwarded) req.headers["x-forwarded-host"] = host;
    else delete req.headers["x-forwarded-host"];
    if (req.headers.host) req.headers.host = req.headers.host.toLowerCase();
    res.locals.siteHost = host;
    if (hosts.has(host) || (req.method === "GET" && req.path === "/healthz")) return next();
    void refuse(req, res, 400, "badHost").catch(next);
  });

  // Route params and query strings are text too: a path with a control character (or one that does
  // not decode) names nothing of ours — 404 — and such a query parameter is dropped, as unusable
  // filters are. (PostgreSQL cannot even compare a NUL.) Form fields are checked in readFormData.
  app.use((req, res, next) => {
    const [pathname, query] = splitUrl(req.originalUrl);
    const path = decoded(pathname);
    if (path === null || !isSingleLineText(path)) return void refuse(req, res, 404, "notFound").catch(next);
    if (query !== null) {
      const params = [...new URLSearchParams(query)];
      const usable = params.filter(([name, value]) => isSingleLineText(name) && isSingleLineText(value));
      if (usable.length !== params.length) {
        const rest = new URLSearchParams(usable).toString();
        req.url = req.originalUrl = rest ? `${pathname}?${rest}` : pathname;
      }
    }
    next();
  });

  // Pages that every visitor who is not signed in sees alike are rendered once a second at most and
  // sent again as they went out, compressed (scripts/page-cache.mjs, decision 0022).
  // Not the health check (below): a load balancer polling it should not pay for either.
  app.use(notForHealthChecks(pages));

  // Pages, data, scripts and styles go out compressed when the client asks (Brotli, else gzip); images,
  // PDFs and whatever is already encoded (the build's Brotli copies) go as they are. A page comes from the
  // app in one piece (decision 0047) and is compressed as one.
  // Not the health check: its two bytes never gain (measured: /healthz at 0.80× of the base commit
  // with the middleware, see docs/benchmarks.md).
  app.use(notForHealthChecks(compression({ level: GZIP_LEVEL, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } })));

  // A missing script, style sheet or icon is a short 404, never a page rendered for it (≈ 180 KB).
  const buildFiles = { immutable: true, maxAge: "1y" };
  app.use("/build", precompressedBrotli("public/build", buildFiles), express.static("public/build", { ...buildFiles, fallthrough: false }));
  app.use("/styles", express.static("public/styles", { maxAge: "1h", fallthrough: false }));
  const icon = /^\/favicon[^/]*$/;
  app.get(icon, express.static("public", { maxAge: "1h", fallthrough: false }));
  app.use(["/build", "/styles", icon], plainAssetRefusal);
  // Nothing else is served from public/: every other path is a page, asked of the app without first
  // looking for a file of that name on disk.

  app.use((req, res, next) => {
    // The app reads the client's address from this header: never trust one sent by the client.
    delete req.headers["x-client-address"];
    req.headers["x-client-address"] = req.ip ?? "unknown";
    if (BODYLESS_METHODS.has(req.method)) return next();
    // Forms may only be posted from our own pages (cross-site request forgery): the Origin's host
    // is the host the request was sent to, which the check above found to be ours.
    // The one exception: mail providers post an email's one-click unsubscribe (RFC 8058) without an
    // Origin. Only a POST to exactly /unsubscribe/<token>, no query, whose action does nothing else.
    const origin = req.get("origin");
    const oneClickUnsubscribe = req.method === "POST" && ONE_CLICK_UNSUBSCRIBE.test(req.originalUrl);
    if (!oneClickUnsubscribe && (!origin || originHost(origin) !== res.locals.siteHost)) return void refuse(req, res, 403, "badOrigin").catch(next);
    const length = req.get("content-length");
    if (length === undefined && req.get("transfer-encoding")) return void refuse(req, res, 411, "lengthRequired").catch(next);
    if (Number(length ?? 0) > maxBodyBytes) return void refuse(req, res, 413, "tooLarge").catch(next);
    // Every form of ours posts as urlencoded or multipart; anything else (JSON, none) is refused.
    if (!FORM_TYPES.test(req.get("content-type") ?? "")) return void refuse(req, res, 415, "unsupportedType").catch(next);
    next();
  });

  // Expired sessions, links and rate-limit windows are deleted now and then (every instance may do it).
  void pruneExpiredRows();
  setInterval(() => void pruneExpiredRows(), 60 * 60 * 1000).unref();
  // Queued mail goes out from every process (decision 0027).
  const mailDelivery = startMailDelivery(env);
  // Counts run as jobs on a worker thread, never in a request; any instance runs any job (decision 0028).
  const tallyJobs = startTallyJobs({
    workerScript: fileURLToPath(new URL("./tally-worker.mjs", import.meta.url)),
    buildUrl: pathToFileURL(path.resolve(buildPath)).href,
    pollMs: milliseconds(env.TALLY_JOB_POLL_MS, DEFAULT_TALLY_JOB_POLL_MS, "TALLY_JOB_POLL_MS"),
    leaseMs: milliseconds(env.TALLY_JOB_LEASE_MS, DEFAULT_TALLY_JOB_LEASE_MS, "TALLY_JOB_LEASE_MS"),
  });
  // SQLite's checkpoints run on a thread of their own, off the thread that answers requests (decision 0042).
  const walCheckpoints = await startWalCheckpoints({ workerScript: fileURLToPath(new URL("./wal-checkpoint-worker.mjs", import.meta.url)) });
  /**
   * Stops the background work (start.mjs calls it on SIGTERM): mail delivery takes no new message and marks
   * the one being sent; a count under way is handed back to the queue; a last checkpoint.
   */
  app.locals.stopBackgroundWork = () => Promise.all([mailDelivery.stop(), tallyJobs.stop(), walCheckpoints?.stop()]);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        responseCookies: [],
        cspNonce: res.locals.cspNonce,
        // As Remix tells single-fetch data requests from documents.
        isDataRequest: req.path.endsWith(".data"),
        namespacesOfPage,
        sharePage: (shared) => void (res.locals.sharedPage = shared),
      }),
    }),
  );
  return app;
}

function milliseconds(value, fallback, name, { zero = false } = {}) {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < (zero ? 0 : 1)) throw new Error(`${name} must be a whole number of milliseconds, not ${JSON.stringify(value)}`);
  return number;
}

/** Serves the app on `port` with explicit time limits for slow clients (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS). */
export function listen(app, port, env = process.env, onListening = () => {}) {
  const headersTimeout = milliseconds(env.HEADERS_TIMEOUT_MS, DEFAULT_HEADERS_TIMEOUT_MS, "HEADERS_TIMEOUT_MS");
  const requestTimeout = Math.max(headersTimeout, milliseconds(env.REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, "REQUEST_TIMEOUT_MS"));
  // Node checks the limits only every connectionsCheckingInterval (30 s by default): check each second.
  const server = http.createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: 1000 }, app);
  return server.listen(port, onListening);
}
