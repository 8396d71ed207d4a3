import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  API_ERROR_CODES,
  ROLE_LABELS,
  type AccountLinkResponse,
  type AdminPerson,
  type AdminUnit,
  type Role,
} from '@unitroom/shared';
import {
  deactivatePerson,
  fetchPerson,
  issueResetLink,
  listPeople,
  listUnits,
  reactivatePerson,
  setAdministrator,
  setMembership,
} from '../../api/admin';
import { ADMIN_PEOPLE_PATH, adminUnitPath } from '../../navigation/paths';
import { SelectField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary, type Problem } from '../../ui/ProblemSummary';
import { AdminPage, StatusTag } from './AdminFrame';
import {
  DoneNotice,
  OneTimeLink,
  errorFor,
  PersonField,
  RoleField,
  problemFrom,
  useLoaded,
} from './forms';

const load = async (
  userId: string,
): Promise<{ person: AdminPerson; units: AdminUnit[]; people: AdminPerson[] }> => {
  const [person, units, people] = await Promise.all([
    fetchPerson(userId),
    listUnits(),
    listPeople(),
  ]);
  return { person, units, people };
};

const fieldFor = (code: string): string | undefined =>
  code === API_ERROR_CODES.LAST_CONSULTANT ? 'replacement' : undefined;

