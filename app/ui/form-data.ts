import type { z } from "zod";

/** Bounds on what a posted form may build: no form of ours comes near them. */
const MAX_DEPTH = 4;
const MAX_INDEX = 99;
const MAX_FIELDS = 500;
const SAFE_SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$|^\d{1,2}$/;

/**
 * FormData → a plain object, reading dotted names as nesting the way react-hook-form writes them:
 * "translations.nl.title" → { translations: { nl: { title } } }, "lines.0.amount" → { lines: [{ amount }] }.
 * Files are left out (uploads are read separately). Names that are too deep, have large indexes,
 * odd characters, or clash with a value already read are ignored, so no post can build a huge object.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let fields = 0;
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || ++fields > MAX_FIELDS) continue;
    const path = name.split(".");
    if (path.length > MAX_DEPTH || !path.every((segment) => SAFE_SEGMENT.test(segment))) continue;
    if (path.some((segment) => /^\d+$/.test(segment) && Number(segment) > MAX_INDEX)) continue;
    let node: Record<string, unknown> = result;
    for (const [index, segment] of path.entries()) {
      if (index === path.length - 1) {
        if (typeof node === "object" && !(segment in node)) node[segment] = value;
        break;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1] ?? "");
      node[segment] ??= nextIsIndex ? [] : {};
      const child = node[segment];
      if (typeof child !== "object" || child === null || Array.isArray(child) !== nextIsIndex) break;
      node = child as Record<string, unknown>;
    }
  }
  return result;
}

/** Field name (dotted, as in the form) → the first error's message key. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.map(String).join(".") || "form";
    errors[name] ??= issue.message;
  }
  return errors;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

export function parseFormData<S extends z.ZodType>(schema: S, formData: FormData): ParseResult<z.output<S>> {
  const values = formDataToObject(formData);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error), values };
}

/** Field names whose typed value is never sent back to the browser. */
const SECRET_FIELDS = /password|token/i;
/** Longer typed values are not sent back either (no form field of ours takes that much). */
const MAX_ECHO_LENGTH = 10_000;

function echoable(value: unknown): unknown {
  if (typeof value === "string") return value.length <= MAX_ECHO_LENGTH ? value : undefined;
  if (Array.isArray(value)) return value.map(echoable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, echoable(inner)]));
  }
  return value;
}

/** The body of a refused form: errors, and the typed values (secrets left out) to fill the form again. */
export function refusal(errors: FieldErrors, values: Record<string, unknown> = {}, formError?: string, formErrorValues?: Record<string, string | number>) {
  const safeValues = Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => !SECRET_FIELDS.test(name))
      .map(([name, value]) => [name, echoable(value)]),
  );
  return { errors, values: safeValues, ...(formError ? { formError } : {}), ...(formErrorValues ? { formErrorValues } : {}) };
}
