import type { ReactNode } from 'react';
import type { AgendaEntry } from './agenda';

/** The focused family's heading and facts above its minutes. */
export function FamilyDiscussion({ entry, children }: { entry: AgendaEntry; children: ReactNode }) {
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
      {children}
    </article>
  );
}
