import type { MeResponse } from '@unitroom/shared';
import { Link, useMatch, useParams } from 'react-router';
import { useMe } from '../../session/auth';
import { PageHeading } from '../../ui/PageHeading';
import { MeetingRoom } from './MeetingRoom';

function findMeeting(me: MeResponse, meetingId: string | undefined) {
  for (const unit of me.units) {
    const meeting = unit.meetings.find((candidate) => candidate.id === meetingId);
    if (meeting) return { unit, meeting };
  }
  return null;
}

/** `/meetings/:meetingId` follows the chair; `/meetings/:meetingId/families/:familyId` does not. */
export function MeetingRoomPage() {
  const me = useMe();
  const { meetingId } = useParams();
  const familyRoute = useMatch('/meetings/:meetingId/families/:familyId');
  const found = findMeeting(me, meetingId);

  if (!found) {
    return (
      <div className="page">
        <PageHeading>Meeting not found</PageHeading>
        <p>This meeting does not exist, or it belongs to a unit you are not in.</p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }
  return (
    <MeetingRoom
      key={found.meeting.id}
      unit={found.unit}
      meeting={found.meeting}
      user={me.user}
      routeFamilyId={familyRoute?.params.familyId}
    />
  );
}
