import type { AwarenessUser, FamilySummary, MeetingId, MeetingSummary } from '@unitroom/shared';
import { useMemo, type ReactNode } from 'react';
import { useSyncStatus, type DocumentConnection } from '../../sync/documentConnection';
import { ConnectionRefused } from '../connection';
import { FamilySurfaces, type OpenedItems } from './FamilySurfaces';

interface MeetingFamilySurfacesProps {
  family: FamilySummary;
  /** The family document's connection, shared with the minutes' live links and prompts. */
  connection: DocumentConnection | null;
  meeting: MeetingSummary;
  meetings: readonly MeetingSummary[];
  unitId: string;
  user: AwarenessUser;
  readOnly: boolean;
  /** Whether the genogram's pane is open: drawing it is what old laptops pay for. */
  showGenogram: boolean;
  /** Puts the genogram and the board into the room's panes. */
  arrange: (parts: { genogram: ReactNode; board: ReactNode }) => ReactNode;
  /** The chair's person and hypothesis to open, while following ([W10]). */
  shown?: OpenedItems;
  onOpened?(opened: OpenedItems): void;
}

/**
 * The focused family's living document in the meeting room: its genogram and its hypotheses
 * board, each in a pane of its own. Mount with `key={family.id}`.
 */
export function MeetingFamilySurfaces({
  family,
  connection,
  meeting,
  meetings,
  unitId,
  user,
  readOnly,
  showGenogram,
  arrange,
  shown,
  onOpened,
}: MeetingFamilySurfacesProps) {
  const status = useSyncStatus(connection?.saves ?? null);
  // The same object while the meeting is, so the board is not drawn again for a new one.
  const boardMeeting = useMemo(
    () => ({ id: meeting.id as MeetingId, date: meeting.date }),
    [meeting.id, meeting.date],
  );
  if (!connection) {
    const waiting = <p>Connecting to the family&rsquo;s genogram and board…</p>;
    return arrange({ genogram: waiting, board: waiting });
  }
  const refused = status.closed && <ConnectionRefused closed={status.closed} />;
  return (
    <FamilySurfaces
      doc={connection.doc}
      awareness={connection.provider.awareness}
      user={user}
      familyName={family.name}
      readOnly={readOnly || status.closed !== null}
      meeting={boardMeeting}
      meetings={meetings}
      unitId={unitId}
      headingLevel={3}
      showGenogram={showGenogram}
      // The minutes, in the same panes, are what the person opened the room for.
      drawAfterFirstPaint
      shown={shown}
      onOpened={onOpened}
      arrange={({ genogram, board }) =>
        arrange({
          genogram,
          board: (
            <>
              {refused}
              {board}
            </>
          ),
        })
      }
    />
  );
}
