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
  /** Cancels a pending trimSoon. */
  close(): void;
  readonly available: boolean;
}

type MallocTrim = { async(pad: number, done: (error: unknown, released: number) => void): void };

export function openNativeHeap(log: (message: string, error?: unknown) => void): NativeHeap {
  const mallocTrim = bindMallocTrim(log);
  let running: Promise<void> | null = null;
  let pending: NodeJS.Timeout | null = null;
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
      pending = setTimeout(() => {
        pending = null;
        void trim();
      }, delayMs);
      // Never what keeps the process alive.
      pending.unref();
    },
    close() {
      if (pending) clearTimeout(pending);
      pending = null;
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
