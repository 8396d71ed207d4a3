import type { FamilySummary, Role } from '@unitroom/shared';
import type { ReactNode } from 'react';
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
  children,
}: {
  meetingId: string;
  family: FamilySummary;
  role: Role;
  readOnly: boolean;
  children: (finalised: boolean) => ReactNode;
}) {
  const state = useDiscussionStatus(meetingId, family.id);
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
      />
    </>
  );
}
