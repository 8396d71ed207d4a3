import type { ReactNode } from 'react';
import type { RoomTimers } from '../../sync/unitChannel';
import type { AgendaEntry } from './agenda';
import { FamilyTimer } from './FamilyTimer';

/**
 * The focused family in the room: a bar that never scrolls away (its name, its timer, following
 * the chair and the panes' own controls), then its panes.
 */
export function FamilyDiscussion({
  entry,
  timers,
  controls,
  children,
}: {
  entry: AgendaEntry;
  timers: RoomTimers | null;
  controls: ReactNode;
  children: ReactNode;
}) {
  const { family, timeboxMinutes } = entry;
  return (
    <article className="discussion room" aria-labelledby="discussion-heading">
      <div className="room-bar">
        <h2 id="discussion-heading" className="heading-m room-bar__family">
          {family.name}
        </h2>
        <FamilyTimer timers={timers} familyId={family.id} timeboxMinutes={timeboxMinutes} />
        {controls}
      </div>
      {children}
    </article>
  );
}

/** The family's facts at the top of its minutes. */
export function FamilyFacts({ entry }: { entry: AgendaEntry }) {
  const { family, timeboxMinutes } = entry;
  return (
    <p className="discussion__meta">
      {family.children.length > 0 && (
        <>Children: {family.children.map((child) => child.name).join(', ')} · </>
      )}
      Time planned: {timeboxMinutes} minutes
    </p>
  );
}
