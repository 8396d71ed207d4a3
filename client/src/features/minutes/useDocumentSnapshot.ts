import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** How long a burst of typing may go on before readers see it: live, but not on every key. */
export const READ_DEBOUNCE_MS = 250;

/** A typed reading of a Y.Doc as an external store, re-read once changes settle. */
function snapshotStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T) {
  let snapshot = read(doc);
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    subscribe(onChange: () => void) {
      const onUpdate = () => {
        if (timer !== null) return;
        timer = setTimeout(() => {
          timer = null;
          snapshot = read(doc);
          onChange();
        }, READ_DEBOUNCE_MS);
      };
      doc.on('update', onUpdate);
      // Changes between the first read and subscribing are not lost: React reads again now.
      snapshot = read(doc);
      return () => {
        doc.off('update', onUpdate);
        if (timer !== null) clearTimeout(timer);
        timer = null;
      };
    },
    getSnapshot: () => snapshot,
  };
}

/**
 * A typed reading of a live Y.Doc (`readDiscussion`, `readBoard`...) for React: read once now,
 * then again after changes settle for `READ_DEBOUNCE_MS`. The snapshot keeps its identity between
 * changes, so memoised work downstream runs only when it must. `read` must be stable.
 */
export function useDocumentSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const store = useMemo(() => snapshotStore(doc, read), [doc, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
