import {
  ROLE_LABELS,
  canManageMeetings,
  canOpenFamily,
  type UnitMembership,
} from '@unitroom/shared';
import { Link, useSearchParams } from 'react-router';
import { meetingPath, openFamilyPath, scheduleMeetingsPath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';
import { useMe } from '../../session/auth';
import { useUnitLive } from '../../sync/unitChannel';
import { PageHeading } from '../../ui/PageHeading';
import { ActionsDue } from './ActionsDue';
import { FamiliesByLastDiscussed } from './FamiliesByLastDiscussed';
import { LiveMeetingBanner } from './LiveMeetingBanner';
import { MeetingsList } from './MeetingsList';
import { OnlineMembers } from './OnlineMembers';
import { ThisWeeksMeeting } from './ThisWeeksMeeting';
import { UnitPicker } from './UnitPicker';
import { ApprovalSetting } from '../finalisation';
import './home.css';

export function UnitHomePage() {
  const me = useMe();
  const [params] = useSearchParams();
  const unit = me.units.find((candidate) => candidate.id === params.get('unit')) ?? me.units[0];

  if (!unit) {
    return (
      <div className="page">
        <PageHeading>You are not in a unit yet</PageHeading>
        <p>
          Ask your unit coordinator or consultant social worker to add you to your unit. Once they
          have, sign out and sign in again.
        </p>
      </div>
    );
  }
  if (unit.guest) return <GuestHome key={`${unit.id}:guest`} unit={unit} units={me.units} />;
  return <UnitHome key={unit.id} unit={unit} units={me.units} selfId={me.user.id} />;
}

interface UnitHomeProps {
  unit: UnitMembership;
  units: UnitMembership[];
  selfId: string;
}

function UnitHome({ unit, units, selfId }: UnitHomeProps) {
  const live = useUnitLive(unit.id);
  return (
    <div className="page">
      {units.length > 1 && <UnitPicker units={units} selectedId={unit.id} />}
      <PageHeading>{unit.name}</PageHeading>
      <p className="lead">
        Your role: <strong>{ROLE_LABELS[unit.role]}</strong>
      </p>
      {canOpenFamily(unit.role) && (
        <p>
          <Link className="button button--secondary" to={openFamilyPath(unit.id)}>
            Open a family
          </Link>
        </p>
      )}
      <LiveMeetingBanner liveMeetings={live.liveMeetings} meetings={unit.meetings} />
      <div className="home-grid">
        <ThisWeeksMeeting unit={unit} />
        <ActionsDue unitId={unit.id} />
        <FamiliesByLastDiscussed families={unit.families} />
        <OnlineMembers live={live} meetings={unit.meetings} selfId={selfId} />
        <div>
          <MeetingsList meetings={unit.meetings} />
          {canManageMeetings(unit.role) && (
            <p>
              <Link to={scheduleMeetingsPath(unit.id)}>Schedule the weekly meeting</Link>
            </p>
          )}
        </div>
      </div>
      <ApprovalSetting unit={unit} />
    </div>
  );
}

/**
 * A guest (a partner professional) sees the meeting they were invited to and nothing else of the
 * unit: no presence, no other families or meetings.
 */
function GuestHome({ unit, units }: { unit: UnitMembership; units: UnitMembership[] }) {
  return (
    <div className="page">
      {units.length > 1 && <UnitPicker units={units} selectedId={unit.id} />}
      <PageHeading>{unit.name}</PageHeading>
      <p className="lead">
        You are a guest of this unit for one meeting
        {unit.readOnly ? ', and can read but not change its records.' : '.'}
      </p>
      {unit.meetings.map((meeting) => (
        <section key={meeting.id} className="home-section" aria-labelledby={`guest-${meeting.id}`}>
          <h2 id={`guest-${meeting.id}`} className="heading-m">
            {meeting.title}
          </h2>
          <p>
            {formatMeetingDate(meeting.date)}
            {meeting.startTime && <> at {meeting.startTime}</>}
          </p>
          <Link className="button" to={meetingPath(meeting.id)}>
            Join the meeting
          </Link>
        </section>
      ))}
    </div>
  );
}
