import { useState } from 'react';
import { Link } from 'react-router';
import { meetingFamilyPath } from '../../navigation/paths';
import type { AgendaEntry } from './agenda';

interface AgendaRailProps {
  meetingId: string;
  agenda: AgendaEntry[];
  viewedFamilyId: string | null;
  chairFamilyId: string | null;
  /** Present for the chair only. */
  onFocusEveryone: ((familyId: string) => Promise<void>) | undefined;
}

export function AgendaRail({
  meetingId,
  agenda,
  viewedFamilyId,
  chairFamilyId,
  onFocusEveryone,
}: AgendaRailProps) {
  const [error, setError] = useState<string | null>(null);

  const focusEveryone = (familyId: string) => {
    if (!onFocusEveryone) return;
    setError(null);
    onFocusEveryone(familyId).catch((reason: unknown) =>
      setError(reason instanceof Error ? reason.message : 'The meeting could not be moved.'),
    );
  };

  return (
    <nav className="agenda" aria-label="Agenda">
      <h2 className="agenda__heading heading-s">Agenda</h2>
      {agenda.length === 0 ? (
        <p>No families are on this meeting's agenda yet.</p>
      ) : (
        <ol className="agenda__list">
          {agenda.map(({ family, timeboxMinutes }) => {
            const isViewed = family.id === viewedFamilyId;
            const isChairs = family.id === chairFamilyId;
            const detailsId = `agenda-${family.id}-details`;
            return (
              <li
                key={family.id}
                className={isViewed ? 'agenda__item agenda__item--viewed' : 'agenda__item'}
              >
                <Link
                  className="agenda__link"
                  to={meetingFamilyPath(meetingId, family.id)}
                  aria-current={isViewed ? 'true' : undefined}
                  aria-describedby={detailsId}
                >
                  {family.name}
                </Link>
                <p id={detailsId} className="agenda__details">
                  {timeboxMinutes} min{' '}
                  {isChairs && <strong className="tag tag--chair">Chair is here</strong>}
                </p>
                {onFocusEveryone && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => focusEveryone(family.id)}
                    // Starts with the visible words, so speech users can say what they see.
                    aria-label={`Focus everyone here: ${family.name}`}
                  >
                    Focus everyone here
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </nav>
  );
}
