import type { Db } from "~/db.server";
import { refusedAnswer } from "~/http/answer.server";
import { clientAddress, hitRateLimit, tooManyAttempts, type RateLimitRule } from "./rate-limit.server";

/** A rate-limit key for the client's address. */
export function perAddress(request: Request, action: string): string {
  return `${action}:address:${clientAddress(request)}`;
}

/** The 429 answer: a form message saying how many minutes to wait, and Retry-After. */
export function rateLimitAnswer(retryAfterSeconds: number, values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return refusedAnswer(tooManyAttempts(retryAfterSeconds), { values, extra });
}

/**
 * Counts this attempt against every rule (whatever its outcome); when any is exceeded, returns the
 * 429 answer to send, otherwise null. Keys name what they limit: `perAddress(request, "reset")` for
 * the client, `reset:account:<email>` for an account (from any address). Limits that count only
 * failures use `limitFailures` instead.
 */
export async function rateLimited(
  db: Db,
  checks: { key: string; rule: RateLimitRule }[],
  values: Record<string, unknown>,
  /** Added to the answer, e.g. the `intent` of the form on a page with several. */
  extra: Record<string, unknown> = {},
) {
  let waitSeconds = 0;
  for (const { key, rule } of checks) {
    const result = await hitRateLimit(db, key, rule);
    if (!result.allowed) waitSeconds = Math.max(waitSeconds, result.retryAfterSeconds);
  }
  return waitSeconds ? rateLimitAnswer(waitSeconds, values, extra) : null;
}
