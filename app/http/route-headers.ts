import type { HeadersFunction } from "@remix-run/node";

/**
 * For routes whose action answers a plain (no-JavaScript) form post with headers of its own
 * (Retry-After, Set-Cookie): a document response only carries them through the route's `headers`.
 */
export const actionHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  actionHeaders.forEach((value, name) => {
    if (name.toLowerCase() === "set-cookie") headers.append(name, value);
    else headers.set(name, value);
  });
  return headers;
};
