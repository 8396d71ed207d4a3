import { useState } from 'react';
import type { SaveState } from '../../sync/saveTracker';
import './saveStatus.css';

const LABELS: Record<SaveState, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline',
  'offline-unsaved': 'Offline: not saved to the server yet',
  'refused-unsaved': 'Not saved to the server: kept on this computer only',
};

/** The states in which edits are not reaching the server: a person must hear of them. */
const TROUBLE: ReadonlySet<SaveState> = new Set(['offline', 'offline-unsaved', 'refused-unsaved']);
const SAVED_AGAIN = 'Connected again: every change is saved';

/**
 * What screen readers are told unasked, given the state and what they were told last: that
 * edits are not reaching the server, and that they are all saved once they are again. Not
 * "Saving…" and "Saved", which alternate at every keystroke while someone types: announced,
 * they would talk over the typing all meeting long. Between the two it says nothing new.
 */
function announcementOf(state: SaveState, last: string): string {
  if (TROUBLE.has(state)) return LABELS[state];
  if (state === 'saved' && last !== '' && last !== SAVED_AGAIN) return SAVED_AGAIN;
  return last;
}

export function SaveStatus({ state }: { state: SaveState }) {
  const [announced, setAnnounced] = useState('');
  // Derived from the previous render's announcement, as React advises for state that follows
  // props: set during render, not in an effect a frame later.
  const announcement = announcementOf(state, announced);
  if (announcement !== announced) setAnnounced(announcement);
  return (
    <>
      <p className={`save-status save-status--${state}`} data-testid="save-status">
        {LABELS[state]}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="save-announcement">
        {announcement}
      </p>
    </>
  );
}
