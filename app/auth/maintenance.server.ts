import type { Db } from "~/db.server";
import { keptSince } from "~/privacy/retention";

/**
 * Deletes rows that no longer mean anything: expired sessions, emailed links that expired or were
 * used a day ago, rate-limit windows that closed a day ago (their keys may be any address or email an
 * attacker sent, so they must not pile up), and browsers whose cookie has expired.
 */
export async function pruneExpired(db: Db, now = new Date()): Promise<{ sessions: number; emailTokens: number; rateLimits: number; knownDevices: number }> {
  const linksGone = keptSince("emailLinks", now);
  const [sessions, emailTokens, rateLimits, knownDevices] = await Promise.all([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.emailToken.deleteMany({ where: { OR: [{ expiresAt: { lte: linksGone } }, { usedAt: { lte: linksGone } }] } }),
    db.rateLimit.deleteMany({ where: { windowStart: { lte: keptSince("rateLimits", now) } } }),
    db.knownDevice.deleteMany({ where: { createdAt: { lte: keptSince("knownDevices", now) } } }),
  ]);
  return { sessions: sessions.count, emailTokens: emailTokens.count, rateLimits: rateLimits.count, knownDevices: knownDevices.count };
}
