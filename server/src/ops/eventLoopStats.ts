import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopStats {
  /** Longest delay of the event loop since the last reset, in milliseconds. */
  maxDelayMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
  /** Set when anything was ever written onto Object.prototype: a prototype-pollution canary. */
  prototypePolluted: boolean;
  rssBytes: number;
}

/**
 * Measures how long the event loop is ever blocked, with Node's own histogram (a timer of
 * `resolutionMs` whose lateness is recorded). Offered to a parent process over IPC by main.ts,
 * so hostile-input tests can measure the server they attack.
 */
export function startEventLoopStats(resolutionMs = 10): {
  read(): EventLoopStats;
  reset(): void;
  stop(): void;
} {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return {
    read: () => ({
      maxDelayMs: ms(histogram.max),
      p99DelayMs: ms(histogram.percentile(99)),
      meanDelayMs: Number.isNaN(histogram.mean) ? 0 : ms(histogram.mean),
      prototypePolluted: Object.getOwnPropertyNames(Object.prototype).some(
        (name) => !PRISTINE_PROTOTYPE.has(name),
      ),
      rssBytes: process.memoryUsage.rss(),
    }),
    reset: () => histogram.reset(),
    stop: () => histogram.disable(),
  };
}

const PRISTINE_PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));
