import { useEffect, useState } from 'react';
import type { RoomTimers } from '../../sync/unitChannel';

const TICK_MS = 1000;

/** Milliseconds this family has been discussed, by the server's clock. */
export function elapsedMs(timers: RoomTimers | null, familyId: string, now: number): number {
  const timer = timers?.timers.find((candidate) => candidate.familyId === familyId);
  if (!timer) return 0;
  const running =
    timer.runningSince === null
      ? 0
      : Math.max(0, now + (timers?.clockOffsetMs ?? 0) - timer.runningSince);
  return timer.elapsedMs + running;
}

const clock = (ms: number) => {
  const totalSeconds = Math.floor(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes}:${String(totalSeconds % 60).padStart(2, '0')}`;
};

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const interval = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(interval);
  }, [ticking]);
  // While stopped the time is a stored total, so a stale `now` changes nothing on screen.
  return now;
}

/**
 * The family's discussion time against its time box, the same on every screen: it runs while the
 * chair's focus is on the family. Not a live region: a ticking clock read aloud every second
 * would drown the meeting; the time is read when someone moves to it.
 */
export function FamilyTimer({
  timers,
  familyId,
  timeboxMinutes,
}: {
  timers: RoomTimers | null;
  familyId: string;
  timeboxMinutes: number;
}) {
  const running =
    timers?.timers.some((timer) => timer.familyId === familyId && timer.runningSince !== null) ??
    false;
  const now = useNow(running);
  const spent = elapsedMs(timers, familyId, now);
  const boxMs = timeboxMinutes * 60_000;
  const over = spent > boxMs;
  const overMinutes = Math.ceil((spent - boxMs) / 60_000);
  return (
    <p
      className={over ? 'family-timer family-timer--over' : 'family-timer'}
      data-testid="family-timer"
    >
      <span className="family-timer__label">
        {running ? 'Time on this family' : 'Time so far'}:
      </span>{' '}
      <strong className="family-timer__clock">{clock(spent)}</strong> of {timeboxMinutes} min
      {over && <> ({overMinutes} min over)</>}
      {!running && spent === 0 && <span className="hint"> · starts when the chair focuses it</span>}
    </p>
  );
}
