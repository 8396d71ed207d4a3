import { canManageMeetings, type UnitMembership } from '@unitroom/shared';
import { Link } from 'react-router';
import { meetingPath, meetingPlanPath, scheduleMeetingsPath } from '../../navigation/paths';
import { formatMeetingDate, todayIsoDate } from '../../ui/dates';
import { thisWeeksMeeting } from './thisWeek';

export function ThisWeeksMeeting({ unit }: { unit: UnitMembership }) {
  const meeting = thisWeeksMeeting(unit.meetings, todayIsoDate());
  const manage = canManageMeetings(unit.role);
  const familyName = (familyId: string) =>
    unit.families.find((family) => family.id === familyId)?.name ?? 'A family';

  return (
    <section className="home-section this-week" aria-labelledby="this-week-heading">
      <h2 id="this-week-heading" className="heading-m">
        This week's meeting
      </h2>
      {!meeting ? (
        <>
          <p>No meeting is planned.</p>
          {manage && <Link to={scheduleMeetingsPath(unit.id)}>Schedule the weekly meeting</Link>}
        </>
      ) : (
        <>
          <p className="this-week__when">
            <strong>{meeting.title}</strong>, {formatMeetingDate(meeting.date)}
            {meeting.startTime && <> at {meeting.startTime}</>}
          </p>
          {meeting.agenda.length === 0 ? (
            <p>The agenda is empty.</p>
          ) : (
            <ol className="this-week__agenda">
              {[...meeting.agenda]
                .sort((a, b) => a.position - b.position)
                .map((item) => (
                  <li key={item.familyId}>
                    {familyName(item.familyId)} ({item.timeboxMinutes} min)
                    {item.carriedOver && <strong className="tag">Carried over</strong>}
                  </li>
                ))}
            </ol>
          )}
          <p className="this-week__links">
            <Link className="button" to={meetingPath(meeting.id)}>
              Open the meeting room
            </Link>{' '}
            <Link to={meetingPlanPath(meeting.id)}>
              {manage ? 'Plan the agenda' : 'See the plan'}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
