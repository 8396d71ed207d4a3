import {
  MAX_CASE_RECORD_ID_CHARS,
  MAX_CHILD_NAME_CHARS,
  MAX_FAMILY_NAME_CHARS,
  canOpenFamily,
  isFutureDate,
} from '@unitroom/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiRequestError } from '../../api/http';
import { listLeadWorkers, openFamily, type LeadWorker } from '../../api/familyLifecycle';
import { useAuth, useMe } from '../../session/auth';
import { familyPath, unitHomePath } from '../../navigation/paths';
import { PageHeading } from '../../ui/PageHeading';
import './families.css';

interface ChildRow {
  key: number;
  name: string;
  birthDate: string;
  unborn: boolean;
  caseRecordId: string;
}

interface FieldError {
  /** The id of the field to focus from the error summary. */
  field: string;
  message: string;
}

const emptyChild = (key: number): ChildRow => ({
  key,
  name: '',
  birthDate: '',
  unborn: false,
  caseRecordId: '',
});

/** What can be told before asking the server; the server checks everything again ([F11]). */
function check(name: string, children: ChildRow[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!name.trim()) errors.push({ field: 'family-name', message: 'Enter the family’s name' });
  else if (name.trim().length > MAX_FAMILY_NAME_CHARS)
    errors.push({
      field: 'family-name',
      message: `The family’s name must be ${MAX_FAMILY_NAME_CHARS} characters or fewer`,
    });
  children.forEach((child, index) => {
    const label = `Child ${index + 1}`;
    if (!child.name.trim())
      errors.push({ field: `child-${child.key}-name`, message: `${label}: enter a name` });
    if (child.birthDate && !child.unborn && isFutureDate(child.birthDate, new Date()))
      errors.push({
        field: `child-${child.key}-birth`,
        message: `${label}: the date of birth is in the future; for an unborn baby, tick “Not born yet”`,
      });
  });
  return errors;
}

