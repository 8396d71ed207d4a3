import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  API_ERROR_CODES,
  MEMBER_ROLES,
  ROLE_LABELS,
  type AdminPerson,
  type AdminUnitDetail,
  type Role,
} from '@unitroom/shared';
import {
  archiveUnit,
  restoreUnit,
  fetchUnit,
  listPeople,
  removeMembership,
  renameUnit,
  setMembership,
} from '../../api/admin';
import { ADMIN_PATH, adminPersonPath } from '../../navigation/paths';
import { TextField } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemSummary, type Problem } from '../../ui/ProblemSummary';
import { AdminPage, StatusTag } from './AdminFrame';
import { DoneNotice, errorFor, PersonField, problemFrom, RoleField, useLoaded } from './forms';

const roleLabel = (role: string): string => ROLE_LABELS[role as Role] ?? role;

const loadUnitAndPeople = async (
  unitId: string,
): Promise<{ unit: AdminUnitDetail; people: AdminPerson[] }> => {
  const [unit, people] = await Promise.all([fetchUnit(unitId), listPeople()]);
  return { unit, people };
};

/** A change refused because it would leave the unit without a consultant: who takes over? */
interface HandOver {
  userId: string;
  name: string;
  /** The role they were to have, or null when they were being removed. */
  role: string | null;
}

const fieldFor = (code: string): string | undefined => {
  if (code === API_ERROR_CODES.NAME_MISSING || code === API_ERROR_CODES.NAME_TOO_LONG)
    return 'unit-name';
  if (code === API_ERROR_CODES.LAST_CONSULTANT) return 'replacement';
  return undefined;
};

