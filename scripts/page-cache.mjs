// The page cache (decision 0022): a page every visitor who is not signed in sees alike — the home
// page, a round, its proposals, its results, events, parklets: routes whose handle says so, see
// app/http/shared-pages.ts — is rendered once and its bytes, already compressed, are sent again to
// the next visitors for a second. It sits in front of the compression middleware, so a cached page
// costs no rendering and no compressing.
//
// What keeps it right:
// - Only a GET with no cookie but the language cookie and others the app names as changing nothing on
//   such a page is looked up or stored; a signed-in reader always gets a page rendered for them.
// - The key holds everything such a page may depend on: host, path and query, the asked encodings,
//   the asked languages and the language cookie.
// - Only a 200 that sets no cookie, that the app marked shared (res.locals.sharedPage) and that was
//   sent to its end is stored.
// - Any request that may write (not GET/HEAD) empties the cache when it starts and when it ends, and
//   a page rendered meanwhile is not stored: on this instance a change shows on the next page. Other
//   instances show it within their fresh time.
// - One request at a time renders a page again. Once its copy is stale, the others get the stale copy
//   meanwhile, for at most `staleMs`; without a copy they wait for that rendering (at most `staleMs`)
//   and get its copy, or, if it could not be kept, render the page themselves. Requests for a page last
//   found not shared (a login page, a ballot) never wait.

const READS = new Set(["GET", "HEAD"]);
const NOT_STORED_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);

function cookiesOf(header) {
  const cookies = new Map();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    const name = (at === -1 ? part : part.slice(0, at)).trim();
    if (name) cookies.set(name, at === -1 ? "" : part.slice(at + 1).trim());
  }
  return cookies;
}

/** The cache key of a request that may be served from the cache, or null. */
function keyOf(req, host, { languageCookie, knownCookies }) {
  if (req.method !== "GET") return null;
  const cookies = cookiesOf(req.headers.cookie);
  for (const name of cookies.keys()) if (!knownCookies.has(name)) return null;
  return [host, req.originalUrl ?? req.url, req.headers["accept-encoding"] ?? "", req.headers["accept-language"] ?? "", cookies.get(languageCookie) ?? ""].join(
    "\n",
  );
}

/**
 * Express middleware, placed before compression. `freshMs` 0 turns it off. The host is
 * res.locals.siteHost (checked before). Entries are bounded in number and bytes; the oldest go first.
 * `cookies` names the app's cookies a shared page may be asked with: the language cookie (part of the
 * key) and others that change nothing on such a page (the app's `visitorCookies`).
 * @param {{ cookies: { language: string; others: string[] }; freshMs?: number; staleMs?: number; maxEntries?: number;
 *   maxBytes?: number; maxPageBytes?: number; now?: () => number }} options
 */
export function pageCache({
  cookies,
  freshMs = 1000,
  staleMs = 5000,
  maxEntries = 500,
  maxBytes = 64 * 1024 * 1024,
  maxPageBytes = 2 * 1024 * 1024,
  now = Date.now,
}) {
  const cookieRules = { languageCookie: cookies.language, knownCookies: new Set([cookies.language, ...cookies.others]) };
  /** key → { storedAt, headers, body } in the order stored (a Map keeps it). */
  const entries = new Map();
  /** key → a promise settled when the request rendering that page is done with it. */
  const rendering = new Map();
  /** Keys whose last rendering was not shared, oldest first (a Map used as an ordered set). */
  const notShared = new Map();
  let bytes = 0;
  let generation = 0;

  function drop(key) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  }

  function forgetAll() {
    generation++;
    entries.clear();
    bytes = 0;
  }

  function store(key, headers, body) {
    drop(key);
    entries.set(key, { storedAt: now(), headers, body });
    bytes += body.length;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  /** A copy fresh enough to send: fresh, or stale while its page is being rendered again. */
  function usableCopy(key) {
    const entry = entries.get(key);
    if (!entry) return null;
    const age = now() - entry.storedAt;
    if (age < freshMs || (age < staleMs && rendering.has(key))) return entry;
    if (age >= staleMs) drop(key);
    return null;
  }

  function serve(res, entry) {
    res.statusCode = 200;
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    res.setHeader("Content-Length", entry.body.length);
    res.end(entry.body);
  }

  /** Keeps a copy of what goes out (after compression) and stores it if the app marked the page shared. */
  function capture(req, res, key) {
    const startedIn = generation;
    let settle = () => {};
    const mine = new Promise((resolve) => (settle = resolve));
    rendering.set(key, mine);
    const chunks = [];
    let size = 0;
    let storable = true;
    let headers = null;
    const { writeHead, write, end } = res;
    const keep = (chunk, encoding) => {
      if (!storable || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8");
      size += buffer.length;
      if (size > maxPageBytes) storable = false;
      else chunks.push(buffer);
    };
    res.writeHead = function writeHeadAndLook(status, ...rest) {
      const given = rest.find((argument) => argument && typeof argument === "object") ?? {};
      const all = { ...res.getHeaders(), ...Object.fromEntries(Object.entries(given).map(([name, value]) => [name.toLowerCase(), value])) };
      storable = storable && status === 200 && res.locals.sharedPage === true && all["set-cookie"] === undefined;
      headers = Object.fromEntries(Object.entries(all).filter(([name]) => !NOT_STORED_HEADERS.has(name)));
      return writeHead.call(this, status, ...rest);
    };
    res.write = function writeAndKeep(chunk, encoding, ...rest) {
      keep(chunk, encoding);
      return write.call(this, chunk, encoding, ...rest);
    };
    res.end = function endAndKeep(chunk, encoding, ...rest) {
      keep(chunk, encoding);
      return end.call(this, chunk, encoding, ...rest);
    };
    const done = () => {
      if (rendering.get(key) === mine) rendering.delete(key);
      res.off("finish", finished);
      res.off("close", done);
      settle();
    };
    const finished = () => {
      if (storable && headers && generation === startedIn) {
        store(key, headers, Buffer.concat(chunks));
        notShared.delete(key);
      } else if (!storable) {
        notShared.delete(key);
        notShared.set(key, true);
        if (notShared.size > maxEntries) notShared.delete(notShared.keys().next().value);
      }
      done();
    };
    res.once("finish", finished);
    res.once("close", done);
  }

  const middleware = (req, res, next) => {
    if (freshMs <= 0) return next();
    if (!READS.has(req.method)) {
      forgetAll();
      res.once("close", forgetAll);
      return next();
    }
    const key = keyOf(req, res.locals.siteHost ?? "", cookieRules);
    if (key === null) return next();
    const copy = usableCopy(key);
    if (copy) return serve(res, copy);
    const underway = rendering.get(key);
    if (!underway) {
      capture(req, res, key);
      return next();
    }
    if (notShared.has(key)) return next();
    // Someone renders this page and there is no copy to send meanwhile: wait for theirs.
    let timer;
    const tooLong = new Promise((resolve) => (timer = setTimeout(resolve, staleMs)));
    Promise.race([underway, tooLong]).then(() => {
      clearTimeout(timer);
      if (res.destroyed) return;
      const copy = usableCopy(key);
      if (copy) return serve(res, copy);
      if (!rendering.has(key)) capture(req, res, key);
      next();
    }, next);
  };
  return Object.assign(middleware, { forgetAll, size: () => entries.size });
}
