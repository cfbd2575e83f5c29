import type { UseFormReturn } from "react-hook-form";
import { FieldShell, initialValue, useFieldError, type FormFailure } from "~/ui/form";

interface SelectFieldProps {
  form: UseFormReturn<any>;
  failure?: FormFailure;
  name: string;
  label: string;
  hint?: string;
  /** The first, empty option ("Choose a parklet"). */
  placeholder: string;
  options: { value: string; label: string }[];
  id?: string;
}

/** A select registered with react-hook-form, its value rendered into the HTML for use without JavaScript. */
export function SelectField({ form, failure, name, label, hint, placeholder, options, id }: SelectFieldProps) {
  const error = useFieldError(form, name, failure);
  const fieldId = id ?? `field-${name.replace(/\./g, "-")}`;
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <select id={fieldId} aria-describedby={describedBy} aria-invalid={invalid || undefined} defaultValue={initialValue(form, name) ?? ""} {...form.register(name)}>
          <option value="">{placeholder}</option>
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
