import { BOARD_NOTE_KINDS, type BoardNote, type BoardNoteKind } from '@unitroom/shared';
import { useId, useState } from 'react';
import { Heading, below, type HeadingLevel } from '../../ui/Heading';
import { useBoardEnv } from './boardContext';

const NOTE_TITLES: Record<BoardNoteKind, string> = {
  dilemma: 'Dilemmas',
  script: 'Family scripts and beliefs',
  position: 'Our own position',
};

const NOTE_HINTS: Record<BoardNoteKind, string> = {
  dilemma: 'What pulls the unit, or the family, two ways at once.',
  script: 'Stories and rules the family lives by ("we sort things out ourselves").',
  position: 'What we bring: our assumptions, our feelings about the family, our part in it.',
};

/** Free notes beside the hypotheses. Everyone who may write adds; each removes only their own. */
export function BoardNotes({ notes, level }: { notes: BoardNote[]; level: HeadingLevel }) {
  const headingId = useId();
  return (
    <section className="board-notes" aria-labelledby={headingId}>
      <Heading level={level} id={headingId} className="heading-s">
        Dilemmas, scripts and our position
      </Heading>
      <div className="board-notes__groups">
        {BOARD_NOTE_KINDS.map((kind) => (
          <NoteGroup
            key={kind}
            kind={kind}
            notes={notes.filter((n) => n.kind === kind)}
            level={below(level)}
          />
        ))}
      </div>
    </section>
  );
}

function NoteGroup({
  kind,
  notes,
  level,
}: {
  kind: BoardNoteKind;
  notes: BoardNote[];
  level: HeadingLevel;
}) {
  const env = useBoardEnv();
  const inputId = useId();
  const [text, setText] = useState('');
  return (
    <div className="board-notes__group">
      <Heading level={level} className="heading-s">
        {NOTE_TITLES[kind]}
      </Heading>
      {notes.length === 0 ? (
        <p className="hint">{NOTE_HINTS[kind]}</p>
      ) : (
        <ul className="board-plain-list">
          {notes.map((note) => (
            <li key={note.id}>
              {note.text} <span className="board-author">({note.addedBy})</span>
              {env.abilities.contribute && note.addedBy === env.author && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => env.act((c) => c.deleteNote(note.id), 'Removed your note')}
                  >
                    Remove<span className="visually-hidden"> your note: {note.text}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {env.abilities.contribute && (
        <form
          className="board-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim() === '') return;
            if (env.act((c) => c.addNote(kind, text.trim(), env.author), 'Added a note'))
              setText('');
          }}
        >
          <label className="label" htmlFor={inputId}>
            Add to {NOTE_TITLES[kind].toLowerCase()}
          </label>
          <input
            id={inputId}
            className="input"
            type="text"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--small button--secondary">
            Add<span className="visually-hidden"> to {NOTE_TITLES[kind].toLowerCase()}</span>
          </button>
        </form>
      )}
    </div>
  );
}
