import type { DiscussionStatus, FamilySummary, Role } from '@unitroom/shared';
import { useEffect, useId, useState } from 'react';
import { fetchFamilyDiscussions } from '../../api/finalisation';
import { formatMeetingDate } from '../../ui/dates';
import { DiscussionRecord } from './DiscussionRecord';
import { useDiscussionStatus } from './useDiscussionStatus';

/** The family page's history of minutes: each meeting that had the family on its agenda. */
export function FamilyRecords({
  family,
  role,
  readOnly,
}: {
  family: FamilySummary;
  role: Role;
  readOnly: boolean;
}) {
  const headingId = useId();
  const [discussions, setDiscussions] = useState<DiscussionStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchFamilyDiscussions(family.id).then(
      (result) => !cancelled && setDiscussions(result.discussions),
      (failure: unknown) =>
        !cancelled && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [family.id]);

  return (
    <section className="family-records" aria-labelledby={headingId}>
      <h2 id={headingId} className="heading-m">
        Minutes
      </h2>
      {error ? (
        <p>Could not load the minutes: {error}</p>
      ) : !discussions ? (
        <p>Loading…</p>
      ) : discussions.length === 0 ? (
        <p>No meeting has discussed this family yet.</p>
      ) : (
        discussions.map((discussion) => (
          <MeetingRecord
            key={discussion.meetingId}
            discussion={discussion}
            family={family}
            role={role}
            readOnly={readOnly}
          />
        ))
      )}
    </section>
  );
}

function MeetingRecord({
  discussion,
  family,
  role,
  readOnly,
}: {
  discussion: DiscussionStatus;
  family: FamilySummary;
  role: Role;
  readOnly: boolean;
}) {
  const state = useDiscussionStatus(discussion.meetingId, family.id);
  return (
    <article className="family-records__meeting">
      <h3 className="heading-s">
        {discussion.meetingTitle}, {formatMeetingDate(discussion.meetingDate)}
      </h3>
      <DiscussionRecord
        meetingId={discussion.meetingId}
        family={family}
        role={role}
        readOnly={readOnly}
        state={state}
      />
    </article>
  );
}
