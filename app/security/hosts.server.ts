/**
 * Which host names this site answers for, and the one address every emailed or printed link is
 * built from (docs/decisions/0014-hosts-and-links.md). Never the request's own Host: an attacker
 * who sends `Host: attacker.example` must not get a password-reset link to attacker.example mailed
 * to one of our users.
 */
export interface SitePolicy {
  /** Lower-cased `host[:port]` values a request may be addressed to. */
  hosts: ReadonlySet<string>;
  /** The public address links start with, without a trailing slash. */
  siteUrl: string;
  /** False when APP_URL is not set and the site answers only on this machine's loopback addresses. */
  configured: boolean;
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

function appUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`APP_URL is not a valid address: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`APP_URL must start with https:// (or http://): ${value}`);
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    throw new Error(`APP_URL must be the site's origin only, like https://wijkbudget.city.be: ${value}`);
  }
  return url;
}

/** The environment the policy reads APP_URL, ALLOWED_HOSTS and PORT from (process.env by default). */
type HostSettings = Record<string, string | undefined>;

export function sitePolicy(env: HostSettings = process.env): SitePolicy {
  const extra = (env.ALLOWED_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  if (env.APP_URL) {
    const url = appUrl(env.APP_URL);
    return { hosts: new Set([url.host.toLowerCase(), ...extra]), siteUrl: url.origin, configured: true };
  }
  const port = Number(env.PORT ?? 3000);
  return {
    hosts: new Set([...LOOPBACK_HOSTS.map((host) => `${host}:${port}`), ...extra]),
    siteUrl: `http://localhost:${port}`,
    configured: false,
  };
}

/** The site's public address for links in emails, letters and feeds: APP_URL, else http://localhost:PORT. */
export function siteUrl(env: HostSettings = process.env): string {
  return sitePolicy(env).siteUrl;
}
