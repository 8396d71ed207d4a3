import { useCallback, useEffect, useRef, useState } from 'react';
import { MEMBER_ROLES, ROLE_LABELS } from '@unitroom/shared';
import { ApiRequestError, NetworkError } from '../../api/http';
import { SelectField, type SelectFieldProps } from '../../ui/Field';
import type { Problem } from '../../ui/ProblemSummary';

/** What a failed request means for the person, with the field it concerns when the code says. */
export function problemFrom(
  error: unknown,
  fieldFor: (code: string) => string | undefined,
): Problem {
  if (error instanceof ApiRequestError) {
    const field = fieldFor(error.code);
    return { ...(field ? { field } : {}), message: error.message };
  }
  if (error instanceof NetworkError) {
    return { message: 'The server could not be reached. Check your connection and try again.' };
  }
  return { message: 'Something went wrong. Try again.' };
}

/** A person as a choice in a select: their name, and their address to tell namesakes apart. */
const personOption = (person: { id: string; name: string; email: string }) => ({
  value: person.id,
  label: `${person.name} (${person.email})`,
});

/** The roles a person can hold in a unit, as choices in a select. */
const ROLE_OPTIONS = MEMBER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** A select of `people`, with nobody chosen at first. */
export function PersonField({
  people,
  ...field
}: Omit<SelectFieldProps, 'options' | 'placeholder'> & {
  people: readonly { id: string; name: string; email: string }[];
}) {
  return (
    <SelectField {...field} placeholder="Choose a person" options={people.map(personOption)} />
  );
}

/** A select of the roles a person can hold in a unit. */
export function RoleField(field: Omit<SelectFieldProps, 'options' | 'placeholder'>) {
  return <SelectField {...field} options={ROLE_OPTIONS} />;
}

/** The inline error for `field` among `problems`. */
export const errorFor = (problems: Problem[], field: string): string | undefined =>
  problems.find((problem) => problem.field === field)?.message;

/**
 * Loads something for a page, again whenever `key` changes or `reload` is called after a change;
 * `load` must depend only on `key`.
 */
export function useLoaded<T>(
  key: string,
  load: (key: string) => Promise<T>,
): { data: T | null; failed: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load(key).then(
      (loaded) => {
        if (!live) return;
        setData(loaded);
        setFailed(false);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [key, load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, failed, reload };
}

/**
 * A one-time link to pass on by hand (no e-mail is sent): shown once, with a copy button.
 */
export function OneTimeLink({
  who,
  url,
  expiresAt,
}: {
  who: string;
  url: string;
  expiresAt: string;
}) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Shown after a button far down the page: bring it into view and read it out.
  useEffect(() => {
    headingRef.current?.focus();
  }, [url]);
  const copy = () => {
    navigator.clipboard.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  const expires = new Date(expiresAt).toLocaleString('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return (
    <div className="notice admin-link">
      <h2 ref={headingRef} tabIndex={-1} className="heading-m">
        Give {who} this link
      </h2>
      <p>
        They open it to choose their password. It works once and until {expires}. It will not be
        shown again: copy it now and send it to them the way your council shares passwords.
      </p>
      <label className="label" htmlFor="one-time-link">
        One-time link for {who}
      </label>
      <input id="one-time-link" className="input admin-link__url" readOnly value={url} />
      <button type="button" className="button button--secondary" onClick={copy}>
        Copy link
      </button>
      <p className="admin-link__copied" aria-live="polite">
        {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Select the link and copy it.' : ''}
      </p>
    </div>
  );
}

/**
 * What a change did, at the top of the page: it takes focus (and so comes into view and is read
 * out) each time a new change is confirmed, since the button pressed may be far below.
 */
export function DoneNotice({ message }: { message: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <p ref={ref} className="notice" role="status" tabIndex={-1}>
      {message}
    </p>
  );
}
