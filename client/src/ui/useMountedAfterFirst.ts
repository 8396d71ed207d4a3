import { useEffect, useState } from 'react';

/**
 * False on the first render, then true once that render has been painted. A part that is
 * expensive to draw but not what the person came for first (the genogram and board beside the
 * minutes, the history and prompts below them) waits behind this, so the first render is only
 * what they need at once and is on screen, usable, before the rest is drawn.
 *
 * Not a transition: a transition's render is thrown away and started again whenever an urgent
 * update arrives, and while the room starts, the connections' status, presence and sync send
 * many; on a slow laptop that cost more work than it saved.
 */
export function useMountedAfterFirst(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame is painted after its animation frame callbacks; the timer runs after the paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setMounted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return mounted;
}
