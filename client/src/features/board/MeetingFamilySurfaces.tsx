import type { AwarenessUser, FamilySummary, MeetingId, MeetingSummary } from '@unitroom/shared';
import { useId, useState } from 'react';
import { useSyncStatus, type DocumentConnection } from '../../sync/documentConnection';
import { ConnectionRefused } from '../connection/ConnectionRefused';
import { FamilySurfaces } from './FamilySurfaces';

interface MeetingFamilySurfacesProps {
  family: FamilySummary;
  /** The family document's connection, shared with the minutes' live links and prompts. */
  connection: DocumentConnection | null;
  meeting: MeetingSummary;
  meetings: readonly MeetingSummary[];
  unitId: string;
  user: AwarenessUser;
  readOnly: boolean;
}

/**
 * The focused family's living document in the meeting room: its hypotheses board at once (so last
 * time's planned conversations come up as the family does), its genogram beside it on request
 * (drawing it is what old laptops pay for). Mount with `key={family.id}`.
 */
export function MeetingFamilySurfaces({
  family,
  connection,
  meeting,
  meetings,
  unitId,
  user,
  readOnly,
}: MeetingFamilySurfacesProps) {
  const [genogramShown, setGenogramShown] = useState(false);
  const regionId = useId();
  const status = useSyncStatus(connection?.saves ?? null);
  return (
    <section className="meeting-genogram" aria-label={`Genogram and hypotheses of ${family.name}`}>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={genogramShown}
        aria-controls={regionId}
        onClick={() => setGenogramShown((current) => !current)}
      >
        {genogramShown ? 'Hide the genogram' : 'Show the genogram'}
      </button>
      <div id={regionId}>
        {status.closed && <ConnectionRefused closed={status.closed} />}
        {connection ? (
          <FamilySurfaces
            doc={connection.doc}
            awareness={connection.provider.awareness}
            user={user}
            familyName={family.name}
            readOnly={readOnly || status.closed !== null}
            meeting={{ id: meeting.id as MeetingId, date: meeting.date }}
            meetings={meetings}
            unitId={unitId}
            headingLevel={3}
            showGenogram={genogramShown}
          />
        ) : (
          <p>Connecting to the family&rsquo;s genogram and board…</p>
        )}
      </div>
    </section>
  );
}
