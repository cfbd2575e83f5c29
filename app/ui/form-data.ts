import type { z } from "zod";

/**
 * FormData → a plain object, reading dotted names as nesting the way react-hook-form writes them:
 * "translations.nl.title" → { translations: { nl: { title } } }, "lines.0.amount" → { lines: [{ amount }] }.
 * Files are left out (uploads are read separately).
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const path = name.split(".");
    let node: Record<string, unknown> = result;
    path.forEach((segment, index) => {
      if (segment === "__proto__" || segment === "constructor" || segment === "prototype") return;
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1] ?? "");
      node[segment] ??= nextIsIndex ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
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

/** The body of a refused form: errors, and the typed values (secrets left out) to fill the form again. */
export function refusal(errors: FieldErrors, values: Record<string, unknown> = {}, formError?: string, formErrorValues?: Record<string, string | number>) {
  const safeValues = Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELDS.test(name)));
  return { errors, values: safeValues, ...(formError ? { formError } : {}), ...(formErrorValues ? { formErrorValues } : {}) };
}
