import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runMeetingRoom, type MeetingRoomOptions, type MeetingRoomResult } from './meetingRoom.js';
import { startHocuspocus, startPlainServer, startUnitroom, type BenchServer } from './servers.js';

/**
 * `npm run bench` — the meeting room, as the headline figures: rooms of 8 (a real meeting) and
 * of 50, against plain `@y/websocket-server` (in memory) and `@hocuspocus/server` (SQLite) beside
 * Unitroom (SQLite, every update synced to disk before it is fanned out), in alternating rounds
 * whose samples are pooled, with each round's p99 shown as the spread. Not part of `npm test`, and
 * never pass/fail: absolute timings depend on the machine, the ratios are what carry over.
 *
 * What keeps it honest:
 * - latency counts from when each keystroke was due, so a load process that falls behind makes
 *   its keystrokes late rather than invisible; how late they left is printed as "send lag";
 * - y-websocket load clients read only the header of each update they receive instead of
 *   integrating it, so the load processes stay cheap; their CPU is printed beside every figure;
 * - a round is "disturbed" when a load process used over 70% of a core, when its send lag p99
 *   passed 10 ms, or when the rest of the machine used over 25% of a core; a ratio built on a
 *   disturbed round is not reported;
 * - server CPU per 1,000 edits is printed as a second figure, far less sensitive to noise.
 *
 * Options (flag or environment variable):
 *   --sizes     BENCH_SIZES      room sizes, 8,50
 *   --seconds   BENCH_SECONDS    typing window per round, 30
 *   --rounds    BENCH_ROUNDS     rounds, each running every server once in a rotated order, 3
 *   --rate      BENCH_RATE       keystrokes per second per participant, 5
 *   --servers   BENCH_SERVERS    plain,hocuspocus,unitroom (and baseline: BENCH_BASELINE_ENTRY)
 *   --cursors   BENCH_CURSORS=1  also move awareness cursors on every keystroke
 *               BENCH_LOOP_STATS=1  print Unitroom's longest event-loop delay in each window
 *               BENCH_SERVER_OUTPUT_DIR=DIR  keep each server's output there as <pid>.log
 *   --log FILE                   append the tables, dated, to FILE (docs/performance-log.md)
 */

const GOAL_P99_RATIO = 1.0;
const GOAL_CPU_RATIO = 1.2;
/** Participants one load process carries. */
const CLIENTS_PER_LOAD_PROCESS = 25;
const DISTURBED = { loadCorePercent: 70, sendLagP99Ms: 10, restCorePercent: 25 };
const MB = 1024 * 1024;

type ServerName = 'plain' | 'hocuspocus' | 'unitroom' | 'baseline';
const STARTS: Record<ServerName, () => Promise<BenchServer>> = {
  plain: startPlainServer,
  hocuspocus: startHocuspocus,
  unitroom: () => startUnitroom(),
  // Another build of Unitroom (BENCH_BASELINE_ENTRY: its main.js), for before/after in the same
  // rotated rounds (docs/performance-findings.md).
  baseline: () =>
    startUnitroom({
      entry: process.env.BENCH_BASELINE_ENTRY ?? '',
      label: 'Unitroom baseline (SQLite)',
    }),
};

interface BenchOptions {
  sizes: number[];
  seconds: number;
  rounds: number;
  keystrokesPerSecond: number;
  servers: ServerName[];
  cursors: boolean;
  log: string | null;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      rate: { type: 'string' },
      servers: { type: 'string' },
      cursors: { type: 'boolean' },
      log: { type: 'string' },
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
  const sizes = (values.sizes ?? env.BENCH_SIZES ?? '8,50')
    .split(',')
    .map((size) => Math.floor(number('sizes', size.trim(), 0, 2)));
  const servers = (values.servers ?? env.BENCH_SERVERS ?? 'plain,hocuspocus,unitroom')
    .split(',')
    .map((name) => name.trim()) as ServerName[];
  for (const name of servers) if (!(name in STARTS)) throw new Error(`unknown server ${name}`);
  return {
    sizes,
    seconds: number('seconds', values.seconds ?? env.BENCH_SECONDS, 30, 1),
    rounds: Math.floor(number('rounds', values.rounds ?? env.BENCH_ROUNDS, 3, 1)),
    keystrokesPerSecond: number('rate', values.rate ?? env.BENCH_RATE, 5, 0.1),
    servers,
    cursors: values.cursors ?? ['1', 'true'].includes(env.BENCH_CURSORS ?? ''),
    log: values.log ?? null,
  };
}

