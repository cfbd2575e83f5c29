import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormRegister, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { LOCALE_NAMES, LOCALES, NAMESPACES, type Locale } from "~/i18n/config";
import type { FieldErrors } from "~/kernel/form-data";

/**
 * A form of any schema, for the field components: react-hook-form's form type is invariant in its
 * values, so a form of one schema is not assignable to a form of another.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place; see above
export type AnyForm = UseFormReturn<any>;

/** What an action returns when input is refused: message keys per field, and what was typed. */
export interface FormFailure {
  errors: FieldErrors;
  values?: Record<string, unknown>;
  /** A message for the whole form (e.g. "wrong email or password"), as a translation key. */
  formError?: string;
  formErrorValues?: Record<string, string | number>;
}

export function isFormFailure(value: unknown): value is FormFailure {
  return typeof value === "object" && value !== null && "errors" in value;
}

/**
 * react-hook-form with the same zod schema as the action. Without JavaScript the form posts as
 * plain HTML and the action's errors show; with it, fields validate as the user types and a
 * valid form is submitted through Remix (so the server still validates everything).
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: {
    defaultValues?: Record<string, unknown>;
    intent?: string;
    /**
     * A stricter schema for the buttons whose value `strictFor` accepts (e.g. "submit" needs more than
     * "save draft"): a press of one validates with it, and the fields go on with it as they change.
     */
    strict?: { schema: z.ZodType<FieldValues, FieldValues>; strictFor: (button: string) => boolean };
  } = {},
) {
  const actionData = useActionData<unknown>();
  // On a page with several forms, each takes only the answer to its own intent.
  const ownAnswer =
    !options.intent || (typeof actionData === "object" && actionData !== null && (actionData as { intent?: unknown }).intent === options.intent);
  const failure = ownAnswer && isFormFailure(actionData) ? actionData : undefined;
  type Values = z.input<S> & FieldValues;
  const strictNow = useRef(false);
  const schemas = useRef({ schema, strict: options.strict });
  schemas.current = { schema, strict: options.strict };
  // One resolver for the form's life, reading the schema of the moment (react-hook-form keeps the first).
  const [resolver] = useState(
    () =>
      ((values, context, resolverOptions) => {
        const { schema: lenient, strict } = schemas.current;
        return (zodResolver(strictNow.current && strict ? strict.schema : lenient) as unknown as Resolver<Values>)(values, context, resolverOptions);
      }) as Resolver<Values>,
  );
  const form = useForm<Values>({
    // The resolver checks with the schema's output, but the form holds what was typed (its input).
    resolver,
    mode: "onTouched",
    defaultValues: (failure?.values ?? options.defaultValues) as DefaultValues<Values>,
  });
  keepWhatWasDoneBeforeHydration(form);
  const submit = useSubmit();

  useEffect(() => {
    // A task later, once every effect of this render has run and every watcher listens.
    const timer = setTimeout(() => tellFormOfEarlyInput(form), 0);
    return () => clearTimeout(timer);
  }, [form]);

  // Server-side errors (e.g. a rule only the server knows) appear on their fields too.
  useEffect(() => {
    for (const [name, message] of Object.entries(failure?.errors ?? {})) {
      form.setError(name as Path<Values>, { type: "server", message });
    }
  }, [failure, form]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | HTMLInputElement | null;
    const target = submitter ?? event.currentTarget;
    event.preventDefault();
    const { strict } = schemas.current;
    if (strict) strictNow.current = strict.strictFor(submitter?.value ?? "");
    void form.handleSubmit(() => submit(target))(event);
  };

  return { form, onSubmit, failure };
}

/** Per form, the fields whose early input the form has not been told of yet (see keepWhatWasDoneBeforeHydration). */
const earlyInput = new WeakMap<object, (() => void)[]>();
const seenFields = new WeakSet<Element>();

/**
 * What a resident typed, ticked or chose before the page's JavaScript ran must survive it:
 * react-hook-form, registering a field that has a default value, writes that default into it. The
 * first time a field is registered, a value differing from the one the server rendered is the
 * resident's: it is put back, and handed to the form as if just typed once tellFormOfEarlyInput runs.
 */
