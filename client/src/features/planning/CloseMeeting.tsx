import type { CloseMeetingResponse, MeetingPlan } from '@unitroom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { closeMeeting } from '../../api/meetings';
import { useAuth } from '../../session/auth';
import { meetingPlanPath } from '../../navigation/paths';
import { toggled } from '../../ui/fields';

/**
 * Closing: the coordinator confirms which families the meeting reached (those the chair focused
 * are ticked); the others move to the top of the next meeting's agenda.
 */
export function CloseMeeting({
  plan,
  onClosed,
}: {
  plan: MeetingPlan;
  onClosed(result: CloseMeetingResponse): void;
}) {
  const { refreshMe } = useAuth();
  const [reached, setReached] = useState(
    () => new Set(plan.agenda.filter((item) => item.reached).map((item) => item.familyId)),
  );
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notReached = plan.agenda.filter((item) => !reached.has(item.familyId));

  const close = () => {
    setError(null);
    closeMeeting(plan.meeting.id, [...reached]).then(
      (closed) => {
        onClosed(closed);
        void refreshMe().catch(() => undefined);
      },
      (reason: unknown) =>
        setError(reason instanceof Error ? reason.message : 'The meeting could not be closed.'),
    );
  };

  return (
    <section className="home-section" aria-labelledby="close-heading">
      <h2 id="close-heading" className="heading-m">
        Close the meeting
      </h2>
      {plan.agenda.length > 0 && (
        <fieldset className="fieldset">
          <legend className="label">Which families did the meeting reach?</legend>
          <p className="hint">Families the chair focused are ticked already.</p>
          {plan.agenda.map((item) => {
            const id = `reached-${item.familyId}`;
            return (
              <div key={item.familyId} className="checkbox">
                <input
                  id={id}
                  className="checkbox__input"
                  type="checkbox"
                  checked={reached.has(item.familyId)}
                  onChange={(event) => {
                    setReached(toggled(reached, item.familyId, event.target.checked));
                    setConfirming(false);
                  }}
                />
                <label className="checkbox__label" htmlFor={id}>
                  {item.familyName}
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
      <p>
        {notReached.length === 0
          ? 'No family will be carried over.'
          : `Carried to the next meeting: ${notReached.map((item) => item.familyName).join(', ')}.`}
      </p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div className="close-confirm">
          <p className="notice__message">Closing cannot be undone. Close this meeting now?</p>
          <button type="button" className="button" onClick={close}>
            Yes, close the meeting
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Close the meeting
        </button>
      )}
    </section>
  );
}

/** What closing did, shown on the plan page once the meeting is closed. */
export function ClosedResult({ result }: { result: CloseMeetingResponse }) {
  return (
    <section className="home-section" aria-labelledby="closed-heading">
      <h2 id="closed-heading" className="heading-m">
        Meeting closed
      </h2>
      <p role="status">
        {result.carried.length === 0
          ? 'Every family was reached.'
          : `${result.carried.length} ${result.carried.length === 1 ? 'family moves' : 'families move'} to the next meeting.`}
      </p>
      <Link to={meetingPlanPath(result.nextMeetingId)}>Plan the next meeting</Link>
    </section>
  );
}
