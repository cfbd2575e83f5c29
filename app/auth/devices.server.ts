import type { Db } from "~/db.server";
import { readCookie } from "~/i18n/config";
import { cookieIsSecure } from "./session.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import { keptFor } from "~/privacy/retention";

/**
 * A browser that signed in to an account before carries a random token (the database keeps only
 * its SHA-256). Such a browser is exempt from the per-account login limit, so failures an attacker
 * spreads over many addresses cannot lock the owner out. A password change or reset forgets them.
 */
export const DEVICE_COOKIE = "wb_device";
/** The cookie lives as long as the browser's record is kept (app/privacy/retention.ts), counted from when it was first remembered. */
const DEVICE_LIFETIME_S = keptFor("knownDevices") / 1000;

export function deviceTokenFrom(request: Request): string | null {
  const token = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

export function deviceCookie(token: string): string {
  return [`${DEVICE_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${DEVICE_LIFETIME_S}`, ...(cookieIsSecure() ? ["Secure"] : [])].join(
    "; ",
  );
}

export type KnownDevice = { trustedUntil: Date | null };

/** This browser's record for the account with this email address; null when its token is not one that account was given. */
export async function knownDevice(db: Db, email: string, token: string | null): Promise<KnownDevice | null> {
  if (!token) return null;
  const device = await db.knownDevice.findUnique({ where: { id: hashToken(token) }, select: { trustedUntil: true, user: { select: { email: true } } } });
  return device?.user.email === email ? { trustedUntil: device.trustedUntil } : null;
}

/** Remembers this browser for the account; returns the token for its cookie. */
export async function rememberDevice(db: Db, userId: string): Promise<string> {
  const token = generateToken();
  await db.knownDevice.create({ data: { id: hashToken(token), userId } });
  return token;
}

export async function forgetDevices(db: Db, userId: string): Promise<void> {
  await db.knownDevice.deleteMany({ where: { userId } });
}
