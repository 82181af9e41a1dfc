import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

// A form's fields: a label, the control, and the errors an action returned for it
// (ActionResult.error.fieldErrors[name]), tied to the control for screen readers.

export const CONTROL_CLASS = "rounded-md border border-slate-300 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-400";

export interface FieldProps {
  label: ReactNode;
  /** The messages for this field, as the action returned them; none or empty: no error. */
  errors?: readonly string[];
  /** A test id for the error list. */
  errorTestId?: string;
  className?: string;
  /** Renders the control with the ids the label and the error list need. */
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

export function Field({ label, errors, errorTestId, className = "", children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <div className={`flex flex-col gap-1 text-sm ${className}`}>
      <label htmlFor={id} className="text-slate-600">
        {label}
      </label>
      {children({ id, ...(invalid ? { "aria-invalid": true as const, "aria-describedby": errorId } : {}) })}
      {invalid ? (
        <ul id={errorId} className="text-xs text-red-600" data-testid={errorTestId}>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; name: string; errors?: readonly string[]; errorTestId?: string; fieldClassName?: string };

/** A labelled input with its errors. */
export function TextField({ label, errors, errorTestId, fieldClassName, className = "", ...input }: InputProps) {
  return (
    <Field label={label} errors={errors} errorTestId={errorTestId} className={fieldClassName}>
      {(control) => <input {...input} {...control} className={`${CONTROL_CLASS} ${className}`} />}
    </Field>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: ReactNode;
  name: string;
  options: readonly { value: string; label: string }[];
  errors?: readonly string[];
  errorTestId?: string;
  fieldClassName?: string;
};

/** A labelled select with its errors. */
/** A select's options from its values, each named by `label`. */
export function choices<const V extends string>(values: readonly V[], label: (value: V) => string): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export function SelectField({ label, options, errors, errorTestId, fieldClassName, className = "", ...select }: SelectProps) {
  return (
    <Field label={label} errors={errors} errorTestId={errorTestId} className={fieldClassName}>
      {(control) => (
        <select {...select} {...control} className={`${CONTROL_CLASS} ${className}`}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