interface Measured {
  label: string;
  /** Load processes the room was split over. */
  processes: number;
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
  return {
    label: server.label,
    processes: options.processes,
    result,
    storeBytesLive,
    storeBytesStopped,
  };
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
  const sendLag = new Float64Array(results.reduce((n, r) => n + r.sendLagMs.length, 0));
  offset = 0;
  for (const result of results) {
    sendLag.set(result.sendLagMs, offset);
    offset += result.sendLagMs.length;
  }
  return {
    label: first.label,
    processes: first.processes,
    result: {
      latenciesMs: latencies.sort(),
      sendLagMs: sendLag.sort(),
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

/** Why a round's figures may not be compared, or null when it ran undisturbed. */
function disturbance(m: Measured): string | null {
  const window = m.result.windowSeconds;
  const loadPerProcess =
    m.result.loadProcesses.cpuSeconds === null
      ? null
      : (100 * m.result.loadProcesses.cpuSeconds) / window / m.processes;
  const rest = m.result.otherCpuSeconds === null ? null : (100 * m.result.otherCpuSeconds) / window;
  const lag = percentile(m.result.sendLagMs, 99);
  const reasons: string[] = [];
  if (loadPerProcess !== null && loadPerProcess > DISTURBED.loadCorePercent)
    reasons.push(`load process at ${loadPerProcess.toFixed(0)}% of a core`);
  if (lag !== null && lag > DISTURBED.sendLagP99Ms)
    reasons.push(`send lag p99 ${lag.toFixed(1)} ms`);
  if (rest !== null && rest > DISTURBED.restCorePercent)
    reasons.push(`rest of machine at ${rest.toFixed(0)}% of a core`);
  if (m.result.latenciesMs.length < m.result.expectedDeliveries) reasons.push('edits lost');
  return reasons.length > 0 ? reasons.join(', ') : null;
}

interface ServerFigures {
  label: string;
  pooled: Measured;
  rounds: Measured[];
  disturbed: string[];
}

const cpuPer1000Edits = (m: Measured) =>
  m.result.server.cpuSeconds === null || m.result.keystrokes === 0
    ? null
    : (1000 * m.result.server.cpuSeconds) / m.result.keystrokes;
const corePercent = (seconds: number | null, m: Measured, per = 1) =>
  seconds === null ? null : (100 * seconds) / m.result.windowSeconds / per;
const cell = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits);

function table(size: number, figures: ServerFigures[]): string[] {
  const base = figures[0];
  const header = [
    'server',
    'p50 ms',
    'p99 ms',
    'p99 of each round',
    `p99 / ${base?.label ?? '-'}`,
    'CPU s / 1,000 edits',
    `CPU / ${base?.label ?? '-'}`,
    'seen / expected',
    'send lag p99 ms',
    'load CPU % of a core, each',
    'rest of machine % of a core',
    'RSS peak MB',
  ];
  const anyDisturbed = figures.some((f) => f.disturbed.length > 0);
  const rows = figures.map((f) => {
    const m = f.pooled;
    const p99 = percentile(m.result.latenciesMs, 99);
    const baseP99 = base ? percentile(base.pooled.result.latenciesMs, 99) : null;
    const cpu = cpuPer1000Edits(m);
    const baseCpu = base ? cpuPer1000Edits(base.pooled) : null;
    const ratioOf = (value: number | null, against: number | null) =>
      anyDisturbed ? 'disturbed' : cell(value !== null && against ? value / against : null, 2);
    return [
      f.label,
      cell(percentile(m.result.latenciesMs, 50), 1),
      cell(p99, 1),
      f.rounds.map((round) => cell(percentile(round.result.latenciesMs, 99), 1)).join(', '),
      ratioOf(p99, baseP99),
      cell(cpu, 3),
      ratioOf(cpu, baseCpu),
      `${m.result.latenciesMs.length}/${m.result.expectedDeliveries}`,
      cell(percentile(m.result.sendLagMs, 99), 1),
      cell(corePercent(m.result.loadProcesses.cpuSeconds, m, m.processes), 0),
      cell(corePercent(m.result.otherCpuSeconds, m), 0),
      cell(m.result.server.rssPeakBytes === null ? null : m.result.server.rssPeakBytes / MB, 0),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, column) => (column === 0 ? c.padEnd(widths[column] ?? 0) : c.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const lines = [
    `Room of ${size}: ${figures[0]?.rounds.length ?? 0} rounds pooled`,
    '',
    line(header),
    `|${widths.map((width, column) => `${column === 0 ? '-' : ''}${'-'.repeat(width + 1)}${column === 0 ? '' : ':'}`).join('|')}|`,
    ...rows.map(line),
    '',
  ];
  for (const f of figures) {
    for (const reason of f.disturbed) lines.push(`- ${f.label} disturbed: ${reason}`);
  }
  if (!anyDisturbed && base) {
    for (const f of figures) {
      if (!f.label.startsWith('Unitroom')) continue;
      const p99Ratio =
        (percentile(f.pooled.result.latenciesMs, 99) ?? NaN) /
        (percentile(base.pooled.result.latenciesMs, 99) ?? NaN);
      const cpuRatio = (cpuPer1000Edits(f.pooled) ?? NaN) / (cpuPer1000Edits(base.pooled) ?? NaN);
      lines.push(
        `- Unitroom against ${base.label}: p99 ${p99Ratio.toFixed(2)} x (goal <= ${GOAL_P99_RATIO}: ${p99Ratio <= GOAL_P99_RATIO ? 'met' : 'not met'}), ` +
          `CPU per edit ${cpuRatio.toFixed(2)} x (goal <= ${GOAL_CPU_RATIO}: ${cpuRatio <= GOAL_CPU_RATIO ? 'met' : 'not met'})`,
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const options = readOptions();
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const preamble =
    `Meeting rooms of ${options.sizes.join(' and ')}, ${options.keystrokesPerSecond} keystrokes/s each ` +
    `for ${options.seconds} s, ${options.rounds} rounds (servers in rotated order); ` +
    `Node ${process.version}, ${os.cpus().length} CPUs, load average at start ${load}`;
  console.log(preamble);
  const output: string[] = [];
  for (const size of options.sizes) {
    const room: MeetingRoomOptions = {
      clients: size,
      processes: Math.max(1, Math.ceil(size / CLIENTS_PER_LOAD_PROCESS)),
      seconds: options.seconds,
      keystrokesPerSecond: options.keystrokesPerSecond,
      cursors: options.cursors,
    };
    const runs = new Map<ServerName, Measured[]>(options.servers.map((name) => [name, []]));
    for (let round = 0; round < options.rounds; round += 1) {
      // Each round starts with another server, so none always runs first or last.
      const order = options.servers.map(
        (_, i) => options.servers[(i + round) % options.servers.length] as ServerName,
      );
      for (const name of order) runs.get(name)?.push(await measure(STARTS[name], room));
    }
    const figures = options.servers.map((name): ServerFigures => {
      const rounds = runs.get(name) ?? [];
      const pooled = pool(rounds);
      return {
        label: pooled.label,
        pooled,
        rounds,
        disturbed: rounds.flatMap((round, i) => {
          const why = disturbance(round);
          return why ? [`round ${i + 1}: ${why}`] : [];
        }),
      };
    });
    const lines = table(size, figures);
    console.log();
    for (const line of lines) console.log(line);
    output.push(...lines, '');
  }
  const loadAtEnd = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(`Load average at end: ${loadAtEnd}`);
  if (options.log) {
    const entry = [
      `## ${new Date().toISOString().slice(0, 10)}: \`npm run bench\``,
      '',
      `${preamble}; load average at end ${loadAtEnd}.`,
      '',
      ...output,
    ].join('\n');
    const existing = fs.existsSync(options.log) ? fs.readFileSync(options.log, 'utf8') : '';
    // Newest first: the entry goes after the log's introduction, before the first dated entry.
    const at = existing.search(/^## /m);
    fs.writeFileSync(
      options.log,
      at < 0
        ? `${existing}\n${entry}\n`
        : `${existing.slice(0, at)}${entry}\n${existing.slice(at)}`,
    );
    console.log(`Appended to ${options.log}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
