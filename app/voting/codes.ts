// Voting codes and receipts: random, easy to type (no 0/O, 1/I/L, 2/Z, 5/S or 8/B to confuse), grouped
// by four. 12 characters from 26 give about 56 bits: guessing one code among 100,000 issued takes
// ~10^12 tries, far beyond what the per-address rate limit allows.
import { hashToken } from "~/kernel/tokens";

export const CODE_ALPHABET = "34679ABCDEFGHJKMNPQRTUVWXY";
const CODE_LENGTH = 12;
const RECEIPT_LENGTH = 10;

function randomString(length: number): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let result = "";
  while (result.length < length) {
    const bytes = new Uint8Array(length * 2);
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < limit && result.length < length) result += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return result;
}

/** "AB3D-EF4G-HJ6K" */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export function generateCode(): string {
  return formatCode(randomString(CODE_LENGTH));
}

export function generateReceipt(): string {
  return formatCode(randomString(RECEIPT_LENGTH));
}

/** What a voter typed → the canonical code: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-_.]/g, "");
}

export function looksLikeCode(normalised: string, length = CODE_LENGTH): boolean {
  return normalised.length === length && [...normalised].every((char) => CODE_ALPHABET.includes(char));
}

export function hashCode(typed: string): string {
  return hashToken(`code:${normaliseCode(typed)}`);
}

export function hashReceipt(typed: string): string {
  return hashToken(`receipt:${normaliseCode(typed)}`);
}

export const RECEIPT_CODE_LENGTH = RECEIPT_LENGTH;

/**
 * A batch of codes as CSV (serial;code;link) for a print shop's mail merge. Serials, codes and
 * links hold no ; " or formula characters, so plain cells are safe.
 */
export function codesCsv(codes: readonly { serial: number; code: string }[], ballotUrl: string): string {
  return ["serial;code;link", ...codes.map((entry) => `${entry.serial};${entry.code};${ballotUrl}?code=${entry.code}`)].join("\r\n") + "\r\n";
}