function keepWhatWasDoneBeforeHydration<F extends FieldValues>(form: UseFormReturn<F>): void {
  // useForm returns the same object on every render: wrap its register once.
  if (earlyInput.has(form)) return;
  const untold: (() => void)[] = [];
  earlyInput.set(form, untold);
  const register = form.register;
  form.register = ((name, options) => {
    const field = register(name, options);
    return {
      ...field,
      ref: (element: Element | null) => {
        const early = element && !seenFields.has(element) ? inputBeforeHydration(element) : null;
        if (element) seenFields.add(element);
        field.ref(element);
        if (element && early) {
          early.restore();
          untold.push(() => void field.onChange({ target: element, type: "change" }));
        }
      },
    };
  }) as UseFormRegister<F>;
}

/**
 * Hands the form what was typed before hydration, as changes. Not while the fields register: the
 * form's watchers (a live total) subscribe in their effects, after that, and would miss it.
 */
function tellFormOfEarlyInput(form: object): void {
  for (const tell of earlyInput.get(form)?.splice(0) ?? []) tell();
}

/** How to put back what the user did to a server-rendered field, or null when they left it as rendered. */
function inputBeforeHydration(element: Element): { restore(): void } | null {
  if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) {
    const checked = element.checked;
    return checked === element.defaultChecked ? null : { restore: () => void (element.checked = checked) };
  }
  if (element instanceof HTMLSelectElement) {
    const options = [...element.options];
    const selected = options.map((option) => option.selected);
    // A single select shows its first option when none is marked selected in the HTML.
    const shownFirst = Math.max(
      0,
      options.findIndex((option) => option.defaultSelected),
    );
    const rendered = options.map((option, index) => (element.multiple ? option.defaultSelected : index === shownFirst));
    if (options.every((_, index) => rendered[index] === selected[index])) return null;
    return { restore: () => options.forEach((option, index) => void (option.selected = selected[index]!)) };
  }
  if ((element instanceof HTMLInputElement && element.type !== "file") || element instanceof HTMLTextAreaElement) {
    const value = element.value;
    return value === element.defaultValue ? null : { restore: () => void (element.value = value) };
  }
  return null;
}

/** The translated error message of a field, from the client's validation or else the server's. */
export function useFieldError(form: AnyForm, name: string, failure?: FormFailure): string | undefined {
  const { t } = useTranslation();
  const clientError = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  const key = clientError ?? failure?.errors[name];
  return key ? t(key, { ns: NAMESPACES }) : undefined;
}

/**
 * The value a field starts with, rendered into the HTML so it is there without JavaScript too
 * (react-hook-form sets values only once it runs). Passwords never come back.
 */
export function initialValue(form: AnyForm, name: string, type?: string): string | undefined {
  if (type === "password") return undefined;
  const value = get(form.formState.defaultValues, name);
  return value === undefined || value === null ? undefined : String(value);
}

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Marks the label as required, in words (the input itself carries `required`). */
  required?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/**
 * "required" after a label, in words. Hidden from assistive technology, which hears the field's
 * `required` instead (and would otherwise hear it twice).
 */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="field-required" aria-hidden="true">
      {" "}
      ({t("validation.requiredMark")})
    </span>
  );
}

