import type { ReactNode } from 'react';
import type { RoomTimers } from '../../sync/unitChannel';
import { CarriedForward } from '../carryOver/CarriedForward';
import type { AgendaEntry } from './agenda';
import { FamilyTimer } from './FamilyTimer';

/** The focused family's heading and facts above its minutes. */
export function FamilyDiscussion({
  entry,
  meetingId,
  timers,
  children,
}: {
  entry: AgendaEntry;
  meetingId: string;
  timers: RoomTimers | null;
  children: ReactNode;
}) {
  const { family, timeboxMinutes } = entry;
  return (
    <article className="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading" className="heading-m">
        {family.name}
      </h2>
      <p className="discussion__meta">
        {family.children.length > 0 && (
          <>Children: {family.children.map((child) => child.name).join(', ')} · </>
        )}
        Time planned: {timeboxMinutes} minutes
      </p>
      <FamilyTimer timers={timers} familyId={family.id} timeboxMinutes={timeboxMinutes} />
      <CarriedForward key={family.id} familyId={family.id} meetingId={meetingId} />
      {children}
    </article>
  );
}
