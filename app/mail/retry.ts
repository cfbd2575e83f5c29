/** Retries wait twice as long as the one before, up to an hour. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** How long to wait after the `attempts`-th failed attempt: `firstDelayMs`, then doubling. */
export function retryDelay(attempts: number, firstDelayMs: number): number {
  return Math.min(firstDelayMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/** An SMTP refusal that no retry changes (5xx: no such mailbox, rejected as spam); 4xx and lost connections pass. */
export function isPermanentFailure(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "responseCode" in error ? Number(error.responseCode) : NaN;
  return code >= 500 && code < 600;
}
