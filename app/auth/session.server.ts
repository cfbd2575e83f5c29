import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "~/db.server";
import { readCookie } from "~/i18n/config";
import { generateToken, hashToken } from "~/kernel/tokens";
import { DAY_MS, keptFor } from "~/privacy/retention";

export const SESSION_COOKIE = "wb_session";
/** A session lives 30 days after its last use: used in its second half, it is extended (sliding expiry). */
export const SESSION_LIFETIME_MS = keptFor("sessions");
const REFRESH_WHEN_LEFT_MS = 15 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "RESIDENT" | "STAFF" | "ADMIN";
  locale: string | null;
  /** Staff blocked the account: it may not post (permissions.ts), and is told why. Always set for a session's user. */
  blocked?: boolean;
  blockedReason?: string | null;
  /** In-app notifications not yet read (the header's count), read with the session: no query of its own. */
  unreadNotifications?: number;
}

/** What a session reads of its user: enough to answer every permission check without another query. */
const SESSION_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  blockedAt: true,
  blockedReason: true,
  deactivatedAt: true,
  unreadNotifications: true,
} as const;

function toSessionUser(row: {
  id: string;
  email: string;
  name: string;
  role: SessionUser["role"];
  locale: string | null;
  blockedAt: Date | null;
  blockedReason: string | null;
  unreadNotifications: number;
}): SessionUser {
  const blocked = row.blockedAt !== null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    blocked,
    blockedReason: blocked ? row.blockedReason : null,
    unreadNotifications: row.unreadNotifications,
  };
}

export function cookieIsSecure(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.COOKIE_SECURE === "0") return false;
  if (env.COOKIE_SECURE === "1") return true;
  return env.NODE_ENV === "production";
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(cookieIsSecure() ? ["Secure"] : [])].join("; ");
}

export function clearedSessionCookie(): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(cookieIsSecure() ? ["Secure"] : [])].join("; ");
}

/** A pending session waits for the second factor: it lives minutes, not days, and grants nothing else. */
const PENDING_SESSION_LIFETIME_MS = 10 * 60 * 1000;

export async function createSession(
  db: Db,
  userId: string,
  now = new Date(),
  options: { secondFactorPending?: boolean } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + (options.secondFactorPending ? PENDING_SESSION_LIFETIME_MS : SESSION_LIFETIME_MS));
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt, secondFactorPending: options.secondFactorPending ?? false } });
  return { token, expiresAt };
}

export type SessionValidation = { user: SessionUser; expiresAt: Date; refreshed: boolean } | { user: null; waitingForSecondFactor?: SessionUser };

/**
 * Looks the token's hash up; deletes an expired session; extends one used in its second half. A
 * session still waiting for its second factor gives no user, only who it waits for.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionValidation> {
  const id = hashToken(token);
  const session = await db.session.findUnique({
    where: { id },
    select: { expiresAt: true, secondFactorPending: true, user: { select: SESSION_USER_SELECT } },
  });
  if (!session) return { user: null };
  // A deactivated account's sessions end with it (deactivation deletes them; this covers a session made meanwhile).
  if (session.expiresAt.getTime() <= now.getTime() || session.user.deactivatedAt) {
    await db.session.deleteMany({ where: { id } });
    return { user: null };
  }
  const user = toSessionUser(session.user);
  if (session.secondFactorPending) return { user: null, waitingForSecondFactor: user };
  if (session.expiresAt.getTime() - now.getTime() < REFRESH_WHEN_LEFT_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.session.update({ where: { id }, data: { expiresAt } });
    return { user, expiresAt, refreshed: true };
  }
  return { user, expiresAt: session.expiresAt, refreshed: false };
}

export async function invalidateSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export async function invalidateUserSessions(db: Pick<Db, "session">, userId: string, exceptToken?: string): Promise<void> {
  await db.session.deleteMany({
    where: { userId, ...(exceptToken ? { id: { not: hashToken(exceptToken) } } : {}) },
  });
}

export function sessionTokenFrom(request: Request): string | null {
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

/**
 * The logged-in user of this request, looked up once per request (the load context caches it).
 * A refreshed session's cookie is queued on the context; entry.server sends it with the response.
 */
export function sessionUser(db: Db, request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  context.sessionUser ??= (async () => {
    const token = sessionTokenFrom(request);
    if (!token) return null;
    const result = await validateSessionToken(db, token);
    if (!result.user) {
      // A session waiting for its second factor keeps its cookie for the code page.
      if (!result.waitingForSecondFactor) context.responseCookies.push(clearedSessionCookie());
      return null;
    }
    if (result.refreshed) context.responseCookies.push(sessionCookie(token, result.expiresAt));
    return result.user;
  })();
  return context.sessionUser;
}

/** The sign-in this browser started that waits for its second factor, if any. */
export async function pendingSignIn(db: Db, request: Request): Promise<{ token: string; user: SessionUser } | null> {
  const token = sessionTokenFrom(request);
  if (!token) return null;
  const result = await validateSessionToken(db, token);
  return result.user === null && result.waitingForSecondFactor ? { token, user: result.waitingForSecondFactor } : null;
}

/** After the user's own record changed in this request (name, language), look it up again. */
export function forgetSessionUser(context: AppLoadContext): void {
  context.sessionUser = undefined;
}