/** `/units/:unitId/families/new`: a member who may write opens a family with its children ([F6]). */
export function OpenFamilyPage() {
  const me = useMe();
  const { refreshMe } = useAuth();
  const navigate = useNavigate();
  const { unitId } = useParams();
  const unit = me.units.find((candidate) => candidate.id === unitId && !candidate.guest);
  const [name, setName] = useState('');
  const [children, setChildren] = useState<ChildRow[]>([emptyChild(1)]);
  const [nextKey, setNextKey] = useState(2);
  const [leadWorkerId, setLeadWorkerId] = useState('');
  const [workers, setWorkers] = useState<LeadWorker[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const focusAfterAdd = useRef<string | null>(null);

  useEffect(() => {
    if (!unit) return;
    listLeadWorkers(unit.id).then(setWorkers, () => setWorkers([]));
  }, [unit]);

  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);

  useEffect(() => {
    if (!focusAfterAdd.current) return;
    document.getElementById(focusAfterAdd.current)?.focus();
    focusAfterAdd.current = null;
  }, [children]);

  if (!unit || !canOpenFamily(unit.role)) {
    return (
      <div className="page">
        <PageHeading>You cannot open a family here</PageHeading>
        <p>Members of the unit who write in its records open families.</p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }

  const change = (key: number, patch: Partial<ChildRow>) =>
    setChildren((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const addChild = () => {
    focusAfterAdd.current = `child-${nextKey}-name`;
    setChildren((rows) => [...rows, emptyChild(nextKey)]);
    setNextKey((key) => key + 1);
  };
  const removeChild = (key: number) => {
    setChildren((rows) => rows.filter((row) => row.key !== key));
    focusAfterAdd.current = 'add-child';
  };
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(name, children);
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    openFamily(unit.id, {
      name: name.trim(),
      children: children.map((child) => ({
        name: child.name.trim(),
        birthDate: child.birthDate || null,
        unborn: child.unborn,
        caseRecordId: child.caseRecordId.trim() || null,
      })),
      leadWorkerId: leadWorkerId || null,
    })
      .then(async (family) => {
        await refreshMe().catch(() => undefined);
        navigate(familyPath(family.id));
      })
      .catch((reason: unknown) => {
        setSending(false);
        const message =
          reason instanceof ApiRequestError ? reason.message : 'The family could not be opened.';
        const field =
          reason instanceof ApiRequestError && reason.code === 'family_name_invalid'
            ? 'family-name'
            : reason instanceof ApiRequestError && reason.code === 'lead_worker_not_member'
              ? 'lead-worker'
              : `child-${children[0]?.key ?? 1}-name`;
        setErrors([{ field, message }]);
      });
  };

  return (
    <div className="page open-family">
      <p>
        <Link to={unitHomePath(unit.id)}>Back to {unit.name}</Link>
      </p>
      <PageHeading>Open a family</PageHeading>
      {errors.length > 0 && (
        <div
          className="error-summary"
          ref={summary}
          tabIndex={-1}
          role="alert"
          aria-labelledby="open-family-errors"
        >
          <h2 id="open-family-errors" className="error-summary__title">
            There is a problem
          </h2>
          <ul className="error-summary__list">
            {errors.map((error) => (
              <li key={`${error.field}:${error.message}`}>
                <a
                  href={`#${error.field}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(error.field)?.focus();
                  }}
                >
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className={`form-group${errorFor('family-name') ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="family-name">
            Family name
          </label>
          <p id="family-name-hint" className="hint field-hint">
            As the unit calls them, for example “Brennan family”.
          </p>
          {errorFor('family-name') && (
            <p className="error-message" id="family-name-error">
              {errorFor('family-name')}
            </p>
          )}
          <input
            id="family-name"
            className="input"
            autoComplete="off"
            aria-describedby={`family-name-hint${errorFor('family-name') ? ' family-name-error' : ''}`}
            aria-invalid={errorFor('family-name') ? true : undefined}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>

        <fieldset className="open-family__children">
          <legend className="heading-m">Children the unit works for</legend>
          <p className="hint">
            They start on the family’s genogram, marked. A baby born later, or a sibling who moves
            in, is added on the genogram.
          </p>
          {children.map((child, index) => (
            <fieldset key={child.key} className="open-family__child">
              <legend className="label">Child {index + 1}</legend>
              <div className="open-family__row">
                <div
                  className={`form-group${errorFor(`child-${child.key}-name`) ? ' form-group--error' : ''}`}
                >
                  <label className="label" htmlFor={`child-${child.key}-name`}>
                    Name
                  </label>
                  {errorFor(`child-${child.key}-name`) && (
                    <p className="error-message" id={`child-${child.key}-name-error`}>
                      {errorFor(`child-${child.key}-name`)}
                    </p>
                  )}
                  <input
                    id={`child-${child.key}-name`}
                    className="input"
                    autoComplete="off"
                    maxLength={MAX_CHILD_NAME_CHARS}
                    aria-invalid={errorFor(`child-${child.key}-name`) ? true : undefined}
                    aria-describedby={
                      errorFor(`child-${child.key}-name`)
                        ? `child-${child.key}-name-error`
                        : undefined
                    }
                    value={child.name}
                    onChange={(event) => change(child.key, { name: event.target.value })}
                  />
                </div>
                <div
                  className={`form-group${errorFor(`child-${child.key}-birth`) ? ' form-group--error' : ''}`}
                >
                  <label className="label" htmlFor={`child-${child.key}-birth`}>
                    {child.unborn ? 'Expected date' : 'Date of birth'}
                  </label>
                  {errorFor(`child-${child.key}-birth`) && (
                    <p className="error-message" id={`child-${child.key}-birth-error`}>
                      {errorFor(`child-${child.key}-birth`)}
                    </p>
                  )}
                  <input
                    id={`child-${child.key}-birth`}
                    className="input input--short"
                    type="date"
                    aria-invalid={errorFor(`child-${child.key}-birth`) ? true : undefined}
                    aria-describedby={
                      errorFor(`child-${child.key}-birth`)
                        ? `child-${child.key}-birth-error`
                        : undefined
                    }
                    value={child.birthDate}
                    onChange={(event) => change(child.key, { birthDate: event.target.value })}
                  />
                  <div className="checkbox">
                    <input
                      id={`child-${child.key}-unborn`}
                      className="checkbox__input"
                      type="checkbox"
                      checked={child.unborn}
                      onChange={(event) => change(child.key, { unborn: event.target.checked })}
                    />
                    <label htmlFor={`child-${child.key}-unborn`}>Not born yet</label>
                  </div>
                </div>
                <div className="form-group">
                  <label className="label" htmlFor={`child-${child.key}-case`}>
                    Case record id (optional)
                  </label>
                  <p id={`child-${child.key}-case-hint`} className="hint field-hint">
                    The child’s person id in LCS, Mosaic or Eclipse.
                  </p>
                  <input
                    id={`child-${child.key}-case`}
                    className="input input--short"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={MAX_CASE_RECORD_ID_CHARS}
                    aria-describedby={`child-${child.key}-case-hint`}
                    value={child.caseRecordId}
                    onChange={(event) => change(child.key, { caseRecordId: event.target.value })}
                  />
                </div>
              </div>
              {children.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => removeChild(child.key)}
                >
                  Remove child {index + 1}
                  {child.name.trim() ? ` (${child.name.trim()})` : ''}
                </button>
              )}
            </fieldset>
          ))}
          <button
            id="add-child"
            type="button"
            className="button button--secondary"
            onClick={addChild}
          >
            Add another child
          </button>
        </fieldset>

        <div className={`form-group${errorFor('lead-worker') ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="lead-worker">
            Lead worker (optional)
          </label>
          {errorFor('lead-worker') && <p className="error-message">{errorFor('lead-worker')}</p>}
          <select
            id="lead-worker"
            className="input"
            value={leadWorkerId}
            onChange={(event) => setLeadWorkerId(event.target.value)}
          >
            <option value="">Not named yet</option>
            {workers.map((worker) => (
              <option key={worker.id} value={worker.id}>
                {worker.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={sending}>
          {sending ? 'Opening…' : 'Open the family'}
        </button>
      </form>
    </div>
  );
}
