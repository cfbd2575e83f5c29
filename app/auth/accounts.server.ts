import type { Db, Tx } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { isLocale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { queueMail } from "~/mail/outbox.server";
import { forgetDevices, knownDevice, rememberDevice } from "./devices.server";
import { asksSecondFactor } from "./two-factor.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { fieldRefused, refused, type Result } from "~/kernel/result";
import { failuresCounted, hitRateLimit, limitFailures, RATE_LIMITS, tooManyAttempts } from "./rate-limit.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { personSearchText } from "~/kernel/text";
import { generateToken, hashToken } from "~/kernel/tokens";

const HOUR_MS = 60 * 60 * 1000;
export const VERIFY_LINK_LIFETIME_MS = 48 * HOUR_MS;
export const RESET_LINK_LIFETIME_MS = 1 * HOUR_MS;

type Purpose = "VERIFY_EMAIL" | "RESET_PASSWORD";

async function issueEmailToken(db: Db | Tx, userId: string, purpose: Purpose, lifetimeMs: number): Promise<string> {
  const token = generateToken();
  // A new link replaces older unused ones of the same kind.
  await db.emailToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await db.emailToken.create({
    data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + lifetimeMs) },
  });
  return token;
}

/** Marks a valid, unused, unexpired token as used (once: concurrent uses cannot both succeed). */
async function consumeEmailToken(db: Db, token: string, purpose: Purpose): Promise<string | null> {
  const id = hashToken(token);
  const used = await db.emailToken.updateMany({
    where: { id, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return null;
  const row = await db.emailToken.findUnique({ where: { id }, select: { userId: true } });
  return row?.userId ?? null;
}

/** Queues the message in `db`, the transaction of the change it tells about (decision 0027). */
async function mailInLanguage(
  db: Db | Tx,
  to: string,
  locale: Locale,
  template: "verify" | "reset" | "alreadyRegistered" | "loginAlert",
  values: Record<string, string>,
): Promise<void> {
  const t = await fixedT(locale, "auth");
  await queueMail(db, {
    to,
    locale,
    subject: t(`email.${template}.subject`),
    text: t(`email.${template}.body`, values),
  });
}

function recipientLocale(saved: string | null, fallback: Locale): Locale {
  return isLocale(saved) ? saved : fallback;
}

/**
 * Registration answers the same whether or not the email has an account: a new account gets a
 * confirmation link, an existing owner gets a note (log in or reset the password).
 */
export async function register(db: Db, input: { name: string; email: string; password: string }, context: { locale: Locale; baseUrl: string }): Promise<void> {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  // Both paths hash a password and queue one message, so timing does not tell them apart (the
  // queued row is one insert either way, committed with what else the path writes: decision 0027).
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    await mailInLanguage(db, existing.email, recipientLocale(existing.locale, context.locale), "alreadyRegistered", {
      name: existing.name,
      loginLink: `${context.baseUrl}/login`,
      resetLink: `${context.baseUrl}/forgot-password`,
    });
    return;
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { name: input.name, email: input.email, passwordHash, locale: context.locale, searchText: personSearchText(input.name, input.email) },
    });
    await sendVerificationLink(tx, user, context);
  });
}

/** A new confirmation link and the message that carries it, in `tx`. */
async function sendVerificationLink(
  tx: Tx,
  user: { id: string; email: string; name: string; locale: string | null },
  context: { locale: Locale; baseUrl: string },
): Promise<void> {
  const token = await issueEmailToken(tx, user.id, "VERIFY_EMAIL", VERIFY_LINK_LIFETIME_MS);
  await mailInLanguage(tx, user.email, recipientLocale(user.locale, context.locale), "verify", {
    name: user.name,
    link: `${context.baseUrl}/verify-email/${token}`,
  });
}

/** Confirms the address of the link's account and logs it in. */
export async function verifyEmail(db: Db, token: string) {
  const userId = await consumeEmailToken(db, token, "VERIFY_EMAIL");
  if (!userId) return null;
  const { deactivatedAt } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { deactivatedAt: true } });
  if (deactivatedAt) return null;
  await db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  return createSession(db, userId);
}

export type LoginResult = Result<{ token: string; expiresAt: Date; locale: string | null; newDeviceToken: string | null; secondFactor: boolean }>;

/**
 * Checks the password under the failure limits (per address, per account and address, and — unless
 * this browser signed in to the account before — per account), then starts a session: one waiting
 * for the second factor when the account has one and this browser is not remembered. After many
 * failures on the account its owner is told, at most once a day.
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; address: string; deviceToken: string | null },
  context: { locale: Locale; baseUrl: string },
): Promise<LoginResult> {
  const { email, address } = input;
  const device = await knownDevice(db, email, input.deviceToken);
  const accountKey = `login:account:${email}`;
  const checked = await limitFailures(
    db,
    [
      { key: `login:address:${address}`, rule: RATE_LIMITS.loginFailuresPerAddress },
      { key: `login:account-address:${email}|${address}`, rule: RATE_LIMITS.loginFailuresPerAccountAndAddress },
      ...(device ? [] : [{ key: accountKey, rule: RATE_LIMITS.loginFailuresPerAccount }]),
    ],
    async (tx) => {
      const user = await tx.user.findUnique({ where: { email } });
      if (!user) {
        await verifyAgainstDummy(input.password);
        return { failed: true, value: null };
      }
      const valid = await verifyPassword(user.passwordHash, input.password);
      return { failed: !valid, value: valid ? user : null };
    },
  );
  if (checked.limited) return tooManyAttempts(checked.retryAfterSeconds);
  const user = checked.value;
  if (!user) {
    await alertOwnerOfFailures(db, email, accountKey, context);
    return refused(401, "auth:login.invalid");
  }
  // Only the password's owner learns that the account was deactivated (its owner left the city's staff).
  if (user.deactivatedAt) return refused(403, "auth:login.deactivated");
  if (!user.emailVerifiedAt) {
    // Only the password's owner learns this; a fresh link is on its way.
    await db.$transaction((tx) => sendVerificationLink(tx, user, context));
    return refused(403, "auth:login.unverified");
  }
  const secondFactor = asksSecondFactor(user, device);
  const session = await createSession(db, user.id, new Date(), { secondFactorPending: secondFactor });
  const newDeviceToken = device ? null : await rememberDevice(db, user.id);
  return { ok: true, ...session, locale: user.locale, newDeviceToken, secondFactor };
}

/** After LOGIN_ALERT_AFTER failures on an account within the hour, its owner gets one email a day. */
const LOGIN_ALERT_AFTER = 10;

