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

export function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p className={`save-status save-status--${state}`} data-testid="save-status" aria-live="polite">
      {LABELS[state]}
    </p>
  );
}
