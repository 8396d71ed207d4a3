import { ROLE_LABELS, type UnitMembership } from '@unitroom/shared';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth';
import { useUnitLive } from '../../sync/unitChannel';
import { PageHeading } from '../../ui/PageHeading';
import { FamiliesList } from './FamiliesList';
import { LiveMeetingBanner } from './LiveMeetingBanner';
import { MeetingsList } from './MeetingsList';
import { OnlineMembers } from './OnlineMembers';
import { UnitPicker } from './UnitPicker';
import { ApprovalSetting } from '../finalisation/ApprovalSetting';

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
      <LiveMeetingBanner liveMeetings={live.liveMeetings} meetings={unit.meetings} />
      <div className="home-grid">
        <MeetingsList meetings={unit.meetings} />
        <FamiliesList families={unit.families} />
        <OnlineMembers live={live} meetings={unit.meetings} selfId={selfId} />
      </div>
      <ApprovalSetting unit={unit} />
    </div>
  );
}
