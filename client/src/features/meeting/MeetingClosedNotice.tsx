import { Link } from 'react-router';
import { meetingPath } from '../../navigation/paths';

/** Shown to everyone in the room when the coordinator closes the meeting. */
export function MeetingClosedNotice({ nextMeetingId }: { nextMeetingId: string }) {
  return (
    <div className="notice" role="status">
      <p className="notice__message">This meeting has been closed.</p>
      <p>Families the meeting did not reach have moved to the top of the next meeting's agenda.</p>
      <Link to={meetingPath(nextMeetingId)}>Go to the next meeting</Link>
    </div>
  );
}
