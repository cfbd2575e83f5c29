// Two-factor sign-in (docs/decisions/0015-two-factor.md): required for staff and admins, optional
// for residents. The password opens a pending session; a code from the authenticator app (or a
// recovery code) turns it into a real one.
import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db.server";
import { knownDevice, type KnownDevice } from "./devices.server";
import { hasRole } from "./permissions";
import { fieldRefused, type Result } from "~/kernel/result";
import { limitFailures, RATE_LIMITS, tooManyAttempts } from "./rate-limit.server";
import { createSession, invalidateSession, type SessionUser } from "./session.server";
import { hashToken } from "~/kernel/tokens";
import { acceptedTotpStep, generateRecoveryCodes, generateTotpKey, normaliseRecoveryCode, totpKeyUri, typeableKey } from "./totp";

const DAY_MS = 24 * 60 * 60 * 1000;
export const REMEMBER_BROWSER_MS = 30 * DAY_MS;
const ISSUER = "Wijkbudget";

/**
 * Staff and admins publish results, see voters' addresses and take voting codes: they may use
 * those powers only with a second factor. Demo accounts are exempt — their password is public in
 * the README, so a second factor would protect nothing (they never exist in production).
 */
export async function secondFactorMissing(db: Db, user: SessionUser): Promise<boolean> {
  if (!hasRole(user.role, "STAFF")) return false;
  const row = await db.user.findUnique({ where: { id: user.id }, select: { totpEnabledAt: true, isDemo: true } });
  return !!row && !row.totpEnabledAt && !row.isDemo;
}

/** Whether the account asks for a code at sign-in from this browser (not one remembered for 30 days). */
export function asksSecondFactor(user: { totpEnabledAt: Date | null }, device: KnownDevice | null, now = new Date()): boolean {
  return !!user.totpEnabledAt && !(device?.trustedUntil && device.trustedUntil > now);
}

export type Enrolment = { keyUri: string; typeableKey: string; enabled: boolean };

/** The account's enrolment state; starting gives the account a new key (a half-done enrolment restarts). */
export async function enrolment(db: Db, userId: string, start: boolean): Promise<Enrolment | null> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpKey: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) return { keyUri: "", typeableKey: "", enabled: true };
  let key = user.totpKey;
  if (start) {
    key = generateTotpKey();
    await db.user.update({ where: { id: userId }, data: { totpKey: key, totpLastStep: 0 } });
  }
  return key ? { keyUri: totpKeyUri(ISSUER, user.email, key), typeableKey: typeableKey(key), enabled: false } : null;
}

/** Wrong codes and recovery codes count together, per account and per address. */
const secondFactorLimits = (userId: string, address: string) => [
  { key: `second-factor:account:${userId}`, rule: RATE_LIMITS.secondFactorFailuresPerAccount },
  { key: `second-factor:address:${address}`, rule: RATE_LIMITS.secondFactorFailuresPerAddress },
];

/** Checks a code against the account's key under the failure limits; records its step when right. */
async function checkTotp(db: Db, userId: string, code: string, address: string, now: Date) {
  return limitFailures(
    db,
    secondFactorLimits(userId, address),
    async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpKey: true, totpLastStep: true } });
      const step = user.totpKey ? acceptedTotpStep(user.totpKey, code, user.totpLastStep, now) : null;
      if (step === null) return { failed: true, value: false };
      await tx.user.update({ where: { id: userId }, data: { totpLastStep: step } });
      return { failed: false, value: true };
    },
    now,
  );
}

/**
 * Confirms enrolment with a code from the app; answers the ten recovery codes, shown once (only
 * their hashes are kept).
 */
