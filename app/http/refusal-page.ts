import { data } from "@remix-run/node";

/**
 * For a loader that must refuse with a reason the reader should see ("the review is closed"):
 * throw this, and the error page shows the translated message under the status's title.
 */
export function refusalPage(status: 400 | 403 | 404 | 409 | 410, messageKey: string, messageValues?: Record<string, string>) {
  return data(messageValues ? { messageKey, messageValues } : { messageKey }, { status });
}

export function refusalMessageKey(errorData: unknown): string | null {
  if (typeof errorData !== "object" || errorData === null) return null;
  const key = (errorData as { messageKey?: unknown }).messageKey;
  return typeof key === "string" && key.length <= 100 ? key : null;
}

/** The placeholders of the message (`refusalPage`'s `messageValues`): strings only, anything else is dropped. */
export function refusalMessageValues(errorData: unknown): Record<string, string> {
  if (typeof errorData !== "object" || errorData === null) return {};
  const values = (errorData as { messageValues?: unknown }).messageValues;
  if (typeof values !== "object" || values === null) return {};
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
