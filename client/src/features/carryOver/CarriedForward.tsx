import { useId } from 'react';
import { OpenItemsList } from './OpenItemsList';
import { useOpenItems } from './useOpenItems';

/**
 * At the start of a family's discussion: what the unit planned last time, so the discussion can
 * begin with "did it happen, what did we learn, what next?". Open by default when there is
 * something to review; a summary line otherwise.
 */
export function CarriedForward({ familyId, meetingId }: { familyId: string; meetingId: string }) {
  const loaded = useOpenItems(familyId, meetingId);
  const headingId = useId();
  if (loaded.state !== 'ready') return null;
  const { items } = loaded;
  const count = items.actions.length + items.conversations.length;
  return (
    <section className="carried-forward" aria-labelledby={headingId}>
      <details open={count > 0}>
        <summary>
          <span id={headingId} className="carried-forward__title">
            From last time
          </span>{' '}
          <span className="carried-forward__count">
            {count === 0
              ? 'nothing to review'
              : `${items.actions.length} ${items.actions.length === 1 ? 'action' : 'actions'}, ${items.conversations.length} planned ${items.conversations.length === 1 ? 'conversation' : 'conversations'}`}
          </span>
        </summary>
        <OpenItemsList items={items} headingLevel={3} />
      </details>
    </section>
  );
}
