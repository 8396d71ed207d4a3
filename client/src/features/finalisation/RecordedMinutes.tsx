import type { FamilySummary, Role, TransactionOrigin } from '@unitroom/shared';
import type * as Y from 'yjs';
import type { ReactNode } from 'react';
import { useDiscussionFinalised, useDiscussionStatusChanged } from '../../sync/unitChannel';
import { DiscussionRecord } from './DiscussionRecord';
import { useDiscussionStatus } from './useDiscussionStatus';

/**
 * A family's minutes with their record: the editor (given as `children`, told whether the
 * discussion is finalised so it shows it read-only), then where the minutes stand. Mount with
 * `key={familyId}`.
 */
export function RecordedMinutes({
  meetingId,
  family,
  role,
  readOnly,
  minutes,
  children,
}: {
  /** The live minutes, for "what changed since ready". */
  minutes?: { doc: Y.Doc; origin: TransactionOrigin };
  meetingId: string;
  family: FamilySummary;
  role: Role;
  readOnly: boolean;
  children: (finalised: boolean) => ReactNode;
}) {
  const state = useDiscussionStatus(meetingId, family.id);
  // Told the moment it is approved on any laptop, not at the next look-up.
  useDiscussionFinalised(meetingId, (familyId) => {
    if (familyId === family.id) state.refresh();
  });
  // Marked ready or back to draft on another laptop: the approver sees "Approve" at once ([W11]).
  useDiscussionStatusChanged(meetingId, (familyId) => {
    if (familyId === family.id) state.refresh();
  });
  const finalised = state.status?.state === 'approved';
  return (
    <>
      {children(finalised)}
      <DiscussionRecord
        meetingId={meetingId}
        family={family}
        role={role}
        readOnly={readOnly}
        state={state}
        {...(minutes ? { minutes } : {})}
      />
    </>
  );
}
