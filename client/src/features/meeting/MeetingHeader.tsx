import type { MeetingSummary } from '@unitroom/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { unitHomePath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';
import { PageHeading } from '../../ui/PageHeading';

interface MeetingHeaderProps {
  meeting: MeetingSummary;
  unit: { id: string; name: string };
  status: ReactNode;
  presence: ReactNode;
  /** Controls of the room itself, such as presentation mode. */
  controls?: ReactNode;
}

export function MeetingHeader({ meeting, unit, status, presence, controls }: MeetingHeaderProps) {
  return (
    <div className="meeting-header">
      <div className="meeting-header__title">
        <Link className="meeting-header__back" to={unitHomePath(unit.id)}>
          Back to {unit.name}
        </Link>
        <PageHeading>{meeting.title}</PageHeading>
        <p className="meeting-header__date">{formatMeetingDate(meeting.date)}</p>
      </div>
      <div className="meeting-header__live">
        {status}
        {presence}
        {controls}
      </div>
    </div>
  );
}
