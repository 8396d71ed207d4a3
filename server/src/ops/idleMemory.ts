import { openNativeHeap } from './nativeHeap.js';

/** How long documents must have stopped unloading before the freed native memory is trimmed. */
const UNLOADS_SETTLE_MS = 30_000;
/** How long a server with no document loaded and no connection open waits to collect and trim. */
const IDLE_RECLAIM_MS = 5_000;

/**
 * Giving memory back to the system when the server falls idle ([H1]-[H3]): SQLite's page cache,
 * glibc's free pages (`malloc_trim` through koffi) and, with a collector to call, V8's heap.
 * Off unless `UNITROOM_RECLAIM_IDLE_MEMORY=true` (docs/operations.md): the figures in
 * docs/performance-log.md show what it changes. Off, every hook is a no-op and koffi is never
 * loaded.
 */
export interface IdleMemory {
  /** No document is loaded any more. */
  onIdle(): void;
  /** A document unloaded while others stay open. */
  onUnload(): void;
  /** A TCP connection closed. */
  onConnectionClosed(): void;
  close(): void;
}

export function idleMemory(options: {
  enabled: boolean;
  log: (message: string, error?: unknown) => void;
  /** A full V8 collection; absent, V8 decides when to give its heap back. */
  collectGarbage?: (() => void) | undefined;
  /** Shrinks the store's own caches (SQLite's page cache). */
  releaseStoreMemory: () => void;
  /** No document loaded and no connection open: a pause of the event loop costs nobody. */
  nobodyThere: () => boolean;
}): IdleMemory {
  if (!options.enabled) {
    const nothing = () => undefined;
    return { onIdle: nothing, onUnload: nothing, onConnectionClosed: nothing, close: nothing };
  }
  const nativeHeap = openNativeHeap(options.log, options.collectGarbage);
  // A full collection pauses the event loop for as long as the heap is large, so it waits until
  // no document is loaded and nobody is connected at all: a REST caller must not pay for it.
  const reclaimWhenNobodyThere = () => {
    if (options.nobodyThere()) nativeHeap.reclaimSoon(IDLE_RECLAIM_MS, options.nobodyThere);
  };
  return {
    onIdle() {
      // SQLite's page cache first: what it frees is what the trim then gives back.
      options.releaseStoreMemory();
      nativeHeap.trimSoon(0);
      // Then what V8 holds: the heap it grew while documents were loaded and the native memory
      // of Buffers it has not yet found dead; or once the last connection closes.
      reclaimWhenNobodyThere();
    },
    // Documents closing while others stay open (one unit's meeting ends, another's goes on):
    // give back what they freed once closing has paused.
    onUnload: () => nativeHeap.trimSoon(UNLOADS_SETTLE_MS),
    onConnectionClosed: reclaimWhenNobodyThere,
    close: () => nativeHeap.close(),
  };
}

/**
 * V8's full collection without `--expose-gc` on the command line: the flag is set at run time and
 * the `gc` function taken from a fresh context, which sees it.
 */
export async function exposedGarbageCollector(): Promise<() => void> {
  if (globalThis.gc) return globalThis.gc;
  const [v8, vm] = await Promise.all([import('node:v8'), import('node:vm')]);
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