async function alertOwnerOfFailures(db: Db, email: string, accountKey: string, context: { locale: Locale; baseUrl: string }) {
  if ((await failuresCounted(db, accountKey, RATE_LIMITS.loginFailuresPerAccount)) < LOGIN_ALERT_AFTER) return;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return;
  // The alert is queued after the limit's own transaction: should queuing fail, one alert is missed,
  // never sent twice.
  if (!(await hitRateLimit(db, `login-alert:account:${email}`, RATE_LIMITS.loginAlertPerAccount)).allowed) return;
  await mailInLanguage(db, user.email, recipientLocale(user.locale, context.locale), "loginAlert", {
    name: user.name,
    count: String(LOGIN_ALERT_AFTER),
    resetLink: `${context.baseUrl}/forgot-password`,
  });
}

/** Emails a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(db: Db, email: string, context: { locale: Locale; baseUrl: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { email } });
  // A deactivated account gets no link: it could not log in with the new password anyway.
  if (!user || user.deactivatedAt) {
    // A comparable write, so an unknown address answers in about the same time as a known one.
    await db.emailToken.deleteMany({ where: { id: hashToken(generateToken()) } });
    return;
  }
  // The link and its message commit together: one commit, about what the link alone cost before.
  await db.$transaction(async (tx) => {
    const token = await issueEmailToken(tx, user.id, "RESET_PASSWORD", RESET_LINK_LIFETIME_MS);
    await mailInLanguage(tx, user.email, recipientLocale(user.locale, context.locale), "reset", {
      name: user.name,
      link: `${context.baseUrl}/reset-password/${token}`,
    });
  });
}

/** Whether an emailed link can still be used, without using it. */
export async function emailLinkIsValid(db: Db, token: string, purpose: Purpose): Promise<boolean> {
  const row = await db.emailToken.findUnique({ where: { id: hashToken(token) } });
  return !!row && row.purpose === purpose && !row.usedAt && row.expiresAt > new Date();
}

export type VerifyLinkState = "valid" | "confirmed" | "invalid";

/**
 * What an email-confirmation link can still do: "valid" (its button confirms and logs in);
 * "confirmed" when it no longer works but there is nothing left to do — its account's address is
 * confirmed, or the person opening it is logged in with a confirmed address; otherwise "invalid".
 */
export async function verifyLinkState(db: Db, token: string, viewerId: string | null): Promise<VerifyLinkState> {
  const [row, viewer] = await Promise.all([
    db.emailToken.findUnique({ where: { id: hashToken(token) }, include: { user: { select: { emailVerifiedAt: true } } } }),
    viewerId ? db.user.findUnique({ where: { id: viewerId }, select: { emailVerifiedAt: true } }) : null,
  ]);
  const ofThisPurpose = row?.purpose === "VERIFY_EMAIL" ? row : null;
  if (ofThisPurpose && !ofThisPurpose.usedAt && ofThisPurpose.expiresAt > new Date()) return "valid";
  return ofThisPurpose?.user.emailVerifiedAt || viewer?.emailVerifiedAt ? "confirmed" : "invalid";
}

/**
 * Sets a new password from a reset link, ends every session of the account and opens a new one.
 * Opening the link also proves the address, so an unconfirmed account becomes confirmed.
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<Result<{ session: { token: string; expiresAt: Date } }>> {
  const userId = await consumeEmailToken(db, token, "RESET_PASSWORD");
  if (!userId) return refused(410, "auth:reset.invalid");
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.deactivatedAt) return refused(403, "auth:login.deactivated");
  const passwordHash = await hashPassword(password);
  await db.user.update({
    where: { id: userId },
    data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
  });
  await invalidateUserSessions(db, userId);
  await forgetDevices(db, userId);
  return { ok: true, session: await createSession(db, userId) };
}

/** Changes the password after checking the current one; other sessions of the account end. */
export async function changePassword(db: Db, userId: string, input: { currentPassword: string; password: string }, keepSessionToken: string): Promise<Result> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return fieldRefused("currentPassword", "auth:account.wrongPassword");
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.password) } });
  await db.emailToken.deleteMany({ where: { userId, purpose: "RESET_PASSWORD", usedAt: null } });
  await invalidateUserSessions(db, userId, keepSessionToken);
  await forgetDevices(db, userId);
  return { ok: true };
}

export async function updatePreferences(db: Db, userId: string, input: { name: string; locale: Locale }): Promise<void> {
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale, searchText: personSearchText(input.name, email) } });
}

export async function saveLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
