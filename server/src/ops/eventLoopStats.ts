import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopStats {
  /** Longest delay of the event loop since the last reset, in milliseconds (wall clock). */
  maxDelayMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
  /**
   * Longest delay during which the main thread was actually running (measured from its own CPU
   * time, Linux only, 10 ms resolution): the part of a delay that is this process's own work,
   * not the machine giving its core to someone else. Null where it cannot be measured.
   */
  maxOnCpuDelayMs: number | null;
  /**
   * When that longest on-CPU delay ended, in milliseconds since the process started (the clock
   * of `--trace-gc`'s lines), to line it up with a collection or a request in the logs.
   */
  maxOnCpuAtMs: number | null;
  /** Set when anything was ever written onto Object.prototype: a prototype-pollution canary. */
  prototypePolluted: boolean;
  rssBytes: number;
}

const PRISTINE_PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Linux reports thread CPU time in clock ticks of 10 ms (USER_HZ 100). */
const MS_PER_CLOCK_TICK = 10;

/** CPU time of the main thread so far, in milliseconds, or null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after "(comm) ": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK;
  } catch {
    return null;
  }
}

/**
 * Measures how long the event loop is ever blocked, with Node's own histogram (a timer of
 * `resolutionMs` whose lateness is recorded), and beside it how much of each delay the main
 * thread spent running. Offered to a parent process over IPC by main.ts, so hostile-input tests
 * can measure the server they attack.
 */
export function startEventLoopStats(resolutionMs = 10): {
  read(): EventLoopStats;
  reset(): void;
  stop(): void;
} {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let maxOnCpu: number | null = mainThreadCpuMs() === null ? null : 0;
  let maxOnCpuAt: number | null = null;
  let lastAt = performance.now();
  let lastCpu = mainThreadCpuMs() ?? 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    if (cpu !== null && maxOnCpu !== null) {
      const late = now - lastAt - resolutionMs;
      // Tick accounting rounds each side to 10 ms: a delay counts as ours up to its CPU time.
      const onCpu = Math.min(late, cpu - lastCpu);
      if (onCpu > maxOnCpu) {
        maxOnCpu = onCpu;
        maxOnCpuAt = now;
      }
      lastCpu = cpu;
    }
    lastAt = now;
  }, resolutionMs);
  sampler.unref();
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return {
    read: () => ({
      maxDelayMs: ms(histogram.max),
      p99DelayMs: ms(histogram.percentile(99)),
      meanDelayMs: Number.isNaN(histogram.mean) ? 0 : ms(histogram.mean),
      maxOnCpuDelayMs: maxOnCpu,
      maxOnCpuAtMs: maxOnCpuAt === null ? null : Math.round(maxOnCpuAt),
      prototypePolluted: Object.getOwnPropertyNames(Object.prototype).some(
        (name) => !PRISTINE_PROTOTYPE.has(name),
      ),
      rssBytes: process.memoryUsage.rss(),
    }),
    reset: () => {
      histogram.reset();
      if (maxOnCpu !== null) maxOnCpu = 0;
      maxOnCpuAt = null;
    },
    stop: () => {
      clearInterval(sampler);
      histogram.disable();
    },
  };
}
