import fs from 'node:fs';
import path from 'node:path';

/**
 * CPU and memory of another process, read from Linux's /proc so the measured server runs its own
 * unmodified code. Every reader returns null where /proc is not available.
 */

/**
 * /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space
 * on every architecture Node supports.
 */
const USER_HZ = 100;
const RSS_SAMPLE_INTERVAL_MS = 200;

/** User plus system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may contain spaces; fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / USER_HZ : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds every process on the machine has used so far, summed over cores: the busy columns
 * of /proc/stat's aggregate line (user and guest time are already within `user`).
 */
export function machineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [label, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/);
    if (label !== 'cpu') return null;
    const busy = [user, nice, system, irq, softirq, steal].reduce((sum, v) => sum + Number(v), 0);
    return Number.isFinite(busy) ? busy / USER_HZ : null;
  } catch {
    return null;
  }
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * What a process has written so far: `writeBytes` reached the storage layer (pages it dirtied,
 * the figure that wears a disk), `wchar` is every byte it passed to write(2) and friends,
 * sockets included. Readable for one's own children without privileges.
 */
export function ioBytes(pid: number): { writeBytes: number; wchar: number } | null {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)$`, 'm').exec(io)?.[1]);
    const writeBytes = field('write_bytes');
    const wchar = field('wchar');
    return Number.isFinite(writeBytes) && Number.isFinite(wchar) ? { writeBytes, wchar } : null;
  } catch {
    return null;
  }
}

/** Total size of the regular files under `dir` (a SQLite store is a file plus its WAL). */
export function bytesOnDisk(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += bytesOnDisk(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

export interface UsageWindow {
  cpuSeconds: number | null;
  rssStartBytes: number | null;
  rssPeakBytes: number | null;
  rssEndBytes: number | null;
}

/**
 * Measures processes between `start()` and `stop()`: CPU used in between, summed over `pids`,
 * and their summed RSS sampled every 200 ms.
 */
export class UsageMonitor {
  private cpuAtStart: number | null = null;
  private rssStart: number | null = null;
  private rssPeak: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: readonly number[]) {}

  start(): void {
    this.cpuAtStart = this.cpuNow();
    this.rssStart = this.rssNow();
    this.rssPeak = this.rssStart;
    this.timer = setInterval(() => this.sampleRss(), RSS_SAMPLE_INTERVAL_MS);
  }

  stop(): UsageWindow {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const cpuAtEnd = this.cpuNow();
    const rssEnd = this.sampleRss();
    return {
      cpuSeconds: cpuAtEnd === null || this.cpuAtStart === null ? null : cpuAtEnd - this.cpuAtStart,
      rssStartBytes: this.rssStart,
      rssPeakBytes: this.rssPeak,
      rssEndBytes: rssEnd,
    };
  }

  private sampleRss(): number | null {
    const rss = this.rssNow();
    if (rss !== null) this.rssPeak = Math.max(this.rssPeak ?? 0, rss);
    return rss;
  }

  private cpuNow(): number | null {
    return sumOrNull(this.pids.map(cpuSeconds));
  }

  private rssNow(): number | null {
    return sumOrNull(this.pids.map(rssBytes));
  }
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}
