import { useId } from 'react';
import { OpenItemsList } from './OpenItemsList';
import { useOpenItems } from './useOpenItems';
import './carryOver.css';

/**
 * At the start of a family's discussion: the actions agreed last time, so the discussion can
 * begin with "did it happen, what next?" (planned conversations are reviewed on the board).
 * Open by default when there is something to review; a summary line otherwise.
 */
export function CarriedForward({ familyId, meetingId }: { familyId: string; meetingId: string }) {
  const loaded = useOpenItems(familyId, meetingId);
  const headingId = useId();
  if (loaded.state !== 'ready') return null;
  const { items } = loaded;
  const count = items.actions.length;
  return (
    <section className="carried-forward" aria-labelledby={headingId}>
      <details open={count > 0}>
        <summary>
          <span id={headingId} className="carried-forward__title">
            Actions from last time
          </span>{' '}
          <span className="carried-forward__count">
            {count === 0
              ? 'nothing to review'
              : `${count} ${count === 1 ? 'action' : 'actions'} to review`}
          </span>
        </summary>
        <OpenItemsList items={items} headingLevel={3} />
      </details>
    </section>
  );
}
