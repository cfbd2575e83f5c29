import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { db } from "~/db.server";
import { contactEmail } from "~/accessibility/statement";
import { can, isPosting, PERMISSIONS, type Permission } from "./permissions";
import { sessionUser, type SessionUser } from "./session.server";
import { secondFactorMissing } from "./two-factor.server";

/** What every loader and action receives; the guards need only the request and the load context. */
export interface RequestArgs {
  request: Request;
  context: AppLoadContext;
}

export function currentUser({ request, context }: RequestArgs): Promise<SessionUser | null> {
  return sessionUser(db(), request, context);
}

/** Where to come back to after logging in: the path of this request (never another site). */
function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(args: RequestArgs): Promise<SessionUser> {
  const user = await currentUser(args);
  if (!user) throw loginRedirect(args.request);
  return user;
}

/**
 * The one server-side permission check: a visitor is sent to the login page, a logged-in user
 * without the permission gets 403 (rendered by the error boundary in their language), and staff
 * without a second factor are sent to set one up.
 */
export async function requirePermission(args: RequestArgs, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(args);
  assertPermission(user, permission);
  // Staff powers only with a second factor: until it is set up, staff are sent to set it up.
  if (PERMISSIONS[permission] !== "RESIDENT" && (await secondFactorMissing(db(), user))) throw redirect("/account/two-factor?required=1");
  return user;
}

/**
 * For a handler that lets anyone in but some of its forms need a permission: a 403 unless `user`
 * holds it — for a blocked account's posting, the page that tells it why (`blockedPage`).
 */
export function assertPermission(user: SessionUser, permission: Permission): void {
  if (!can(user, permission)) throw user.blocked && isPosting(permission) ? blockedPage(user) : new Response("Forbidden", { status: 403 });
}

/**
 * The 403 a blocked account gets when it tries to post: it says the account is blocked, the reason
 * staff gave, and whom to write to (CONTACT_EMAIL; without one, the city's participation staff).
 */
export function blockedPage(user: SessionUser) {
  const contact = contactEmail();
  const values = { reason: user.blockedReason ?? "", ...(contact ? { contact } : {}) };
  // The shape of app/http/refusal-page.ts, which the error page reads.
  return data({ messageKey: contact ? "errors:blocked.withContact" : "errors:blocked.noContact", messageValues: values }, { status: 403 });
}

/**
 * A safe local path to return to: "/something" on this site. Anything a browser could read as
 * another host ("//host", "/\\host", a tab or newline that browsers strip) falls back.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const base = "http://wijkbudget.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || value.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
