import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { acceptedTotpStep, generateRecoveryCodes, normaliseRecoveryCode, totpCodeAt, totpStep } from "~/auth/totp";

// RFC 6238, appendix B: the SHA-1 key "12345678901234567890" (8-digit codes; apps show the last 6).
const RFC_KEY = encodeHexLowerCase(new TextEncoder().encode("12345678901234567890"));

describe("time-based one-time codes", () => {
  it("match RFC 6238's test vectors", () => {
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(59_000)))).toBe("287082");
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(1_111_111_109_000)))).toBe("081804");
    expect(totpCodeAt(RFC_KEY, totpStep(new Date(1_234_567_890_000)))).toBe("005924");
  });

  it("accept the current step and one either side, once, and nothing further away", () => {
    const now = new Date("2026-12-06T12:00:10Z");
    const step = totpStep(now);
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step), 0, now)).toBe(step);
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step - 1), 0, now)).toBe(step - 1);
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step + 1), 0, now)).toBe(step + 1);
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step - 2), 0, now)).toBeNull();
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step + 2), 0, now)).toBeNull();
    // A code whose step was already used (or an earlier one) is a replay.
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step), step, now)).toBeNull();
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, step - 1), step, now)).toBeNull();
    // Spaces as some apps show them are fine; anything but six digits is not a code.
    const spaced = totpCodeAt(RFC_KEY, step).replace(/^(\d{3})/, "$1 ");
    expect(acceptedTotpStep(RFC_KEY, spaced, 0, now)).toBe(step);
    expect(acceptedTotpStep(RFC_KEY, "12345", 0, now)).toBeNull();
    expect(acceptedTotpStep(RFC_KEY, "abcdef", 0, now)).toBeNull();
  });

  it("give ten different recovery codes that survive retyping", () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(normaliseRecoveryCode(` ${codes[0]!.toUpperCase().replace(/-/g, " ")} `)).toBe(codes[0]!.replace(/-/g, ""));
  });
});
