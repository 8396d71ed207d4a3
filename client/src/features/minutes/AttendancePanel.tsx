import { ROLE_LABELS, type Discussion, type TransactionOrigin } from '@unitroom/shared';
import { discussionCommands } from '@unitroom/shared/minutes';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';

interface AttendancePanelProps {
  doc: Y.Doc;
  origin: TransactionOrigin;
  discussion: Discussion;
  editable: boolean;
}

const minutesOf = (seconds: number) => Math.round(seconds / 60);

/** Who took part (filled from presence, editable) and how long the family was discussed. */
export function AttendancePanel({ doc, origin, discussion, editable }: AttendancePanelProps) {
  const headingId = useId();
  const nameId = useId();
  const descriptionId = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const commands = discussionCommands(doc, origin);
  const minutes = minutesOf(discussion.timeSpentSeconds);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Enter the name of the person to add.');
      return;
    }
    commands.addAttendee({ name, description });
    setName('');
    setDescription('');
    setError(null);
  };

  return (
    <section className="attendance" aria-labelledby={headingId}>
      <h3 id={headingId} className="heading-s">
        Who took part
      </h3>
      <p className="attendance__time" data-testid="time-spent">
        Time spent on this family: {minutes === 1 ? '1 minute' : `${minutes} minutes`}
      </p>
      {discussion.attendance.length === 0 ? (
        <p className="hint">
          Nobody yet: people in the meeting are added as the family is discussed.
        </p>
      ) : (
        <ul className="attendance__list">
          {discussion.attendance.map((attendee) => (
            <li key={attendee.id} className="attendance__person">
              <span>
                {attendee.name}
                <span className="attendance__role">
                  {attendee.role ? ` · ${ROLE_LABELS[attendee.role]}` : ''}
                  {attendee.description ? ` · ${attendee.description}` : ''}
                </span>
              </span>
              {editable && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => commands.removeAttendee(attendee.id)}
                >
                  Remove<span className="visually-hidden"> {attendee.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="attendance__add" onSubmit={add} noValidate>
          {error && (
            <p className="error-message" role="alert">
              {error}
            </p>
          )}
          <label htmlFor={nameId}>Name</label>
          <input
            id={nameId}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <label htmlFor={descriptionId}>Who they are (optional)</label>
          <input
            id={descriptionId}
            value={description}
            maxLength={200}
            onChange={(e) => setDescription(e.target.value)}
          />
          <button type="submit" className="button button--secondary button--small">
            Add someone
          </button>
        </form>
      )}
    </section>
  );
}
