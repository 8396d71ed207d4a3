import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** Computed once per awareness change and cached, so React sees one object until it changes. */
function awarenessSnapshotStore<T>(awareness: Awareness, read: (awareness: Awareness) => T) {
  let snapshot: { value: T } | null = null;
  return {
    subscribe(onChange: () => void) {
      // `change` skips the 15-second keep-alive renewals that `update` reports.
      const handler = () => {
        snapshot = null;
        onChange();
      };
      awareness.on('change', handler);
      return () => awareness.off('change', handler);
    },
    getSnapshot(): T {
      snapshot ??= { value: read(awareness) };
      return snapshot.value;
    },
  };
}

/**
 * A value derived from everyone's awareness, kept current. `read` must be stable (module-level
 * or memoised): a new function means a new store.
 */
export function useAwarenessSnapshot<T>(
  awareness: Awareness,
  read: (awareness: Awareness) => T,
): T {
  const store = useMemo(() => awarenessSnapshotStore(awareness, read), [awareness, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
