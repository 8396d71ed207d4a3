import type { DiscussionStatus } from '@unitroom/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchDiscussionStatus } from '../../api/finalisation';

/**
 * How often a discussion's state is looked up again while its page is open. In the meeting room
 * the unit channel says at once when it changes ([W11]); this is for the family page, and for
 * a laptop whose channel dropped the event.
 */
const REFRESH_MS = 5_000;
/** A finalised discussion changes only by addenda: a family page of a year's meetings stays quiet. */
const FINALISED_REFRESH_MS = 60_000;

export interface DiscussionStatusState {
  status: DiscussionStatus | null;
  error: string | null;
  /** Use the status a step returned, so the screen does not wait for the next refresh. */
  replace(status: DiscussionStatus): void;
  refresh(): void;
}

export function useDiscussionStatus(meetingId: string, familyId: string): DiscussionStatusState {
  const [status, setStatus] = useState<DiscussionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const finalised = status?.state === 'approved';

  useEffect(() => {
    let cancelled = false;
    fetchDiscussionStatus(meetingId, familyId).then(
      (next) => {
        if (cancelled) return;
        setStatus(next);
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    const timer = window.setTimeout(
      () => setTick((n) => n + 1),
      finalised ? FINALISED_REFRESH_MS : REFRESH_MS,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [meetingId, familyId, tick, finalised]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { status, error, replace: setStatus, refresh };
}
