import type { MeetingSummary } from '@unitroom/shared';
import { Link } from 'react-router';
import { meetingPath } from '../../navigation/paths';
import { formatMeetingDate, todayIsoDate } from '../../ui/dates';

export function MeetingsList({ meetings }: { meetings: MeetingSummary[] }) {
  const today = todayIsoDate();
  // ISO dates sort as strings; the newest meeting is the one people look for.
  const ordered = [...meetings].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section className="home-section" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading" className="heading-m">
        Meetings
      </h2>
      {ordered.length === 0 ? (
        <p>No meetings have been planned yet.</p>
      ) : (
        <ul className="card-list">
          {ordered.map((meeting) => {
            const isToday = meeting.date === today;
            return (
              <li key={meeting.id} className={isToday ? 'card card--today' : 'card'}>
                <Link className="card__title" to={meetingPath(meeting.id)}>
                  {meeting.title}
                </Link>
                <p className="card__meta">
                  {isToday && <strong className="tag tag--today">Today</strong>}
                  {meeting.status === 'closed' && <strong className="tag">Closed</strong>}{' '}
                  {formatMeetingDate(meeting.date)}
                  {' · '}
                  {meeting.agenda.length === 1
                    ? '1 family on the agenda'
                    : `${meeting.agenda.length} families on the agenda`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
