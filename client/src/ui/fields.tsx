import { Fragment, useId, type ReactNode, type Ref } from 'react';
import { groupedByGeneration, sortedByName, type Genogram } from '@unitroom/shared';

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

/** Options shown under a heading (`<optgroup>`), such as people of one generation. */
export interface OptionGroup<T extends string> {
  group: string;
  options: readonly Option<T>[];
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
  options: readonly (Option<T> | OptionGroup<T>)[];
  onChange(value: NoInfer<T>): void;
  hint?: ReactNode;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const optionElement = (option: Option<T>) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  );
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
      {options.map((entry) =>
        'group' in entry ? (
          <optgroup key={`group-${entry.group}`} label={entry.group}>
            {entry.options.map(optionElement)}
          </optgroup>
        ) : (
          optionElement(entry)
        ),
      )}
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
  genogram,
  checked,
  onChange,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  people: readonly { id: string; label: string }[];
  /** When the people are on this genogram, they are grouped by generation ([G27]). */
  genogram?: Genogram;
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
        peopleGroups(genogram, people).map((group) => {
          const boxes = (
            <div className="checkboxes">
              {group.items.map((person) => (
                <CheckboxControl
                  key={person.id}
                  id={`${name}-${person.id}`}
                  label={person.label}
                  checked={checked.has(person.id)}
                  onChange={(value) => onChange(person.id, value)}
                />
              ))}
            </div>
          );
          if (group.label === null) return <Fragment key="everyone">{boxes}</Fragment>;
          const headingId = `${name}-generation-${group.label}`;
          return (
            <div
              key={group.label}
              role="group"
              aria-labelledby={headingId}
              className="people-group"
            >
              <p id={headingId} className="people-group__heading">
                {group.label}
              </p>
              {boxes}
            </div>
          );
        })
      )}
    </fieldset>
  );
}

/**
 * People to choose from, by generation when they are on a genogram with more than one ([G27]),
 * otherwise one list (label null) sorted by name ([G24]).
 */
export function peopleGroups<T extends { id: string; label: string }>(
  genogram: Genogram | undefined,
  people: readonly T[],
): { label: string | null; items: T[] }[] {
  const groups = genogram
    ? groupedByGeneration(
        genogram,
        people,
        (person) => person.id,
        (person) => person.label,
      )
    : [];
  if (groups.length < 2) return [{ label: null, items: sortedByName(people, (p) => p.label) }];
  return groups;
}

/** Options for a select of people: grouped as `peopleGroups`, values being the people's ids. */
export function peopleOptions(
  genogram: Genogram,
  people: readonly { id: string; label: string }[],
): (Option<string> | OptionGroup<string>)[] {
  return peopleGroups(genogram, people).flatMap(
    (group): (Option<string> | OptionGroup<string>)[] => {
      const options = group.items.map((person) => ({ value: person.id, label: person.label }));
      return group.label === null ? options : [{ group: group.label, options }];
    },
  );
}

/** The first person a select of `peopleOptions` shows, to choose by default. */
export function firstPersonOf(options: readonly (Option<string> | OptionGroup<string>)[]): string {
  const first = options[0];
  if (!first) return '';
  return 'group' in first ? (first.options[0]?.value ?? '') : first.value;
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