export async function confirmEnrolment(
  db: Db,
  user: SessionUser,
  code: string,
  address: string,
  now = new Date(),
): Promise<Result<{ recoveryCodes: string[] }>> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpKey: true, totpEnabledAt: true } });
  if (row.totpEnabledAt) return fieldRefused("code", "auth:twoFactor.alreadyOn", 409);
  if (!row.totpKey) return fieldRefused("code", "auth:twoFactor.notStarted", 409);
  const checked = await checkTotp(db, user.id, code, address, now);
  if (checked.limited) return tooManyAttempts(checked.retryAfterSeconds);
  if (!checked.value) return fieldRefused("code", "auth:twoFactor.wrongCode");
  const codes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: now } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: codes.map((code) => ({ id: hashToken(normaliseRecoveryCode(code)), userId: user.id })) });
    await recordAudit(tx, { actorId: user.id, action: "user.second-factor-on", entityId: user.id });
  });
  return { ok: true, recoveryCodes: codes };
}

/** Uses a recovery code once: true when it was one of the account's unused codes. */
async function spendRecoveryCode(db: Db, userId: string, typed: string, address: string, now: Date) {
  return limitFailures(
    db,
    secondFactorLimits(userId, address),
    async (tx) => {
      const used = await tx.recoveryCode.deleteMany({ where: { id: hashToken(normaliseRecoveryCode(typed)), userId } });
      return { failed: used.count !== 1, value: used.count === 1 };
    },
    now,
  );
}

/**
 * Finishes a sign-in waiting for its second factor: a right code (or an unused recovery code)
 * replaces the pending session with a real one; "remember" spares this browser the code for 30 days.
 */
export async function completeSignIn(
  db: Db,
  pending: { token: string; user: SessionUser },
  input: { code: string; recoveryCode: string; remember: boolean; deviceToken: string | null; address: string },
  now = new Date(),
): Promise<Result<{ session: { token: string; expiresAt: Date } }>> {
  const byRecovery = input.recoveryCode.trim() !== "";
  const checked = byRecovery
    ? await spendRecoveryCode(db, pending.user.id, input.recoveryCode, input.address, now)
    : await checkTotp(db, pending.user.id, input.code, input.address, now);
  if (checked.limited) return tooManyAttempts(checked.retryAfterSeconds);
  if (!checked.value) return byRecovery ? fieldRefused("recoveryCode", "auth:twoFactor.wrongRecoveryCode") : fieldRefused("code", "auth:twoFactor.wrongCode");
  if (input.remember && input.deviceToken && (await knownDevice(db, pending.user.email, input.deviceToken))) {
    await db.knownDevice.update({ where: { id: hashToken(input.deviceToken) }, data: { trustedUntil: new Date(now.getTime() + REMEMBER_BROWSER_MS) } });
  }
  // A fresh token for the full session: the pending one never becomes more than it was.
  await invalidateSession(db, pending.token);
  return { ok: true, session: await createSession(db, pending.user.id, now) };
}

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  return !!(await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } }))?.totpEnabledAt;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId } });
}

/**
 * An admin takes away another account's second factor (lost phone and recovery codes): the owner
 * enrols again at the next sign-in; remembered browsers and sessions end. Audited.
 */
export async function resetSecondFactor(db: Db, admin: SessionUser, email: string): Promise<Result> {
  const target = await db.user.findUnique({ where: { email }, select: { id: true, totpEnabledAt: true, totpKey: true } });
  if (!target) return fieldRefused("email", "auth:twoFactor.reset.unknown", 404);
  if (target.id === admin.id) return fieldRefused("email", "auth:twoFactor.reset.notYourself", 409);
  if (!target.totpEnabledAt && !target.totpKey) return fieldRefused("email", "auth:twoFactor.reset.nothingToReset", 409);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { totpKey: null, totpEnabledAt: null, totpLastStep: 0 } });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    await tx.knownDevice.deleteMany({ where: { userId: target.id } });
    await tx.session.deleteMany({ where: { userId: target.id } });
    await recordAudit(tx, { actorId: admin.id, action: "user.second-factor-reset", entityId: target.id });
  });
  return { ok: true };
}
