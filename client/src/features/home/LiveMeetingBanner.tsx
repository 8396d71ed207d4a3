import type { LiveMeeting, MeetingSummary } from '@unitroom/shared';
import { Link } from 'react-router';
import { meetingPath } from '../../navigation/paths';
import { listNames, uniqueMembers } from './members';

interface LiveMeetingBannerProps {
  liveMeetings: LiveMeeting[];
  meetings: MeetingSummary[];
}

/** Only meetings of this unit that someone has open, so an empty room never says "live". */
export function LiveMeetingBanner({ liveMeetings, meetings }: LiveMeetingBannerProps) {
  const shown = liveMeetings.flatMap((live) => {
    const meeting = meetings.find((candidate) => candidate.id === live.meetingId);
    const present = uniqueMembers(live.present);
    return meeting && present.length > 0 ? [{ meeting, present }] : [];
  });

  return (
    // Always rendered, so a meeting going live is announced to screen readers as it happens.
    <div aria-live="polite">
      {shown.map(({ meeting, present }) => (
        <section
          key={meeting.id}
          className="live-banner"
          aria-labelledby={`live-${meeting.id}-heading`}
        >
          <h2 id={`live-${meeting.id}-heading`} className="live-banner__title">
            Meeting live now
          </h2>
          <p>
            <strong>{meeting.title}</strong>: {listNames(present.map((member) => member.name))}{' '}
            {present.length === 1 ? 'is' : 'are'} in it.
          </p>
          <Link className="button button--start" to={meetingPath(meeting.id)}>
            Join<span className="visually-hidden"> {meeting.title}</span>
          </Link>
        </section>
      ))}
    </div>
  );
}