/** `/admin/people/:userId`: one person's units, password link, deactivation ([A2], [A5], [A8]). */
export function AdminPersonPage() {
  const { userId = '' } = useParams();
  const { data, failed, reload } = useLoaded(userId, load);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [link, setLink] = useState<AccountLinkResponse | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [needsReplacement, setNeedsReplacement] = useState(false);
  const [replacement, setReplacement] = useState('');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<string>('social_worker');

  const act = useCallback(
    async (action: () => Promise<void>, success: string) => {
      setDone(null);
      try {
        await action();
        setProblems([]);
        setDone(success);
        reload();
        return true;
      } catch (error) {
        const problem = problemFrom(error, fieldFor);
        if (problem.field === 'replacement') setNeedsReplacement(true);
        setProblems([problem]);
        return false;
      }
    },
    [reload],
  );

  if (failed) {
    return (
      <AdminPage>
        <PageHeading>Person not found</PageHeading>
        <p>
          <Link to={ADMIN_PEOPLE_PATH}>Back to people</Link>
        </p>
      </AdminPage>
    );
  }
  if (!data) return <Loading>Loading…</Loading>;
  const { person, units, people } = data;
  const joinable = units.filter(
    (unit) => !unit.archived && !person.memberships.some((m) => m.unitId === unit.id),
  );

  const onDeactivate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ok = await act(
      () => deactivatePerson(person.id, replacement || undefined),
      `${person.name} is deactivated. Their sessions have ended.`,
    );
    if (ok) {
      setConfirming(false);
      setNeedsReplacement(false);
      setReplacement('');
    }
  };

  const onJoin = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!unitId) {
      setProblems([{ field: 'join-unit', message: 'Choose a unit.' }]);
      return;
    }
    const unitName = units.find((u) => u.id === unitId)?.name ?? 'the unit';
    if (
      await act(() => setMembership(unitId, person.id, role), `${person.name} joined ${unitName}.`)
    )
      setUnitId('');
  };

  const onLink = async () => {
    setLink(null);
    setDone(null);
    try {
      setLink(await issueResetLink(person.id));
      setProblems([]);
    } catch (error) {
      setProblems([problemFrom(error, fieldFor)]);
    }
  };

  return (
    <AdminPage>
      <ProblemSummary problems={problems} />
      <DoneNotice message={done} />
      <p>
        <Link to={ADMIN_PEOPLE_PATH}>All people</Link>
      </p>
      <PageHeading>{person.name}</PageHeading>
      <dl className="admin-summary">
        <dt>Email address</dt>
        <dd>{person.email}</dd>
        <dt>Status</dt>
        <dd>
          <StatusTag active={person.active}>
            {!person.active
              ? 'Deactivated'
              : person.hasPassword || person.councilAccount
                ? 'Active'
                : 'No password yet'}
          </StatusTag>
        </dd>
        <dt>Administrator of Unitroom</dt>
        <dd>{person.administrator ? 'Yes' : 'No'}</dd>
      </dl>
      {person.active && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void act(
                () => setAdministrator(person.id, !person.administrator),
                person.administrator
                  ? `${person.name} is no longer an administrator.`
                  : `${person.name} is now an administrator of Unitroom.`,
              )
            }
          >
            {person.administrator ? 'Remove administrator role' : 'Make administrator'}
          </button>
        </p>
      )}

      <section aria-labelledby="units-title">
        <h2 id="units-title" className="heading-m">
          Units
        </h2>
        {person.memberships.length === 0 ? (
          <p>{person.name} is not in any unit.</p>
        ) : (
          <ul className="member-list">
            {person.memberships.map((m) => (
              <li key={m.unitId} className="member-list__item">
                <Link to={adminUnitPath(m.unitId)}>{m.unitName}</Link>:{' '}
                {ROLE_LABELS[m.role as Role] ?? m.role}
              </li>
            ))}
          </ul>
        )}
        <p className="hint">Change a role or remove them from a unit on the unit’s page.</p>
        {person.active && joinable.length > 0 && (
          <form onSubmit={onJoin} noValidate>
            <h3 className="heading-s">Add {person.name} to a unit</h3>
            <SelectField
              id="join-unit"
              label="Unit"
              error={errorFor(problems, 'join-unit')}
              value={unitId}
              onChange={setUnitId}
              placeholder="Choose a unit"
              options={joinable.map((unit) => ({ value: unit.id, label: unit.name }))}
            />
            <RoleField id="join-role" label="Role in that unit" value={role} onChange={setRole} />
            <button type="submit" className="button button--secondary">
              Add to unit
            </button>
          </form>
        )}
      </section>

      {person.active && (
        <section className="admin-section" aria-labelledby="password-title">
          <h2 id="password-title" className="heading-m">
            Password
          </h2>
          {link ? (
            <OneTimeLink who={person.name} url={link.url} expiresAt={link.expiresAt} />
          ) : (
            <p>
              {person.hasPassword
                ? 'If they have forgotten their password, create a reset link and give it to them. Their password stays the same until they use it.'
                : 'They have not chosen a password yet. If they lost their set-up link, create a new one; the old one stops working.'}
            </p>
          )}
          <button type="button" className="button button--secondary" onClick={() => void onLink()}>
            {person.hasPassword ? 'Create a reset link' : 'Create a new set-up link'}
          </button>
        </section>
      )}

      <section className="admin-section" aria-labelledby="access-title">
        <h2 id="access-title" className="heading-m">
          {person.active ? 'Deactivate' : 'Reactivate'}
        </h2>
        {person.active ? (
          confirming ? (
            <form className="admin-confirm" onSubmit={onDeactivate} noValidate>
              <p>
                <strong>Are you sure you want to deactivate {person.name}?</strong> They will be
                signed out everywhere at once and cannot sign in. Their units and roles are kept for
                when they come back.
              </p>
              {needsReplacement && (
                <PersonField
                  id="replacement"
                  label="Who takes over as consultant social worker?"
                  error={errorFor(problems, 'replacement')}
                  value={replacement}
                  onChange={setReplacement}
                  people={people.filter((p) => p.active && p.id !== person.id)}
                />
              )}
              <div className="button-group">
                <button type="submit" className="button button--warning">
                  Yes, deactivate {person.name}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setConfirming(false);
                    setNeedsReplacement(false);
                    setProblems([]);
                  }}
                >
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <>
              <p>A person who leaves keeps their history in the record but loses all access.</p>
              <button
                type="button"
                className="button button--warning"
                onClick={() => setConfirming(true)}
              >
                Deactivate {person.name}
              </button>
            </>
          )
        ) : (
          <>
            <p>
              {person.name} cannot sign in. Reactivating gives back their units and roles as they
              were.
            </p>
            <button
              type="button"
              className="button"
              onClick={() =>
                void act(() => reactivatePerson(person.id), `${person.name} can sign in again.`)
              }
            >
              Reactivate {person.name}
            </button>
          </>
        )}
      </section>
    </AdminPage>
  );
}
