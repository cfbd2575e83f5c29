// Time-based one-time passwords (RFC 6238) as authenticator apps make them: 6 digits, 30-second
// steps, HMAC-SHA1 over a 20-byte key. A code is accepted for the step before and after the
// current one (clocks drift) and only for a step later than the last one used, so a code someone
// watched being typed cannot be replayed.
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A fresh authenticator key, as hex for storage. */
export function generateTotpKey(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeHexLowerCase(key);
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpKeyUri(issuer: string, accountName: string, keyHex: string): string {
  return createTOTPKeyURI(issuer, accountName, decodeHex(keyHex), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as people type it into an app without a camera: base32 in groups of four. */
export function typeableKey(keyHex: string): string {
  return encodeBase32UpperCaseNoPadding(decodeHex(keyHex))
    .match(/.{1,4}/g)!
    .join(" ");
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an app shows for the key at a step (for tests and for checking). */
export function totpCodeAt(keyHex: string, step: number): string {
  return generateHOTP(decodeHex(keyHex), BigInt(step), TOTP_DIGITS);
}

/**
 * The step `typed` is the code of — the current one or one either side — if that step is later
 * than `lastUsedStep`; otherwise null.
 */
export function acceptedTotpStep(keyHex: string, typed: string, lastUsedStep: number, now: Date): number | null {
  const code = typed.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (const step of [current - 1, current, current + 1]) {
    if (step <= lastUsedStep) continue;
    if (constantTimeEqual(new TextEncoder().encode(totpCodeAt(keyHex, step)), new TextEncoder().encode(code))) return step;
  }
  return null;
}

/** Ten single-use recovery codes like "k3m9-q2xa-7hpd-b4nt" (80 bits each). */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes)
      .match(/.{1,4}/g)!
      .join("-");
  });
}

/** What someone typed → the canonical recovery code (lower case, no spaces or dashes). */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "");
}
