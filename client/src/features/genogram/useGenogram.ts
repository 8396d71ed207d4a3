import {
  isTransactionOrigin,
  layoutGenogram,
  readGenogram,
  type Genogram,
  type GenogramLayout,
} from '@unitroom/shared';
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';

/** Our own commands, undos and redos; everything else came over the network. */
const isLocal = (origin: unknown) => isTransactionOrigin(origin) || origin instanceof Y.UndoManager;

/**
 * The genogram of a family document as an external store. Remote updates arrive in bursts (a
 * reconnect replays many), so they are read at most once per animation frame. Our own changes are
 * read at once, so the picture and whatever the same event handler does next (focus the person
 * just added, end a drag) render together.
 */
function genogramStore(doc: Y.Doc) {
  let snapshot: Genogram | null = null;
  let frame = 0;
  const listeners = new Set<() => void>();
  const notify = () => {
    snapshot = null;
    listeners.forEach((listener) => listener());
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (isLocal(origin)) {
      cancelAnimationFrame(frame);
      frame = 0;
      notify();
      return;
    }
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      notify();
    });
  };
  return {
    subscribe(listener: () => void) {
      if (listeners.size === 0) {
        doc.on('update', onUpdate);
        // Updates that came before anyone listened were not scheduled: read afresh.
        snapshot = null;
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        doc.off('update', onUpdate);
        cancelAnimationFrame(frame);
        frame = 0;
      };
    },
    getSnapshot(): Genogram {
      snapshot ??= readGenogram(doc);
      return snapshot;
    },
  };
}

export function useGenogram(doc: Y.Doc): Genogram {
  const store = useMemo(() => genogramStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** A person shown somewhere other than where the document puts them, while being dragged. */
export interface DragOffset {
  personId: string;
  dx: number;
  dy: number;
}

/**
 * The layout as stored (`base`: what the view fits to, so the view holds still while someone
 * drags) and as drawn (`drawn`: with drags in progress, ours and other people's, applied as if
 * they were stored nudges, so every line attached to a dragged person follows it). Memoised: the
 * layout is the most expensive thing the canvas computes.
 */
export function useGenogramLayouts(
  genogram: Genogram,
  drags: readonly DragOffset[],
): { base: GenogramLayout; drawn: GenogramLayout } {
  const base = useMemo(() => layoutGenogram(genogram), [genogram]);
  const drawn = useMemo(() => {
    const known = drags.filter((drag) => genogram.people.some((p) => p.id === drag.personId));
    if (known.length === 0) return base;
    const nudges = { ...genogram.nudges };
    for (const drag of known)
      nudges[drag.personId as keyof typeof nudges] = { dx: drag.dx, dy: drag.dy };
    return layoutGenogram({ ...genogram, nudges });
  }, [genogram, drags, base]);
  return { base, drawn };
}
