import { partialDateSchema } from '@unitroom/shared';
import { useId, useState, type ReactNode } from 'react';
import { CheckboxControl, FieldGroup, SelectControl, describedBy, type Option } from './fields';

/**
 * Side-panel fields that write as soon as a value is complete: a text field when it loses focus
 * or on Enter, a select or checkbox when it changes. Each write is one command (one undo step),
 * and only a changed field is written, so two people editing different fields of one person
 * both keep their edit. While a text field is being edited it shows the draft; otherwise it shows
 * the live value, other people's edits included.
 *
 * In read-only mode every field is plain text: nothing to operate, nothing disabled to puzzle over.
 */

/** Returns an error message for the field, or null once the value is written. */
export type Commit = (text: string) => string | null;

function ReadOnlyValue({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <div className="panel-value">
      <dt className="panel-value__label">{label}</dt>
      <dd className="panel-value__value">
        {value === '' || value === null ? 'Not recorded' : value}
      </dd>
    </div>
  );
}

export function CommitText({
  label,
  hint,
  value,
  onCommit,
  readOnly,
  multiline = false,
  width = 'full',
  inputMode,
}: {
  label: string;
  hint?: string;
  value: string;
  onCommit: Commit;
  readOnly: boolean;
  multiline?: boolean;
  width?: 'full' | 'short';
  inputMode?: 'numeric';
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (readOnly) return <ReadOnlyValue label={label} value={value} />;

  const commit = () => {
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      setError(null);
      return;
    }
    const problem = onCommit(draft);
    setError(problem);
    if (problem === null) setDraft(null);
  };
  const common = {
    id,
    className: `${multiline ? 'textarea' : 'input'}${width === 'short' ? ' input--short' : ''}`,
    value: draft ?? value,
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': error ? true : undefined,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onBlur: commit,
  };
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input
          type="text"
          autoComplete="off"
          inputMode={inputMode}
          {...common}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            } else if (event.key === 'Escape' && draft !== null) {
              // Escape abandons the draft first; a second Escape closes the panel.
              event.stopPropagation();
              setDraft(null);
              setError(null);
            }
          }}
        />
      )}
    </FieldGroup>
  );
}

export function CommitSelect<T extends string>({
  label,
  hint,
  value,
  options,
  onCommit,
  readOnly,
}: {
  label: string;
  hint?: string;
  value: T;
  options: readonly Option<T>[];
  onCommit(value: T): void;
  readOnly: boolean;
}) {
  const id = useId();
  if (readOnly)
    return (
      <ReadOnlyValue label={label} value={options.find((o) => o.value === value)?.label ?? value} />
    );
  return (
    <FieldGroup id={id} label={label} hint={hint}>
      <SelectControl id={id} value={value} options={options} hint={hint} onChange={onCommit} />
    </FieldGroup>
  );
}

export function CommitCheckbox({
  label,
  hint,
  checked,
  onCommit,
  readOnly,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onCommit(checked: boolean): void;
  readOnly: boolean;
}) {
  const id = useId();
  if (readOnly) return <ReadOnlyValue label={label} value={checked ? 'Yes' : 'No'} />;
  return (
    <CheckboxControl id={id} label={label} hint={hint} checked={checked} onChange={onCommit} />
  );
}

export const DATE_HINT = 'A year, a year and month, or a full date: 2014, 2014-03 or 2014-03-27.';

/** A partial date as typed, or the reason it is not one. Empty clears the date. */
export function parseDate(text: string): { value: string | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!partialDateSchema.safeParse(trimmed).success)
    return { error: 'Enter a date like 2014, 2014-03 or 2014-03-27' };
  const [, month, day] = trimmed.split('-').map(Number);
  if (month !== undefined && (month < 1 || month > 12))
    return { error: 'The month must be between 01 and 12' };
  if (day !== undefined && (day < 1 || day > 31))
    return { error: 'The day must be between 01 and 31' };
  return { value: trimmed };
}

export function parseAge(text: string): { value: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > 130)
    return { error: 'Enter an age in whole years, from 0 to 130' };
  return { value: Number(trimmed) };
}
