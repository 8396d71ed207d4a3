import { colourFor, type AwarenessUser, type MeResponse } from '@unitroom/shared';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../session/auth';
import { unitHomePath } from '../../navigation/paths';
import { useDocumentConnection, useSyncStatus } from '../../sync/documentConnection';
import { PageHeading } from '../../ui/PageHeading';
import { ConnectionRefused } from '../connection';
import { SaveStatus } from '../connection';
import { PresenceList } from '../presence';
import { FamilySurfaces } from '../board';
import { FamilyHistory } from './FamilyHistory';
import { GenogramHistory } from './GenogramHistory';
import { DocumentHistoryPanel } from '../history';
import { FamilyRecords } from '../finalisation';
import { ClosedFamily } from '../families';
import { FamilyLifecycle } from '../families';
import './family.css';

function findFamily(me: MeResponse, familyId: string | undefined) {
  for (const unit of me.units) {
    const family = unit.families.find((candidate) => candidate.id === familyId);
    if (family) return { unit, family };
  }
  return null;
}

/** `/families/:familyId`: the family's living document (its genogram), outside any meeting. */
export function FamilyPage() {
  const me = useMe();
  const { familyId } = useParams();
  const found = findFamily(me, familyId);
  // [F8] A closed family is off the home page; its page still shows it, read-only, to its unit.
  if (!found && familyId) return <ClosedFamily key={familyId} familyId={familyId} />;
  if (!found) {
    return (
      <div className="page">
        <PageHeading>Family not found</PageHeading>
        <p>This family does not exist, or it is held by a unit you are not in.</p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }
  return <FamilyDocument key={found.family.id} {...found} user={me.user} />;
}

function FamilyDocument({
  unit,
  family,
  user,
}: NonNullable<ReturnType<typeof findFamily>> & { user: MeResponse['user'] }) {
  const awarenessUser = useMemo<AwarenessUser>(
    () => ({ id: user.id, name: user.name, role: unit.role, color: colourFor(user.id) }),
    [user.id, user.name, unit.role],
  );
  const connection = useDocumentConnection(family.docName, awarenessUser);
  const status = useSyncStatus(connection?.saves ?? null);
  return (
    <div className="page family-page">
      <p>
        <Link to={unitHomePath(unit.id)}>Back to {unit.name}</Link>
      </p>
      <div className="family-page__header">
        <PageHeading>{family.name}</PageHeading>
        <div className="family-page__status">
          <SaveStatus state={status.save} />
          {connection && (
            <PresenceList
              awareness={connection.provider.awareness}
              selfId={user.id}
              label="Looking at this family"
            />
          )}
        </div>
      </div>
      {family.children.length > 0 && (
        <p className="discussion__meta">
          Children: {family.children.map((child) => child.name).join(', ')}
        </p>
      )}
      {status.closed && <ConnectionRefused closed={status.closed} />}
      {connection ? (
        <FamilySurfaces
          doc={connection.doc}
          awareness={connection.provider.awareness}
          user={awarenessUser}
          familyName={family.name}
          readOnly={unit.readOnly || unit.guest || status.closed !== null}
          meeting={null}
          meetings={unit.meetings}
          unitId={unit.id}
        />
      ) : (
        <p>Connecting…</p>
      )}
      {!unit.guest && (
        <GenogramHistory familyId={family.id} familyName={family.name} user={awarenessUser} />
      )}
      {!unit.guest && (
        <DocumentHistoryPanel
          docName={`family:${family.id}`}
          subject="this family's genogram and board"
          canRestore={!unit.readOnly}
          cannotRestoreReason="Your role reads the family only; a member who may write can restore."
        />
      )}
      {/* [M9] The unit's record and history of a family are for members only. */}
      {!unit.guest && <FamilyRecords family={family} role={unit.role} readOnly={unit.readOnly} />}
      {!unit.guest && <FamilyHistory familyId={family.id} />}
      {!unit.guest && <FamilyLifecycle familyId={family.id} />}
    </div>
  );
}
