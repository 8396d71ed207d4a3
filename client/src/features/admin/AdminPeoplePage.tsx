import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { API_ERROR_CODES, ROLE_LABELS, type AddPersonResponse, type Role } from '@unitroom/shared';
import { addPerson, listPeople } from '../../api/admin';
import { adminPersonPath } from '../../navigation/paths';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary, type Problem } from '../../ui/ProblemSummary';
import { AdminPage, StatusTag } from './AdminFrame';
import { OneTimeLink, errorFor, problemFrom, useLoaded } from './forms';

const loadPeople = () => listPeople();

const fieldFor = (code: string): string | undefined => {
  if (code === API_ERROR_CODES.NAME_MISSING || code === API_ERROR_CODES.NAME_TOO_LONG)
    return 'person-name';
  if (code === API_ERROR_CODES.EMAIL_TAKEN || code === API_ERROR_CODES.EMAIL_INVALID)
    return 'person-email';
  return undefined;
};

/** `/admin/people`: everyone who can sign in, their units, and adding someone ([A2], [A8]). */
export function AdminPeoplePage() {
  const { data: people, failed, reload } = useLoaded('people', loadPeople);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [administrator, setAdministrator] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [added, setAdded] = useState<AddPersonResponse | null>(null);
  const [busy, setBusy] = useState(false);

  const onAdd = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const missing: Problem[] = [];
    if (name.trim() === '')
      missing.push({ field: 'person-name', message: 'Enter the person’s full name.' });
    if (email.trim() === '')
      missing.push({ field: 'person-email', message: 'Enter their email address.' });
    setProblems(missing);
    if (missing.length > 0) return;
    setBusy(true);
    setAdded(null);
    try {
      setAdded(await addPerson({ name, email: email.trim(), administrator }));
      setName('');
      setEmail('');
      setAdministrator(false);
      reload();
    } catch (error) {
      setProblems([problemFrom(error, fieldFor)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminPage>
      <ProblemSummary problems={problems} />
      <PageHeading>People</PageHeading>
      {added && (
        <>
          <OneTimeLink
            who={added.person.name}
            url={added.link.url}
            expiresAt={added.link.expiresAt}
          />
          <p>
            <Link to={adminPersonPath(added.person.id)}>
              Give {added.person.name} a role in a unit
            </Link>
          </p>
        </>
      )}
      {failed && (
        <p className="notice notice--error">People could not be loaded. Reload the page.</p>
      )}
      {!people && !failed && <Loading>Loading people…</Loading>}
      {people && people.length === 0 && <p>Nobody has been added yet.</p>}
      {people && people.length > 0 && (
        <DataTable
          caption="People"
          headers={['Name', 'Units and roles', 'Status']}
          rows={people}
          rowKey={(person) => person.id}
          cells={(person) => [
            <>
              <Link to={adminPersonPath(person.id)}>{person.name}</Link>
              <br />
              <span className="hint">{person.email}</span>
            </>,
            <>
              {person.memberships.length === 0
                ? 'No unit'
                : person.memberships
                    .map((m) => `${m.unitName}: ${ROLE_LABELS[m.role as Role] ?? m.role}`)
                    .join('; ')}
              {person.administrator && (
                <>
                  <br />
                  Administrator
                </>
              )}
            </>,
            <StatusTag active={person.active}>
              {!person.active
                ? 'Deactivated'
                : person.hasPassword || person.councilAccount
                  ? 'Active'
                  : 'No password yet'}
            </StatusTag>,
          ]}
        />
      )}

      <section className="admin-section" aria-labelledby="add-person-title">
        <h2 id="add-person-title" className="heading-m">
          Add a person
        </h2>
        <p>You will get a one-time link to give them, to choose their password.</p>
        <form onSubmit={onAdd} noValidate>
          <TextField
            id="person-name"
            label="Full name"
            error={errorFor(problems, 'person-name')}
            autoComplete="off"
            value={name}
            onChange={setName}
          />
          <TextField
            id="person-email"
            label="Email address"
            hint="Their work address. Each person has their own."
            error={errorFor(problems, 'person-email')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={setEmail}
          />
          <div className="form-group">
            <div className="checkbox">
              <input
                id="person-administrator"
                className="checkbox__input"
                type="checkbox"
                checked={administrator}
                aria-describedby="person-administrator-hint"
                onChange={(event) => setAdministrator(event.target.checked)}
              />
              <label className="checkbox__label" htmlFor="person-administrator">
                Administrator of Unitroom
              </label>
            </div>
            <p id="person-administrator-hint" className="hint">
              Administrators manage units and people. Being one gives no access to any family.
            </p>
          </div>
          <button type="submit" className="button" disabled={busy}>
            Add person
          </button>
        </form>
      </section>
    </AdminPage>
  );
}
