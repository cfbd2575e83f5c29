import { data } from "@remix-run/node";
import type { Db } from "~/db.server";

import { refusal } from "~/ui/form-data";
import { clientAddress, hitRateLimit, type RateLimitRule } from "./rate-limit.server";

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
} satisfies Record<string, RateLimitRule>;

/**
 * Counts this attempt against every rule; when any is exceeded, returns the 429 answer to send
 * (a form message saying how many minutes to wait), otherwise null.
 */
export async function rateLimited(
  db: Db,
  request: Request,
  checks: { key: string; rule: RateLimitRule }[],
  values: Record<string, unknown>,
) {
  let waitSeconds = 0;
  for (const { key, rule } of checks) {
    const result = await hitRateLimit(db, `${key}:${clientAddress(request)}`, rule);
    if (!result.allowed) waitSeconds = Math.max(waitSeconds, result.retryAfterSeconds);
  }
  if (!waitSeconds) return null;
  const minutes = Math.ceil(waitSeconds / 60);
  return data(refusal({}, values, "auth:rateLimited", { count: minutes }), {
    status: 429,
    headers: { "Retry-After": String(waitSeconds) },
  });
}

