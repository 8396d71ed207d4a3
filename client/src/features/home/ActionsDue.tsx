import { ACTIONS_DUE_WITHIN_DAYS, type OpenAction } from '@unitroom/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fetchActionsDue } from '../../api/meetings';
import { familyPath } from '../../navigation/paths';
import { todayIsoDate } from '../../ui/dates';
import { ActionLine } from '../carryOver';

type Loaded =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; actions: OpenAction[] };

/** Open actions due within a week or overdue, soonest first: the unit's list, never a tally. */
export function ActionsDue({ unitId }: { unitId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    fetchActionsDue(unitId, todayIsoDate()).then(
      (actions) => live && setLoaded({ state: 'ready', actions }),
      () => live && setLoaded({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [unitId]);

  return (
    <section className="home-section" aria-labelledby="actions-due-heading">
      <h2 id="actions-due-heading" className="heading-m">
        Actions due
      </h2>
      <p className="hint">
        From each family's last discussion: overdue, or due in the next {ACTIONS_DUE_WITHIN_DAYS}{' '}
        days.
      </p>
      {loaded.state === 'loading' && <p role="status">Loading actions…</p>}
      {loaded.state === 'failed' && (
        <p>Actions could not be loaded. Reload the page to try again.</p>
      )}
      {loaded.state === 'ready' &&
        (loaded.actions.length === 0 ? (
          <p>No actions are due this week.</p>
        ) : (
          <ul className="open-items__list">
            {loaded.actions.map((action, index) => (
              <li key={`${action.familyId}:${action.meetingId}:${index}`}>
                <Link to={familyPath(action.familyId)}>{action.familyName}</Link>:{' '}
                <ActionLine action={action} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
