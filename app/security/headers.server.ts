import { SESSION_COOKIE } from "~/auth/session.server";
import { readCookie } from "~/i18n/config";
import { mapSettings, tileSource } from "~/proposals/map";

/** Headers for every response; scripts run only from our origin or with this request's nonce. */
export function securityHeaders(nonce: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const development = env.NODE_ENV === "development";
  const tiles = tileSource(mapSettings(env).tileUrl);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}`,
    `connect-src 'self'${development ? " ws:" : ""}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Production is served over HTTPS (README); browsers ignore this header on plain HTTP.
    ...(env.NODE_ENV === "production" ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/**
 * A page or data answered to a browser that carries a session cookie may hold personal data: no
 * cache, shared or the browser's own, may keep it. (Build assets, public files and uploads are
 * served elsewhere and keep their long caching.)
 */
export function keepPrivateAnswersOutOfCaches(request: Request, headers: Headers): void {
  if (readCookie(request.headers.get("Cookie"), SESSION_COOKIE) !== null) headers.set("Cache-Control", "private, no-store");
}
