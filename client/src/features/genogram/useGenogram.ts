import { layoutGenogram, readGenogram, type Genogram, type GenogramLayout } from '@unitroom/shared';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { useDocumentSnapshot } from '../../sync/useDocumentSnapshot';

/** The genogram of a family document, following it at the pace of frames (see `ReadPace`). */
export function useGenogram(doc: Y.Doc): Genogram {
  return useDocumentSnapshot(doc, readGenogram, 'frame');
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
