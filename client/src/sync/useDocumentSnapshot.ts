import { isTransactionOrigin } from '@unitroom/shared';
import { useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';

/** How long a burst of typing may go on before readers see it: live, but not on every key. */
export const READ_DEBOUNCE_MS = 250;

/**
 * When a reading follows the document:
 * - `frame`: our own changes at once (so the picture and whatever the same event handler does
 *   next, such as focusing a person just added, render together), remote ones at most once per
 *   animation frame (a reconnect replays many in a burst);
 * - `settled`: every change once changes have settled for `READ_DEBOUNCE_MS` (text being typed).
 */
export type ReadPace = 'frame' | 'settled';

/** Our own commands, undos and redos; everything else came over the network. */
const isLocal = (origin: unknown) => isTransactionOrigin(origin) || origin instanceof Y.UndoManager;

/** A typed reading of a Y.Doc as an external store, read lazily and again after each change. */
function snapshotStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, pace: ReadPace) {
  let snapshot: { value: T } | null = null;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    snapshot = null;
    listeners.forEach((listener) => listener());
  };
  const cancel = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (pace === 'settled') {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        notify();
      }, READ_DEBOUNCE_MS);
      return;
    }
    if (isLocal(origin)) {
      cancel();
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
        // Changes that came before anyone listened were not scheduled: read afresh.
        snapshot = null;
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        doc.off('update', onUpdate);
        cancel();
      };
    },
    getSnapshot(): T {
      snapshot ??= { value: read(doc) };
      return snapshot.value;
    },
  };
}

/**
 * A typed reading of a live Y.Doc (`readGenogram`, `readDiscussion`...) for React, the one way
 * a view follows a document: read when first asked, then again after each change at the given
 * pace. The snapshot keeps its identity between changes, so memoised work downstream runs only
 * when it must. `read` must be stable (a module function, or memoised by the caller).
 */
export function useDocumentSnapshot<T>(
  doc: Y.Doc,
  read: (doc: Y.Doc) => T,
  pace: ReadPace = 'settled',
): T {
  const store = useMemo(() => snapshotStore(doc, read, pace), [doc, read, pace]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
