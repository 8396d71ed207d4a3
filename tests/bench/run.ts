import os from 'node:os';
import { parseArgs } from 'node:util';
import { runMeetingRoom, type MeetingRoomOptions, type MeetingRoomResult } from './meetingRoom.js';
import { startPlainServer, startUnitroom, type BenchServer } from './servers.js';

/**
 * `npm run bench` — the meeting-room load against plain `@y/websocket-server` (in memory) and
 * then Unitroom (SQLite, every update durable before it is fanned out), with the same load, in
 * one command, reported side by side as ratios. Not part of `npm test`, and never pass/fail:
 * absolute timings depend on the machine, the ratio is what carries over.
 *
 * Options (flag or environment variable; defaults are the issue's room):
 *   --seconds   BENCH_SECONDS    typing window, 60
 *   --clients   BENCH_CLIENTS    participants in the room, 50
 *   --processes BENCH_PROCESSES  load processes the participants are split over, 2
 *   --rate      BENCH_RATE       keystrokes per second per participant, 5
 *   --cursors   BENCH_CURSORS=1  also move awareness cursors on every keystroke
 *   --rounds    BENCH_ROUNDS     plain/Unitroom pairs run alternately and pooled, 1
 * e.g. `npm run bench -- --seconds=15`; on a shared machine, `--rounds=3` evens out noise.
 */

/** The issue's goal: Unitroom's p99 no worse than this multiple of the plain server's. */
const P99_GOAL_RATIO = 1.2;
const MB = 1024 * 1024;

interface BenchOptions extends MeetingRoomOptions {
  rounds: number;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      clients: { type: 'string' },
      processes: { type: 'string' },
      rate: { type: 'string' },
      cursors: { type: 'boolean' },
      rounds: { type: 'string' },
    },
    strict: true,
  });
  const env = process.env;
  const number = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`${name} must be a number >= ${min}`);
    return value;
  };
  const options: BenchOptions = {
    seconds: number('seconds', values.seconds ?? env.BENCH_SECONDS, 60, 1),
    clients: Math.floor(number('clients', values.clients ?? env.BENCH_CLIENTS, 50, 2)),
    processes: Math.floor(number('processes', values.processes ?? env.BENCH_PROCESSES, 2, 1)),
    keystrokesPerSecond: number('rate', values.rate ?? env.BENCH_RATE, 5, 0.1),
    cursors: values.cursors ?? ['1', 'true'].includes(env.BENCH_CURSORS ?? ''),
    rounds: Math.floor(number('rounds', values.rounds ?? env.BENCH_ROUNDS, 1, 1)),
  };
  if (options.processes > options.clients) throw new Error('more load processes than clients');
  return options;
}

interface Measured {
  label: string;
  result: MeetingRoomResult;
  /** Store size when the load ended, and after the server's clean shutdown (compaction). */
  storeBytesLive: number | null;
  storeBytesStopped: number | null;
}

async function measure(
  start: () => Promise<BenchServer>,
  options: MeetingRoomOptions,
): Promise<Measured> {
  const server = await start();
  const progress = (line: string) => console.error(`[${server.label}] ${line}`);
  progress(`listening (pid ${server.pid})`);
  let result: MeetingRoomResult;
  let storeBytesLive: number | null;
  try {
    result = await runMeetingRoom(server, options, progress);
    storeBytesLive = server.storeBytes();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  const storeBytesStopped = await server.stop();
  // A negative minimum would mean the processes' clocks disagree, and every figure is off by it.
  progress(`done; fastest delivery ${(result.latenciesMs[0] ?? NaN).toFixed(2)} ms`);
  return { label: server.label, result, storeBytesLive, storeBytesStopped };
}

const sumOrNull = (values: ReadonlyArray<number | null>): number | null =>
  values.some((value) => value === null)
    ? null
    : values.reduce<number>((total, value) => total + (value ?? 0), 0);
const maxOrNull = (values: ReadonlyArray<number | null>): number | null =>
  values.some((value) => value === null) ? null : Math.max(...(values as number[]));

/**
 * One server's rounds as if they were one long run: latency samples, keystrokes, CPU and window
 * lengths add up; memory and store sizes take the highest round, each round being a fresh process.
 */
function pool(runs: readonly Measured[]): Measured {
  const [first] = runs;
  if (!first) throw new Error('no rounds to pool');
  if (runs.length === 1) return first;
  const results = runs.map((run) => run.result);
  const latencies = new Float64Array(results.reduce((n, r) => n + r.latenciesMs.length, 0));
  let offset = 0;
  for (const result of results) {
    latencies.set(result.latenciesMs, offset);
    offset += result.latenciesMs.length;
  }
  const usage = (pick: (r: MeetingRoomResult) => MeetingRoomResult['server']) => ({
    cpuSeconds: sumOrNull(results.map((r) => pick(r).cpuSeconds)),
    rssStartBytes: maxOrNull(results.map((r) => pick(r).rssStartBytes)),
    rssPeakBytes: maxOrNull(results.map((r) => pick(r).rssPeakBytes)),
    rssEndBytes: maxOrNull(results.map((r) => pick(r).rssEndBytes)),
  });
  const total = (pick: (r: MeetingRoomResult) => number) =>
    results.reduce((sum, r) => sum + pick(r), 0);
  return {
    label: first.label,
    result: {
      latenciesMs: latencies.sort(),
      keystrokes: total((r) => r.keystrokes),
      expectedDeliveries: total((r) => r.expectedDeliveries),
      windowSeconds: total((r) => r.windowSeconds),
      server: usage((r) => r.server),
      loadProcesses: usage((r) => r.loadProcesses),
      otherCpuSeconds: sumOrNull(results.map((r) => r.otherCpuSeconds)),
      reconnects: total((r) => r.reconnects),
      updateBytes: total((r) => r.updateBytes),
      serverWrites: results.every((r) => r.serverWrites)
        ? {
            storageBytes: total((r) => r.serverWrites?.storageBytes ?? 0),
            writeCallBytes: total((r) => r.serverWrites?.writeCallBytes ?? 0),
          }
        : null,
    },
    storeBytesLive: maxOrNull(runs.map((run) => run.storeBytesLive)),
    storeBytesStopped: maxOrNull(runs.map((run) => run.storeBytesStopped)),
  };
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    null
  );
}

