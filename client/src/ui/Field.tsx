import type { ReactNode } from 'react';

/** What every field has: the control's id, its label, and an optional hint and inline error. */
interface LabelledProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

interface FieldProps extends LabelledProps {
  children: (describedBy: string | undefined) => ReactNode;
}

/** A labelled form group with its hint and inline error, GOV.UK style, for a page's own form. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error-message">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

interface TextFieldProps extends LabelledProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  /** Off for addresses and passwords, which are not words. */
  spellCheck?: boolean;
  /** The form field's name, for password managers. */
  name?: string;
}

/** A labelled text input that marks itself invalid while it has an error. */
export function TextField({
  value,
  onChange,
  type,
  autoComplete,
  spellCheck,
  name,
  ...labelled
}: TextFieldProps) {
  return (
    <Field {...labelled}>
      {(describedBy) => (
        <input
          id={labelled.id}
          name={name}
          className="input"
          type={type}
          autoComplete={autoComplete}
          spellCheck={spellCheck}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={labelled.error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends LabelledProps {
  value: string;
  onChange(value: string): void;
  options: readonly SelectOption[];
  /** The first, empty choice ("Choose a person"), when nothing is chosen at first. */
  placeholder?: string;
}

/** A labelled select over a list of options. */
export function SelectField({
  value,
  onChange,
  options,
  placeholder,
  ...labelled
}: SelectFieldProps) {
  return (
    <Field {...labelled}>
      {(describedBy) => (
        <select
          id={labelled.id}
          className="select"
          value={value}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
