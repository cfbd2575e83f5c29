import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A random token (160 bits) for a cookie or an emailed link; only its hash is ever stored. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Our tokens are 32 characters and the hashes that name invitations 64: a much longer value names
 * nothing, so it is refused before it is hashed or looked up.
 */
export const MAX_TOKEN_LENGTH = 100;

export function isPlausibleToken(value: string | undefined): value is string {
  return !!value && value.length <= MAX_TOKEN_LENGTH;
}

/** The token (or token hash) a form posted under `name`, or "" (which names nothing) when missing or too long. */
export function postedToken(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" && isPlausibleToken(value) ? value : "";
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