function mean(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

interface Row {
  metric: string;
  plain: number | null;
  unitroom: number | null;
  digits: number;
  /** Rows whose ratio means nothing (counts that should be equal, sizes of a store-less server). */
  noRatio?: boolean;
}

function rows(plain: Measured, unitroom: Measured): Row[] {
  const both = (
    metric: string,
    read: (m: Measured) => number | null,
    digits: number,
    noRatio = false,
  ): Row => ({ metric, plain: read(plain), unitroom: read(unitroom), digits, noRatio });
  const latency = (m: Measured) => m.result.latenciesMs;
  const cpuPercent = (usage: { cpuSeconds: number | null }, m: Measured) =>
    usage.cpuSeconds === null ? null : (100 * usage.cpuSeconds) / m.result.windowSeconds;
  const mb = (bytes: number | null) => (bytes === null ? null : bytes / MB);
  return [
    both('edit-to-remote p50 (ms)', (m) => percentile(latency(m), 50), 1),
    both('edit-to-remote p99 (ms)', (m) => percentile(latency(m), 99), 1),
    both('edit-to-remote mean (ms)', (m) => mean(latency(m)), 1),
    both('edit-to-remote max (ms)', (m) => percentile(latency(m), 100), 1),
    both('keystrokes typed', (m) => m.result.keystrokes, 0, true),
    both('remote deliveries expected', (m) => m.result.expectedDeliveries, 0, true),
    both('remote deliveries seen', (m) => m.result.latenciesMs.length, 0, true),
    both('client reconnects', (m) => m.result.reconnects, 0, true),
    both('measured window (s)', (m) => m.result.windowSeconds, 1, true),
    both('server CPU (s)', (m) => m.result.server.cpuSeconds, 2),
    both('server CPU (% of one core)', (m) => cpuPercent(m.result.server, m), 1),
    both('server RSS at start (MB)', (m) => mb(m.result.server.rssStartBytes), 1),
    both('server RSS peak (MB)', (m) => mb(m.result.server.rssPeakBytes), 1),
    both('server RSS at end (MB)', (m) => mb(m.result.server.rssEndBytes), 1),
    both('load processes CPU (% of one core)', (m) => cpuPercent(m.result.loadProcesses, m), 1),
    both(
      'rest of machine CPU (% of one core)',
      (m) => cpuPercent({ cpuSeconds: m.result.otherCpuSeconds }, m),
      1,
      true,
    ),
    both('store on disk after load (MB)', (m) => mb(m.storeBytesLive), 2, true),
    both('store on disk after shutdown (MB)', (m) => mb(m.storeBytesStopped), 2, true),
  ];
}

function printTable(plain: Measured, unitroom: Measured): void {
  const header = ['metric', plain.label, unitroom.label, 'ratio (Unitroom/plain)'];
  const body = rows(plain, unitroom).map((row) => {
    const cell = (value: number | null) => (value === null ? '-' : value.toFixed(row.digits));
    const ratio =
      row.noRatio || row.plain === null || row.unitroom === null || row.plain === 0
        ? '-'
        : (row.unitroom / row.plain).toFixed(2);
    return [row.metric, cell(row.plain), cell(row.unitroom), ratio];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const cells of body) console.log(line(cells));
}

async function main(): Promise<void> {
  const options = readOptions();
  console.log(
    `Meeting room: ${options.clients} clients in ${options.processes} load processes, ` +
      `${options.keystrokesPerSecond} keystrokes/s each for ${options.seconds} s` +
      `${options.cursors ? ', cursors in awareness' : ''}` +
      `${options.rounds > 1 ? `; ${options.rounds} alternating rounds pooled` : ''}; ` +
      `Node ${process.version}, ${os.cpus().length} CPUs`,
  );
  // Same load, one after the other: running them together would make them share two cores.
  // Alternating rounds give both servers the same odds of meeting a busy moment on the machine.
  const plainRuns: Measured[] = [];
  const unitroomRuns: Measured[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    plainRuns.push(await measure(startPlainServer, options));
    unitroomRuns.push(await measure(() => startUnitroom(), options));
  }
  const plain = pool(plainRuns);
  const unitroom = pool(unitroomRuns);
  console.log();
  printTable(plain, unitroom);

  const p99Plain = percentile(plain.result.latenciesMs, 99);
  const p99Unitroom = percentile(unitroom.result.latenciesMs, 99);
  const lost = [plain, unitroom].filter(
    (m) => m.result.latenciesMs.length < m.result.expectedDeliveries,
  );
  console.log();
  if (lost.length > 0) {
    console.log(
      `Warning: edits never reached every client on ${lost.map((m) => m.label).join(', ')}`,
    );
  }
  if (p99Plain === null || p99Unitroom === null || p99Plain === 0) {
    console.log('Goal: not measurable (no latency samples)');
    return;
  }
  const ratio = p99Unitroom / p99Plain;
  console.log(
    `Goal (Unitroom p99 <= ${P99_GOAL_RATIO} x plain, persisting every update): ` +
      `${ratio <= P99_GOAL_RATIO ? 'met' : 'NOT met'} (p99 ratio ${ratio.toFixed(2)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
