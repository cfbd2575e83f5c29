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

/**
 * Fields typed in a textarea (any segment of the dotted name): there TAB and line breaks belong to
 * the text. A test checks every TextAreaField's name against this list.
 */
const MULTILINE_SEGMENTS = new Set([
  "description",
  "summary",
  "accessibility",
  "note",
  "body",
  "carrierNames",
  "rationale",
  "reason",
  "comment",
  "text",
  "explanations",
  // The round set-up's themes (one per line) and a neighbourhood's pasted GeoJSON boundary.
  "themes",
  "boundary",
]);

export function isMultilineField(name: string): boolean {
  return name.split(".").some((segment) => MULTILINE_SEGMENTS.has(segment));
}

/** C0 and C1 control characters; TAB, LF and CR are allowed in multi-line fields only. */
// eslint-disable-next-line no-control-regex -- control characters are what the text boundary refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_CONTROL = /[\t\n\r]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The one check of typed text, for every form: control characters (Unicode Cc) and unpaired
 * surrogates are refused — PostgreSQL cannot store a NUL, and none of them is text anyone typed —
 * except TAB and line breaks in multi-line fields, where CRLF becomes LF. Format characters (LRM,
 * RLM, ZWJ, ZWNJ, isolates) stay: Arabic and mixed-direction text needs them.
 */
export function cleanText(name: string, value: string): { ok: true; value: string } | { ok: false } {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return { ok: false };
  if (isMultilineField(name)) return { ok: true, value: value.replace(/\r\n?/g, "\n") };
  return LINE_CONTROL.test(value) ? { ok: false } : { ok: true, value };
}

/** Text with no control character at all: what an id, a slug or a query parameter may be. */
export function isSingleLineText(value: string): boolean {
  return cleanText("", value).ok;
}

/** Hidden fields nobody types (where to go after logging in): an unusable value is dropped, like a bad query filter. */
const NOT_TYPED = new Set(["redirectTo"]);

const refusedText = new WeakMap<FormData, FieldErrors>();

/**
 * A copy of a posted form with its text cleaned: refused values are left out (so an id read straight
 * from the form is simply missing), and parseFormData reports them as field errors.
 */
export function cleanFormData(formData: FormData): FormData {
  const cleaned = new FormData();
  const errors: FieldErrors = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") {
      cleaned.append(name, value);
      continue;
    }
    const text = cleanText(name, value);
    if (text.ok) cleaned.append(name, text.value);
    else if (!NOT_TYPED.has(name)) errors[name] ??= "validation.controlCharacters";
  }
  if (Object.keys(errors).length) refusedText.set(cleaned, errors);
  return cleaned;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

export function parseFormData<S extends z.ZodType>(schema: S, formData: FormData): ParseResult<z.output<S>> {
  const values = formDataToObject(formData);
  const refused = refusedText.get(formData);
  const parsed = schema.safeParse(values);
  if (parsed.success && !refused) return { ok: true, data: parsed.data };
  return { ok: false, errors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...refused }, values };
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