/** `/admin/units/:unitId`: the unit's members and their roles, its name, archiving ([A2]-[A4]). */
export function AdminUnitPage() {
  const { unitId = '' } = useParams();
  const { data, failed, reload } = useLoaded(unitId, loadUnitAndPeople);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [handOver, setHandOver] = useState<HandOver | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);

  const act = useCallback(
    async (action: () => Promise<void>, success: string, onLastConsultant?: HandOver) => {
      setDone(null);
      try {
        await action();
        setProblems([]);
        setHandOver(null);
        setDone(success);
        reload();
      } catch (error) {
        const problem = problemFrom(error, fieldFor);
        if (problem.field === 'replacement' && onLastConsultant) setHandOver(onLastConsultant);
        setProblems([problem]);
      }
    },
    [reload],
  );

  if (failed) {
    return (
      <AdminPage>
        <PageHeading>Unit not found</PageHeading>
        <p>
          <Link to={ADMIN_PATH}>Back to all units</Link>
        </p>
      </AdminPage>
    );
  }
  if (!data) return <Loading>Loading the unit…</Loading>;
  const { unit, people } = data;
  const archived = unit.archived;
  const memberIds = new Set(unit.members.map((m) => m.userId));
  const candidates = people.filter((p) => p.active && !memberIds.has(p.id));

  return (
    <AdminPage>
      <ProblemSummary problems={problems} />
      <DoneNotice message={done} />
      <p>
        <Link to={ADMIN_PATH}>All units</Link>
      </p>
      <PageHeading>{unit.name}</PageHeading>
      {archived && (
        <p className="notice">
          This unit is archived. Its members can still read its history; it takes no new members.
        </p>
      )}
      {archived && (
        // [A11] Restoring loses nothing and can be undone by archiving again: no confirmation.
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void act(() => restoreUnit(unit.id), `${unit.name} is in use again.`)}
          >
            Restore this unit
          </button>
        </p>
      )}

      <section aria-labelledby="members-title">
        <h2 id="members-title" className="heading-m">
          Members
        </h2>
        {unit.members.length === 0 ? (
          <p>Nobody is in this unit yet.{archived ? '' : ' Add its first member below.'}</p>
        ) : (
          <div className="table-wrapper">
            <table className="table">
              <caption className="visually-hidden">Members of {unit.name}</caption>
              <thead>
                <tr>
                  <th scope="col" className="table__header">
                    Name
                  </th>
                  <th scope="col" className="table__header">
                    Role
                  </th>
                  {!archived && (
                    <th scope="col" className="table__header">
                      Change
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {unit.members.map((member) => (
                  <MemberRow
                    key={`${member.userId}:${member.role}`}
                    member={member}
                    archived={archived}
                    onRole={(role) =>
                      act(
                        () => setMembership(unit.id, member.userId, role),
                        `${member.name} is now ${roleLabel(role).toLowerCase()}.`,
                        { userId: member.userId, name: member.name, role },
                      )
                    }
                    onRemove={() =>
                      act(
                        () => removeMembership(unit.id, member.userId),
                        `${member.name} was removed from ${unit.name}.`,
                        { userId: member.userId, name: member.name, role: null },
                      )
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {handOver && (
        <HandOverForm
          handOver={handOver}
          people={people.filter((p) => p.active && p.id !== handOver.userId)}
          error={errorFor(problems, 'replacement')}
          onCancel={() => {
            setHandOver(null);
            setProblems([]);
          }}
          onConfirm={(replacementId) =>
            act(
              () =>
                handOver.role === null
                  ? removeMembership(unit.id, handOver.userId, replacementId)
                  : setMembership(unit.id, handOver.userId, handOver.role, replacementId),
              `${people.find((p) => p.id === replacementId)?.name ?? 'They'} is now the unit’s consultant social worker.`,
              handOver,
            )
          }
        />
      )}

      {!archived && (
        <AddMemberForm
          candidates={candidates}
          onAdd={(userId, role) =>
            act(
              () => setMembership(unit.id, userId, role),
              `${people.find((p) => p.id === userId)?.name ?? 'They'} joined ${unit.name}.`,
            )
          }
        />
      )}

      {!archived && (
        <RenameForm
          current={unit.name}
          error={errorFor(problems, 'unit-name')}
          onRename={(name) => act(() => renameUnit(unit.id, name), 'The unit was renamed.')}
        />
      )}

      {!archived && (
        <section className="admin-section" aria-labelledby="archive-title">
          <h2 id="archive-title" className="heading-m">
            Archive this unit
          </h2>
          <p>
            An archived unit keeps its families’ history and its members can still read it. It takes
            no new members. An administrator can restore it later.
          </p>
          {confirmArchive ? (
            <div className="admin-confirm" role="group" aria-labelledby="archive-confirm-title">
              <p id="archive-confirm-title">
                <strong>Are you sure you want to archive {unit.name}?</strong>
              </p>
              <div className="button-group">
                <button
                  type="button"
                  className="button button--warning"
                  onClick={() => {
                    setConfirmArchive(false);
                    void act(() => archiveUnit(unit.id), `${unit.name} is archived.`);
                  }}
                >
                  Yes, archive {unit.name}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirmArchive(false)}
                >
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="button button--warning"
              onClick={() => setConfirmArchive(true)}
            >
              Archive unit
            </button>
          )}
        </section>
      )}
    </AdminPage>
  );
}

function MemberRow({
  member,
  archived,
  onRole,
  onRemove,
}: {
  member: AdminUnitDetail['members'][number];
  archived: boolean;
  onRole(role: string): void;
  onRemove(): void;
}) {
  const [role, setRole] = useState(member.role);
  const selectId = `role-${member.userId}`;
  return (
    <tr>
      <td className="table__cell">
        <Link to={adminPersonPath(member.userId)}>{member.name}</Link>
        <br />
        <span className="hint">{member.email}</span>
        {!member.active && (
          <>
            {' '}
            <StatusTag active={false}>Deactivated</StatusTag>
          </>
        )}
      </td>
      <td className="table__cell">{roleLabel(member.role)}</td>
      {!archived && (
        <td className="table__cell">
          <div className="admin-row-actions">
            <label className="visually-hidden" htmlFor={selectId}>
              New role for {member.name}
            </label>
            <select
              id={selectId}
              className="select"
              value={role}
              onChange={(event) => setRole(event.target.value)}
            >
              {MEMBER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={role === member.role}
              onClick={() => onRole(role)}
            >
              Change role<span className="visually-hidden"> of {member.name}</span>
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onRemove}
            >
              Remove<span className="visually-hidden"> {member.name}</span> from unit
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

function HandOverForm({
  handOver,
  people,
  error,
  onCancel,
  onConfirm,
}: {
  handOver: HandOver;
  people: AdminPerson[];
  error: string | undefined;
  onCancel(): void;
  onConfirm(replacementId: string): void;
}) {
  const [replacement, setReplacement] = useState('');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (replacement) onConfirm(replacement);
  };
  return (
    <section className="admin-section admin-confirm" aria-labelledby="handover-title">
      <h2 id="handover-title" className="heading-m">
        Who takes over from {handOver.name}?
      </h2>
      <p>A unit always keeps a consultant social worker. Choose who becomes its consultant.</p>
      <form onSubmit={onSubmit} noValidate>
        <PersonField
          id="replacement"
          label="New consultant social worker"
          error={error}
          value={replacement}
          onChange={setReplacement}
          people={people}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={!replacement}>
            Make them consultant and continue
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function AddMemberForm({
  candidates,
  onAdd,
}: {
  candidates: AdminPerson[];
  onAdd(userId: string, role: string): Promise<void>;
}) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<string>('social_worker');
  const [missing, setMissing] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!userId) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await onAdd(userId, role);
    setUserId('');
  };
  return (
    <section className="admin-section" aria-labelledby="add-member-title">
      <h2 id="add-member-title" className="heading-m">
        Add someone to this unit
      </h2>
      {candidates.length === 0 ? (
        <p>
          Everyone in Unitroom is already in this unit. <Link to="/admin/people">Add a person</Link>{' '}
          first.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <PersonField
            id="new-member"
            label="Person"
            hint="Someone not listed? Add them in People first."
            error={missing ? 'Choose who to add.' : undefined}
            value={userId}
            onChange={setUserId}
            people={candidates}
          />
          <RoleField
            id="new-member-role"
            label="Role in this unit"
            value={role}
            onChange={setRole}
          />
          <button type="submit" className="button">
            Add to unit
          </button>
        </form>
      )}
    </section>
  );
}

function RenameForm({
  current,
  error,
  onRename,
}: {
  current: string;
  error: string | undefined;
  onRename(name: string): Promise<void>;
}) {
  const [name, setName] = useState(current);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onRename(name);
  };
  return (
    <section className="admin-section" aria-labelledby="rename-title">
      <h2 id="rename-title" className="heading-m">
        Rename this unit
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField id="unit-name" label="Unit name" error={error} value={name} onChange={setName} />
        <button type="submit" className="button button--secondary">
          Rename unit
        </button>
      </form>
    </section>
  );
}
