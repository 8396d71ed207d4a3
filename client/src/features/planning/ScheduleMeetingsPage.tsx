import { canManageMeetings } from '@unitroom/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { scheduleSeries } from '../../api/meetings';
import { useAuth, useMe } from '../../session/auth';
import { meetingPlanPath, unitHomePath } from '../../navigation/paths';
import { todayIsoDate } from '../../ui/dates';
import { PageHeading } from '../../ui/PageHeading';
import './planning.css';

/** `/units/:unitId/schedule`: the coordinator sets up the weekly meeting for the coming weeks. */
export function ScheduleMeetingsPage() {
  const me = useMe();
  const { refreshMe } = useAuth();
  const navigate = useNavigate();
  const { unitId } = useParams();
  const unit = me.units.find((candidate) => candidate.id === unitId && !candidate.guest);
  const [title, setTitle] = useState('Weekly unit meeting');
  const [firstDate, setFirstDate] = useState(todayIsoDate());
  const [startTime, setStartTime] = useState('09:30');
  const [weeks, setWeeks] = useState(4);
  const [error, setError] = useState<string | null>(null);

  if (!unit || !canManageMeetings(unit.role)) {
    return (
      <div className="page">
        <PageHeading>You cannot schedule meetings here</PageHeading>
        <p>The unit coordinator or the consultant social worker schedules the unit's meetings.</p>
        <p>
          <Link to="/">Go to your unit home</Link>
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    scheduleSeries(unit.id, { title, firstDate, startTime, weeks })
      .then(async ({ meetingIds }) => {
        await refreshMe().catch(() => undefined);
        const first = meetingIds[0];
        navigate(first ? meetingPlanPath(first) : unitHomePath(unit.id));
      })
      .catch((reason: unknown) =>
        setError(reason instanceof Error ? reason.message : 'The meetings could not be scheduled.'),
      );
  };

  return (
    <div className="page">
      <p>
        <Link to={unitHomePath(unit.id)}>Back to {unit.name}</Link>
      </p>
      <PageHeading>Schedule the weekly meeting</PageHeading>
      <form onSubmit={submit} noValidate={false}>
        <div className="form-group">
          <label className="label" htmlFor="series-title">
            Title
          </label>
          <input
            id="series-title"
            className="input"
            required
            maxLength={120}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="series-first-date">
            First meeting
          </label>
          <p id="series-first-date-hint" className="hint field-hint">
            The meeting repeats every week on this weekday.
          </p>
          <input
            id="series-first-date"
            className="input input--short"
            type="date"
            required
            aria-describedby="series-first-date-hint"
            value={firstDate}
            onChange={(event) => setFirstDate(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="series-start-time">
            Start time
          </label>
          <input
            id="series-start-time"
            className="input input--short"
            type="time"
            required
            value={startTime}
            onChange={(event) => setStartTime(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="series-weeks">
            Number of weeks to schedule now
          </label>
          <p id="series-weeks-hint" className="hint field-hint">
            1 to 12. Closing the last one schedules the next.
          </p>
          <input
            id="series-weeks"
            className="input input--short"
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            required
            aria-describedby="series-weeks-hint"
            value={weeks}
            onChange={(event) => setWeeks(Number(event.target.value) || 1)}
          />
        </div>
        {error && (
          <p className="error-message" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button">
          Schedule meetings
        </button>
      </form>
    </div>
  );
}
