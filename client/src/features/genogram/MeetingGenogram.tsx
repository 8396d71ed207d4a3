import type { AwarenessUser, FamilySummary } from '@unitroom/shared';
import { useId, useState } from 'react';
import { useDocumentConnection, useSyncStatus } from '../../sync/documentConnection';
import { ConnectionRefused } from '../connection/ConnectionRefused';
import { GenogramWorkspace } from './GenogramWorkspace';

interface MeetingGenogramProps {
  family: FamilySummary;
  user: AwarenessUser;
  readOnly: boolean;
}

/**
 * The family's genogram inside the meeting room, above its minutes. Shown on request: it opens a
 * second live document (the family's), which old laptops on slow networks should not pay for
 * until someone wants it. Mount with `key={family.id}`.
 */
export function MeetingGenogram({ family, user, readOnly }: MeetingGenogramProps) {
  const [shown, setShown] = useState(false);
  const regionId = useId();
  return (
    <section className="meeting-genogram" aria-label={`Genogram of ${family.name}`}>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={shown}
        aria-controls={regionId}
        onClick={() => setShown((current) => !current)}
      >
        {shown ? 'Hide the genogram' : 'Show the genogram'}
      </button>
      <div id={regionId} hidden={!shown}>
        {shown && <ConnectedGenogram family={family} user={user} readOnly={readOnly} />}
      </div>
    </section>
  );
}

function ConnectedGenogram({ family, user, readOnly }: MeetingGenogramProps) {
  const connection = useDocumentConnection(family.docName, user);
  const status = useSyncStatus(connection?.saves ?? null);
  if (!connection) return <p>Connecting to the genogram…</p>;
  return (
    <>
      {status.closed && <ConnectionRefused closed={status.closed} />}
      <GenogramWorkspace
        doc={connection.doc}
        awareness={connection.provider.awareness}
        user={user}
        familyName={family.name}
        readOnly={readOnly || status.closed !== null}
        headingLevel={3}
      />
    </>
  );
}
