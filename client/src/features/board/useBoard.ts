import { isTransactionOrigin, readBoard, type Board, type Genogram } from '@unitroom/shared';
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';

const isLocal = (origin: unknown) => isTransactionOrigin(origin) || origin instanceof Y.UndoManager;

/**
 * A counter that moves on every change of the document: at once for our own changes (so focus
 * can follow a card just moved), at most once per frame for remote ones (a reconnect replays many).
 */
function versionStore(doc: Y.Doc) {
  let version = 0;
  let frame = 0;
  const listeners = new Set<() => void>();
  const bump = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (isLocal(origin)) {
      cancelAnimationFrame(frame);
      frame = 0;
      bump();
      return;
    }
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      bump();
    });
  };
  return {
    subscribe(listener: () => void) {
      if (listeners.size === 0) doc.on('update', onUpdate);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        doc.off('update', onUpdate);
        cancelAnimationFrame(frame);
        frame = 0;
      };
    },
    getSnapshot: () => version,
  };
}

/**
 * The board of a family document, read with the genogram the view already holds (so both are
 * read from the same moment and the board names only people drawn on the genogram).
 */
export function useBoard(doc: Y.Doc, genogram: Genogram): Board {
  const store = useMemo(() => versionStore(doc), [doc]);
  const version = useSyncExternalStore(store.subscribe, store.getSnapshot);
  // `version` is what changes when the document does; readBoard reads the document itself.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readBoard(doc, genogram), [doc, genogram, version]);
}
