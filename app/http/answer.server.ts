import { data } from "@remix-run/node";
import { formDataToObject, refusal, type FieldErrors } from "~/kernel/form-data";
import { isPlausibleId } from "~/kernel/ids";
import { fieldsRefused, type Refused } from "~/kernel/result";

/**
 * A capability's refusal as the action's answer: its status, and the body every form of ours reads
 * (`errors`, `formError`, the typed `values` to fill the form again; see `refusal`). `intent` tells a
 * page with several forms which one was refused; `extra` adds what else the page reads (the ballot's
 * stage); a 429 carries Retry-After.
 */
export function refusedAnswer(
  result: Refused,
  options: { intent?: string; values?: FormData | Record<string, unknown>; extra?: Record<string, unknown> } = {},
) {
  const values = options.values instanceof FormData ? formDataToObject(options.values) : (options.values ?? {});
  const body = refusal(result.errors ?? {}, values, result.formError, result.formErrorValues);
  const headers = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
  return data({ ...options.extra, ...(options.intent !== undefined ? { intent: options.intent } : {}), ...body }, { status: result.status, headers });
}

/** A form that did not pass its schema: 400 with the field errors and the typed values. */
export function invalidForm(parsed: { errors: FieldErrors; values: Record<string, unknown> }, intent?: string) {
  return refusedAnswer(fieldsRefused(parsed.errors), { intent, values: parsed.values });
}

/** The page's 404: thrown when what the URL names does not exist or is not the reader's to see. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** `value`, or a thrown 404 when there is none. */
export function notFoundUnless<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

/** The id a route parameter names (`$roundId`), or a thrown 404 when it is missing or cannot be an id. */
export function idParam(params: Record<string, string | undefined>, name: string): string {
  const value = params[name] ?? "";
  if (!isPlausibleId(value)) throw notFound();
  return value;
}
