// The receipt of a vote just cast, carried from the cast's answer to the page it redirects to
// (Post/Redirect/Get, docs/decisions/0041): a cookie naming its round, read once by that round's ballot
// page. Its path is all of /vote: the page's data comes from /vote/<round>.data when JavaScript runs.
// It lives in the voter's browser alone, so it ties no one to a ballot (docs/decisions/0010).
import { cookieIsSecure } from "~/auth/session.server";
import { readCookie } from "~/i18n/config";
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
  const value = readCookie(request.headers.get("Cookie"), RECEIPT_COOKIE);
  const dot = value?.lastIndexOf(".") ?? -1;
  if (!value || dot === -1 || value.slice(0, dot) !== roundId) return undefined;
  const receipt = normaliseCode(value.slice(dot + 1));
  return looksLikeCode(receipt, RECEIPT_CODE_LENGTH) ? formatCode(receipt) : undefined;
}
