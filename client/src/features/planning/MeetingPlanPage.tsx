import { canManageMeetings, type CloseMeetingResponse, type MeetingPlan } from '@unitroom/shared';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchMeetingPlan } from '../../api/meetings';
import { ApiRequestError } from '../../api/http';
import { useMe } from '../../session/auth';
import { meetingPath, unitHomePath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { AgendaEditor } from './AgendaEditor';
import { ClosedResult, CloseMeeting } from './CloseMeeting';
import { GuestsPanel } from './GuestsPanel';
import './planning.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed' }
  | { status: 'ready'; plan: MeetingPlan };

/** `/meetings/:meetingId/plan`: the coordinator's page for one meeting. Members may read it. */
export function MeetingPlanPage() {
  const { meetingId = '' } = useParams();
  // A new meeting is a new page: nothing of the previous one's state carries over.
  return <MeetingPlanView key={meetingId} meetingId={meetingId} />;
}

function MeetingPlanView({ meetingId }: { meetingId: string }) {
  const me = useMe();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [justClosed, setJustClosed] = useState<CloseMeetingResponse | null>(null);

  const load = useCallback(() => {
    fetchMeetingPlan(meetingId).then(
      (plan) => setLoaded({ status: 'ready', plan }),
      (error: unknown) =>
        setLoaded({
          status: error instanceof ApiRequestError && error.status === 404 ? 'missing' : 'failed',
        }),
    );
  }, [meetingId]);
  useEffect(load, [load]);

  if (loaded.status === 'loading') return <Loading>Loading the meeting plan…</Loading>;
  if (loaded.status !== 'ready') {
    return (
      <div className="page">
        <PageHeading>
          {loaded.status === 'missing' ? 'Meeting not found' : 'The plan could not be loaded'}
        </PageHeading>
        <p>
          {loaded.status === 'missing'
            ? 'This meeting does not exist, or it belongs to a unit you are not in.'
            : 'Check your connection and reload the page.'}
        </p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }

  const { plan } = loaded;
  const unit = me.units.find((candidate) => candidate.id === plan.meeting.unitId);
  const manage = plan.canManage && unit !== undefined && canManageMeetings(unit.role);
  const closed = plan.meeting.status === 'closed';
  const setPlan = (next: MeetingPlan) => setLoaded({ status: 'ready', plan: next });

  return (
    <div className="page plan-page">
      {unit && (
        <p>
          <Link to={unitHomePath(unit.id)}>Back to {unit.name}</Link>
        </p>
      )}
      <PageHeading>{`Plan: ${plan.meeting.title}`}</PageHeading>
      <p className="lead">
        {formatMeetingDate(plan.meeting.date)}
        {plan.meeting.startTime && <> at {plan.meeting.startTime}</>}
        {closed && <strong className="tag">Closed</strong>}
      </p>
      <p>
        <Link to={meetingPath(plan.meeting.id)}>Open the meeting room</Link>
      </p>
      {justClosed && <ClosedResult result={justClosed} />}
      {closed && (
        <div className="notice" role="status">
          <p className="notice__message">This meeting is closed and can no longer change.</p>
        </div>
      )}
      <AgendaEditor
        key={plan.meeting.id}
        plan={plan}
        editable={manage && !closed}
        onSaved={setPlan}
      />
      {manage && !closed && (
        <>
          <GuestsPanel meetingId={plan.meeting.id} guests={plan.guests} onChanged={load} />
          <CloseMeeting
            plan={plan}
            onClosed={(result) => {
              setJustClosed(result);
              load();
            }}
          />
        </>
      )}
    </div>
  );
}
