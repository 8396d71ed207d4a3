import { createRequire } from 'node:module';
import type Koffi from 'koffi';

/**
 * Gives the C heap's free pages back to the operating system, off the event loop.
 *
 * Socket buffers, SQLite's pages, zlib and Node's own allocations live in glibc's malloc heap,
 * not in V8's. When a thousand documents unload, glibc keeps most of what they freed: only the
 * top of each arena is ever returned, and its trim threshold grows with the largest block freed.
 * A server that had served a busy morning would sit a quarter above its idle size all afternoon.
 * `malloc_trim(0)` returns every free page of every arena (madvise), which nothing in Node
 * exposes; koffi calls it on libuv's thread pool.
 *
 * Only glibc has `malloc_trim`; elsewhere (macOS, Windows, musl) this does nothing.
 */
export interface NativeHeap {
  /** Starts a trim unless one is running; resolves when it is done (at once where unavailable). */
  trim(): Promise<void>;
  /**
   * Trims once `delayMs` has passed without another call: a wave of documents unloading asks
   * many times and gets one trim after it. A call with 0 trims on the next turn.
   */
  trimSoon(delayMs: number): void;
  /**
   * Once `delayMs` has passed, if `stillIdle()` then holds: a full garbage collection, when the
   * process was given one to call, then a trim once V8 has let go of the buffers it found dead;
   * and the same again ten seconds later, for V8 to shrink its young generation. For a server
   * with no document loaded, where a pause of the event loop costs nobody a keystroke.
   */
  reclaimSoon(delayMs: number, stillIdle: () => boolean): void;
  /** Cancels a pending trimSoon or reclaimSoon. */
  close(): void;
  readonly available: boolean;
}

type MallocTrim = { async(pad: number, done: (error: unknown, released: number) => void): void };

/**
 * V8 sweeps dead ArrayBuffers' native memory on a background thread after a full collection;
 * the trim waits this long so that what they held is free by then.
 */
const BUFFER_SWEEP_MS = 1_000;

/**
 * V8 shrinks its young generation (grown to 32 MB under load, 1 MB idle) only in a collection
 * whose preceding seconds allocated little (under 1 KB/ms over its 5 s window), so a second
 * collection waits this long after the first. Left to V8, the shrink came with its memory
 * reducer's watchdog, about 100 s later.
 */
const YOUNG_SHRINK_AFTER_MS = 10_000;

/**
 * @param collectGarbage a full V8 collection (`globalThis.gc` under `--expose-gc`, as `npm start`
 *   runs). Without it a server that held a thousand documents waits for V8's memory reducer, which
 *   gives the heap back a minute or more later and frees dead Buffers' native memory after the
 *   trim has run, so glibc keeps it.
 */
export function openNativeHeap(
  log: (message: string, error?: unknown) => void,
  collectGarbage?: () => void,
): NativeHeap {
  const mallocTrim = bindMallocTrim(log);
  let running: Promise<void> | null = null;
  let pending: NodeJS.Timeout | null = null;
  let reclaiming: NodeJS.Timeout | null = null;
  // Never what keeps the process alive.
  const later = (delayMs: number, run: () => void): NodeJS.Timeout =>
    setTimeout(run, delayMs).unref();
  const trim = (): Promise<void> => {
    if (!mallocTrim) return Promise.resolve();
    running ??= new Promise<void>((resolve) => {
      mallocTrim.async(0, (error) => {
        if (error) log('giving free native memory back failed', error);
        running = null;
        resolve();
      });
    });
    return running;
  };
  return {
    available: mallocTrim !== null,
    trim,
    trimSoon(delayMs) {
      if (!mallocTrim) return;
      if (pending) clearTimeout(pending);
      pending = later(delayMs, () => {
        pending = null;
        void trim();
      });
    },
    reclaimSoon(delayMs, stillIdle) {
      if (!mallocTrim && !collectGarbage) return;
      if (reclaiming) clearTimeout(reclaiming);
      const collectThenTrim = (delay: number, then?: () => void) => {
        reclaiming = later(delay, () => {
          reclaiming = null;
          if (!stillIdle()) return;
          if (!collectGarbage) return void trim();
          collectGarbage();
          reclaiming = later(BUFFER_SWEEP_MS, () => {
            reclaiming = null;
            void trim().then(then);
          });
        });
      };
      // The first collection frees what the documents left; the second, seconds later, is one
      // V8 sees after a quiet spell, the only kind on which it shrinks its young generation.
      collectThenTrim(delayMs, () => collectThenTrim(YOUNG_SHRINK_AFTER_MS));
    },
    close() {
      if (pending) clearTimeout(pending);
      if (reclaiming) clearTimeout(reclaiming);
      pending = null;
      reclaiming = null;
    },
  };
}

function bindMallocTrim(log: (message: string) => void): MallocTrim | null {
  if (process.platform !== 'linux') return null;
  try {
    // koffi is CommonJS with a native addon; load it only where it will be used.
    const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
    return koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as unknown as MallocTrim;
  } catch (error) {
    // musl has no libc.so.6; a platform without koffi's prebuilt binary has no koffi.
    log(`no malloc_trim here (${String(error)}); freed native memory stays with the process`);
    return null;
  }
}