export function FieldShell({ id, label, hint, error, required, children }: FieldShellProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      {required ? (
        // The mark stays out of the label, so the field's name is its label alone.
        <div className="field-label">
          <label htmlFor={id}>{label}</label>
          <RequiredMark />
        </div>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = {
  form: AnyForm;
  failure?: FormFailure;
  name: string;
  label: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form">;

export function TextField({ form, failure, name, label, hint, id, ...input }: TextFieldProps) {
  const error = useFieldError(form, name, failure);
  const fieldId = id ?? `field-${name.replace(/\./g, "-")}`;
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error} required={input.required}>
      {(describedBy) => (
        <input
          id={fieldId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={initialValue(form, name, input.type)}
          {...input}
          {...form.register(name)}
        />
      )}
    </FieldShell>
  );
}

/** A checkbox with its label after it and, when refused, its error (e.g. "confirm that you checked"). */
export function CheckboxField({ form, failure, name, label, id }: { form: AnyForm; failure?: FormFailure; name: string; label: string; id?: string }) {
  const error = useFieldError(form, name, failure);
  const fieldId = id ?? `field-${name.replace(/\./g, "-")}`;
  return (
    <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
      <input
        type="checkbox"
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...form.register(name)}
      />
      <label htmlFor={fieldId}>{label}</label>
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextAreaFieldProps = {
  form: AnyForm;
  failure?: FormFailure;
  name: string;
  label: string;
  hint?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "form">;

export function TextAreaField({ form, failure, name, label, hint, id, ...textarea }: TextAreaFieldProps) {
  const error = useFieldError(form, name, failure);
  const fieldId = id ?? `field-${name.replace(/\./g, "-")}`;
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error} required={textarea.required}>
      {(describedBy) => (
        <textarea
          id={fieldId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={initialValue(form, name)}
          {...textarea}
          {...form.register(name)}
        />
      )}
    </FieldShell>
  );
}

/**
 * The answer to a refused form, at its top: the form-wide message (wrong password, too many
 * attempts) or, when fields were refused, a summary pointing at them. Focused when it appears, so
 * keyboard and screen-reader users land on it. Given the form, it also appears (and takes the focus)
 * when the browser's check of a submit finds errors, and stays while any remain.
 */
export function FormError({ failure, form }: { failure?: FormFailure; form?: AnyForm }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const fieldsRefused = Object.keys(failure?.errors ?? {}).length > 0;
  useEffect(() => {
    if (failure?.formError || fieldsRefused) ref.current?.focus();
  }, [failure, fieldsRefused]);
  const submitCount = form?.formState.submitCount ?? 0;
  const refusedHere = submitCount > 0 && !form?.formState.isSubmitting && Object.keys(form?.formState.errors ?? {}).length > 0;
  // Focus once per refused submit, never while the user corrects a field; in a timer, as
  // react-hook-form focuses the first refused field in one too, and the summary comes first.
  const focusedForSubmit = useRef(0);
  useEffect(() => {
    if (!refusedHere || focusedForSubmit.current === submitCount) return;
    focusedForSubmit.current = submitCount;
    const timer = setTimeout(() => ref.current?.focus());
    return () => clearTimeout(timer);
  }, [refusedHere, submitCount]);
  if (!failure?.formError && !fieldsRefused && !refusedHere) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      {failure?.formError ? t(failure.formError, { ...failure.formErrorValues, ns: NAMESPACES }) : t("validation.summary")}
    </div>
  );
}

/** A choice of UI language (LOCALES, or a subset), each named in its own language. */
export function LocaleSelectField({
  form,
  failure,
  name,
  label,
  hint,
  id = `field-${name}`,
  locales = LOCALES,
}: {
  form: AnyForm;
  failure?: FormFailure;
  name: string;
  label: string;
  hint?: string;
  id?: string;
  locales?: readonly Locale[];
}) {
  const error = useFieldError(form, name, failure);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} defaultValue={initialValue(form, name)} {...form.register(name)}>
          {locales.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A select registered with react-hook-form, its value rendered into the HTML for use without JavaScript. */
export function SelectField({
  form,
  failure,
  name,
  label,
  hint,
  placeholder,
  options,
  id,
  required,
}: {
  form: AnyForm;
  failure?: FormFailure;
  name: string;
  label: string;
  hint?: string;
  /** The first, empty option ("Choose a neighbourhood"), when choosing nothing is possible. */
  placeholder?: string;
  options: { value: string; label: string }[];
  id?: string;
  required?: boolean;
}) {
  const error = useFieldError(form, name, failure);
  const fieldId = id ?? `field-${name.replace(/\./g, "-")}`;
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error} required={required}>
      {(describedBy, invalid) => (
        <select
          id={fieldId}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          defaultValue={initialValue(form, name) ?? ""}
          {...form.register(name)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
