// The receipt of a vote just cast, carried from the cast's answer to the page it redirects to
// (Post/Redirect/Get, docs/decisions/0041): a cookie naming its round, read once by that round's ballot
// page. Its path is all of /vote: the page's data comes from /vote/<round>.data when JavaScript runs.
// It lives in the voter's browser alone, so it ties no one to a ballot (docs/decisions/0010).
import { cookieIsSecure } from "~/auth/session.server";
import { formatCode, looksLikeCode, normaliseCode, RECEIPT_CODE_LENGTH } from "./codes";

export const RECEIPT_COOKIE = "wb_receipt";
/** Long enough for a slow redirect; a community centre's next voter must not find it. */
const RECEIPT_COOKIE_SECONDS = 120;

const attributes = (maxAge: number) => ["Path=/vote", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(cookieIsSecure() ? ["Secure"] : [])].join("; ");

/** Set on the cast's redirect: the receipt, for the ballot page of `roundId`. */
export function receiptCookie(roundId: string, receipt: string): string {
  return `${RECEIPT_COOKIE}=${encodeURIComponent(roundId)}.${normaliseCode(receipt)}; ${attributes(RECEIPT_COOKIE_SECONDS)}`;
}

/** Sent with the page that shows the receipt: it is shown once, never again from this cookie. */
export function receiptCookieCleared(): string {
  return `${RECEIPT_COOKIE}=; ${attributes(0)}`;
}

/** The receipt of a vote in `roundId` the request's cookie carries, formatted as the voter keeps it; undefined when none. */
export function receiptFromCookie(request: Request, roundId: string): string | undefined {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at === -1 || part.slice(0, at).trim() !== RECEIPT_COOKIE) continue;
    const value = part.slice(at + 1).trim();
    const dot = value.lastIndexOf(".");
    if (dot === -1 || value.slice(0, dot) !== encodeURIComponent(roundId)) continue;
    const receipt = normaliseCode(value.slice(dot + 1));
    if (looksLikeCode(receipt, RECEIPT_CODE_LENGTH)) return formatCode(receipt);
  }
  return undefined;
}
