import { ROLE_LABELS, type MeetingSummary } from '@unitroom/shared';
import type { UnitLive } from '../../sync/unitChannel';
import { uniqueMembers } from './members';

interface OnlineMembersProps {
  live: UnitLive;
  meetings: MeetingSummary[];
  selfId: string;
}

export function OnlineMembers({ live, meetings, selfId }: OnlineMembersProps) {
  const titleOf = (meetingId: string) =>
    meetings.find((meeting) => meeting.id === meetingId)?.title ?? 'a meeting';

  let body;
  if (!live.connected) body = <p role="status">Connecting to live updates…</p>;
  else if (live.online === null) body = <p role="status">Checking who is online…</p>;
  else {
    const members = uniqueMembers(live.online);
    body =
      members.length === 0 ? (
        <p>Nobody is online.</p>
      ) : (
        <ul className="member-list" aria-labelledby="online-heading">
          {members.map((member) => (
            <li key={member.userId} className="member-list__item">
              <span className="member-list__name">
                {member.name}
                {member.userId === selfId && ' (you)'}
              </span>{' '}
              <span className="member-list__role">{ROLE_LABELS[member.role]}</span>
              {member.meetingId !== null && (
                <span className="member-list__where"> · in {titleOf(member.meetingId)}</span>
              )}
            </li>
          ))}
        </ul>
      );
  }

  return (
    <section className="home-section" aria-labelledby="online-heading">
      <h2 id="online-heading" className="heading-m">
        Online now
      </h2>
      {body}
    </section>
  );
}
