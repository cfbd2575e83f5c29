// The HTTP server: Express in front of the Remix build, so the app controls body limits and headers.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A Fetch Request with the Express request's headers (the plain error page reads only those). */
function headersOnlyRequest(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  return new Request(`http://localhost${req.originalUrl}`, { headers });
}

function allowedOrigins(req, env) {
  const origins = new Set([`${req.protocol}://${req.get("host")}`]);
  if (env.APP_URL) origins.add(new URL(env.APP_URL).origin);
  return origins;
}

export async function createServer({ buildPath = "build/index.js", env = process.env } = {}) {
  const build = await import(pathToFileURL(path.resolve(buildPath)).href);
  const { plainErrorPage, securityHeaders, pruneExpiredRows } = build.entry.module;
  const maxBodyBytes = env.MAX_BODY_BYTES ? Number(env.MAX_BODY_BYTES) : DEFAULT_MAX_BODY_BYTES;

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set(securityHeaders(res.locals.cspNonce, env));
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  // A refused body is read and thrown away (so the client, still sending, gets to read the answer),
  // but only up to a bound: past it the connection is cut.
  const discardLimit = Math.max(4 * maxBodyBytes, 64 * 1024 * 1024);
  async function refuse(req, res, status, kind) {
    let discarded = 0;
    req.on("data", (chunk) => {
      discarded += chunk.length;
      if (discarded > discardLimit) req.destroy();
    });
    req.resume();
    const { html } = await plainErrorPage(headersOnlyRequest(req), kind);
    res.status(status).type("html").send(html);
  }

  app.use((req, res, next) => {
    // The app reads the client's address from this header: never trust one sent by the client.
    delete req.headers["x-client-address"];
    req.headers["x-client-address"] = req.ip ?? "unknown";
    if (BODYLESS_METHODS.has(req.method)) return next();
    // Forms may only be posted from our own pages (cross-site request forgery).
    const origin = req.get("origin");
    if (!origin || !allowedOrigins(req, env).has(origin)) return void refuse(req, res, 403, "badOrigin").catch(next);
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

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (_req, res) => ({ responseCookies: [], cspNonce: res.locals.cspNonce }),
    }),
  );
  return app;
}
