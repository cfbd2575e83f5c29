import { data } from "@remix-run/node";
import type { Db } from "~/db.server";

import { refusal } from "~/ui/form-data";
import { clientAddress, hitRateLimit, peekRateLimit, type RateLimitRule } from "./rate-limit.server";

/** The site's address for links in emails: APP_URL when set (behind a proxy), else the request's own. */
export function baseUrl(request: Request, env: NodeJS.ProcessEnv = process.env): string {
  return (env.APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}

const MINUTE = 60_000;
export const RATE_LIMITS = {
  loginPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  loginPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  resetPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  registerPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  registerPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  changePasswordPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  proposalSavesPerAccount: { limit: 60, windowMs: 60 * MINUTE },
  invitesPerAccount: { limit: 20, windowMs: 60 * MINUTE },
  rsvpPerAddress: { limit: 30, windowMs: 60 * MINUTE },
  parkletRequestsPerAccount: { limit: 10, windowMs: 60 * MINUTE },
  // Only wrong codes count: a community centre helping many residents vote shares one address.
  votingCodeFailuresPerAddress: { limit: 20, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

/**
 * Counts this attempt against every rule; when any is exceeded, returns the 429 answer to send
 * (a form message saying how many minutes to wait), otherwise null. Keys name what they limit:
 * `perAddress(request, "login")` for the client, `login:account:<email>` for an account (from any address).
 */
/** A rate-limit key for the client's address. */
export function perAddress(request: Request, action: string): string {
  return `${action}:address:${clientAddress(request)}`;
}

export async function rateLimited(
  db: Db,
  /** `countsNow: false` only looks: the caller counts the attempt later (e.g. only when a login fails). */
  checks: { key: string; rule: RateLimitRule; countsNow?: boolean }[],
  values: Record<string, unknown>,
  /** Added to the answer, e.g. the `intent` of the form on a page with several. */
  extra: Record<string, unknown> = {},
) {
  let waitSeconds = 0;
  for (const { key, rule, countsNow = true } of checks) {
    const result = countsNow ? await hitRateLimit(db, key, rule) : await peekRateLimit(db, key, rule);
    if (!result.allowed) waitSeconds = Math.max(waitSeconds, result.retryAfterSeconds);
  }
  if (!waitSeconds) return null;
  const minutes = Math.ceil(waitSeconds / 60);
  return data({ ...extra, ...refusal({}, values, "auth:rateLimited", { count: minutes }) }, {
    status: 429,
    headers: { "Retry-After": String(waitSeconds) },
  });
}

