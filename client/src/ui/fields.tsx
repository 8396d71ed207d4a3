import { useId, type ReactNode, type Ref } from 'react';
import { sortedByName } from '@unitroom/shared';

/**
 * GOV.UK-style form parts: a label, an optional hint and error message tied to the control with
 * `aria-describedby`, the error marked on the group. Plain and uncontrolled about what they hold;
 * dialogs and the side panel decide when a value is committed.
 */

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export function describedBy(
  id: string,
  hint?: ReactNode,
  error?: string | null,
): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface GroupProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
}

export function FieldGroup({ id, label, hint, error, children }: GroupProps) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId(id)} className="hint field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} className="error-message">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

export function SelectControl<T extends string>({
  id,
  value,
  options,
  onChange,
  hint,
  error,
  autoFocus,
}: {
  id: string;
  value: T;
  options: readonly Option<T>[];
  onChange(value: NoInfer<T>): void;
  hint?: ReactNode;
  error?: string | null;
  autoFocus?: boolean;
}) {
  return (
    <select
      id={id}
      className="select"
      value={value}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      data-autofocus={autoFocus ? '' : undefined}
      onChange={(event) => onChange(event.target.value as T)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Radios in a fieldset; `value` null means none chosen yet. */
export function RadioGroup<T extends string>({
  name,
  legend,
  hint,
  value,
  options,
  onChange,
  inline = false,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  value: T | null;
  options: readonly Option<T>[];
  onChange(value: NoInfer<T>): void;
  inline?: boolean;
}) {
  return (
    <fieldset className="fieldset form-group" aria-describedby={hint ? hintId(name) : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p id={hintId(name)} className="hint field-hint">
          {hint}
        </p>
      )}
      <div className={inline ? 'radios radios--inline' : 'radios'}>
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div key={option.value} className="radios__item">
              <input
                id={id}
                className="radios__input"
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              <label className="radios__label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function CheckboxControl({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
}) {
  return (
    <div className="checkbox">
      <input
        id={id}
        className="checkbox__input"
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? hintId(id) : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label className="checkbox__label" htmlFor={id}>
        {label}
        {hint && (
          <span id={hintId(id)} className="hint checkbox__hint">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** Several people to tick, for household members and ecomap ties. */
/** `set` with `item` in it or not, as a box for it is ticked or not: a new set, for React state. */
export function toggled<T>(set: ReadonlySet<T>, item: T, included: boolean): Set<T> {
  const next = new Set(set);
  if (included) next.add(item);
  else next.delete(item);
  return next;
}

export function PeopleCheckboxes({
  name,
  legend,
  hint,
  people,
  checked,
  onChange,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  people: readonly { id: string; label: string }[];
  checked: ReadonlySet<string>;
  onChange(personId: string, checked: boolean): void;
}) {
  return (
    <fieldset className="fieldset form-group" aria-describedby={hint ? hintId(name) : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p id={hintId(name)} className="hint field-hint">
          {hint}
        </p>
      )}
      {people.length === 0 ? (
        <p className="hint">Nobody is on the genogram yet.</p>
      ) : (
        <div className="checkboxes">
          {sortedByName(people, (person) => person.label).map((person) => (
            <CheckboxControl
              key={person.id}
              id={`${name}-${person.id}`}
              label={person.label}
              checked={checked.has(person.id)}
              onChange={(value) => onChange(person.id, value)}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}

export interface SummaryError {
  /** The field to jump to; null for an error about the whole action. */
  fieldId: string | null;
  message: string;
}

/** "There is a problem", with links to the fields; focused when it appears so it is heard. */
export function ErrorSummary({
  errors,
  summaryRef,
}: {
  errors: readonly SummaryError[];
  summaryRef?: Ref<HTMLDivElement>;
}) {
  const titleId = useId();
  if (errors.length === 0) return null;
  return (
    <div
      ref={summaryRef}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
      data-testid="genogram-error-summary"
    >
      <h2 className="error-summary__title" id={titleId}>
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {errors.map((error, i) => (
          <li key={i}>
            {error.fieldId ? (
              <a
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(error.fieldId ?? '')?.focus();
                }}
              >
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
