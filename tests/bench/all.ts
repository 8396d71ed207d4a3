import os from 'node:os';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { connectBenchClient, type BenchClient } from './clients.js';
import { runMeetingRoom, type MeetingRoomResult } from './meetingRoom.js';
import { rssBytes } from './procStats.js';
import {
  startHocuspocus,
  startPlainServer,
  startUnitroom,
  type BenchServer,
  type UnitroomOptions,
} from './servers.js';

/**
 * `npm run bench:all` — the issue's six figures, each against plain `@y/websocket-server` (in
 * memory) and `@hocuspocus/server` 4 with its SQLite extension on a file, run side by side in
 * one command, printed with ratios. Never pass/fail: absolute timings depend on the machine.
 *
 *   1. meeting room: 50 clients typing 5 keys/s, p99 edit-to-remote latency (goal <= 1.2 x plain)
 *   2. saturation: rooms of 50 added until p99 passes 100 ms (goal >= 0.8 x plain's knee)
 *   3. 1,000 resident meeting documents: RSS (goal < 400 MB), and after everyone left (<= 110%)
 *   4. cold load of a year of minutes, 52 documents (goal < 500 ms in total)
 *   5. bytes written to disk per byte of update received, during 1 (goal <= 3)
 *   6. the room of 1 split over two Unitroom processes through Redis: p99 (goal <= 2 x one)
 *
 * Options: --seconds (typing window of 1, 5 and 6; 60) · --saturation-seconds (20) ·
 * --max-rooms (8) · --documents (1000) · --after-seconds (when to read RSS after everyone left
 * in 3; 10,30,60,120,180) · --year (52) · --cold-timeout-seconds (what 4 gives each server; 120) ·
 * --redis-rounds (paired one- and two-process runs of 6, the median round reported; 3) ·
 * --only=meeting,saturation,resident,cold,redis.
 * Scenario 6 needs DATABASE_URL and REDIS_URL, and says so when they are missing.
 */

const GOALS = {
  p99Ratio: 1.2,
  kneeRatio: 0.8,
  saturationP99Ms: 100,
  residentRssMb: 400,
  rssBackRatio: 1.1,
  coldLoadMs: 500,
  writeAmplification: 3,
  redisP99Ratio: 2,
};
const MB = 1024 * 1024;
/** Participants per load process in the meeting room; two processes share the issue's 50. */
const LOAD_PROCESSES = 2;
/** Minutes of a weekly meeting as typed: this many families, this much text each. */
const MINUTES_FAMILIES = 6;
const MINUTES_CHARS_PER_FAMILY = 1_500;
const TYPING_BURST_CHARS = 12;
const CONNECT_BATCH = 50;
/**
 * Idle RSS is read once it has held still, and not before this long after the server is up: V8
 * keeps the young generation it grew to while starting (some 35 MB for Unitroom) until its
 * memory reducer runs, which was anywhere from 10 to 40 s after start-up on the development
 * machine; a steady figure read before that is not the idle one.
 */
const IDLE_MIN_MS = 60_000;
const IDLE_MAX_MS = 90_000;
/** Hocuspocus stores at most 10 s after a change; wait that out before reading write counters. */
const SETTLE_MS = 12_000;

type Scenario = 'meeting' | 'saturation' | 'resident' | 'cold' | 'redis';

interface Options {
  seconds: number;
  saturationSeconds: number;
  maxRooms: number;
  documents: number;
  afterSeconds: number[];
  year: number;
  coldTimeoutSeconds: number;
  redisRounds: number;
  only: Set<Scenario>;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      'saturation-seconds': { type: 'string' },
      'max-rooms': { type: 'string' },
      documents: { type: 'string' },
      'after-seconds': { type: 'string' },
      year: { type: 'string' },
      'cold-timeout-seconds': { type: 'string' },
      'redis-rounds': { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const number = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be >= ${min}`);
    return value;
  };
  const all: Scenario[] = ['meeting', 'saturation', 'resident', 'cold', 'redis'];
  const only = new Set(
    (values.only ?? all.join(',')).split(',').map((name) => name.trim()) as Scenario[],
  );
  for (const name of only) if (!all.includes(name)) throw new Error(`unknown scenario ${name}`);
  const afterSeconds = (values['after-seconds'] ?? '10,30,60,120,180')
    .split(',')
    .map((value) => Number(value.trim()));
  if (afterSeconds.some((value) => !Number.isFinite(value) || value < 0))
    throw new Error('--after-seconds must be a list of seconds, e.g. 10,30,60,120,180');
  afterSeconds.sort((a, b) => a - b);
  return {
    seconds: number('seconds', values.seconds, 60, 1),
    saturationSeconds: number('saturation-seconds', values['saturation-seconds'], 20, 1),
    maxRooms: Math.floor(number('max-rooms', values['max-rooms'], 8, 1)),
    documents: Math.floor(number('documents', values.documents, 1000, 1)),
    afterSeconds,
    year: Math.floor(number('year', values.year, 52, 1)),
    coldTimeoutSeconds: number('cold-timeout-seconds', values['cold-timeout-seconds'], 120, 1),
    redisRounds: Math.floor(number('redis-rounds', values['redis-rounds'], 3, 1)),
    only,
  };
}

type Start = () => Promise<BenchServer>;

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? null;
}

const fixed = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits);
const ratio = (value: number | null, base: number | null) =>
  value === null || base === null || base === 0 ? null : value / base;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const cells of rows) console.log(line(cells));
  console.log();
}

async function withServer<T>(start: Start, run: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } finally {
    await server.stop().catch((error: unknown) => console.error(`[${server.label}]`, error));
  }
}

const progressOf = (label: string) => (line: string) => console.error(`[${label}] ${line}`);

// 1 and 5 ---------------------------------------------------------------------------------------

interface MeetingFigures {
  label: string;
  result: MeetingRoomResult;
  p50: number | null;
  p99: number | null;
  amplification: number | null;
}

async function meetingRoom(start: Start, seconds: number, settleMs: number) {
  return withServer(start, async (server) => {
    const result = await runMeetingRoom(
      server,
      {
        clients: 50,
        processes: LOAD_PROCESSES,
        seconds,
        keystrokesPerSecond: 5,
        cursors: false,
        settleMs,
      },
      progressOf(server.label),
    );
    const figures: MeetingFigures = {
      label: server.label,
      result,
      p50: percentile(result.latenciesMs, 50),
      p99: percentile(result.latenciesMs, 99),
      amplification:
        result.serverWrites && result.updateBytes > 0
          ? result.serverWrites.storageBytes / result.updateBytes
          : null,
    };
    return figures;
  });
}

/** Ratios against the first run, and the second when `against` names two. */
function printMeeting(runs: MeetingFigures[], against: [string, string?]): void {
  const plain = runs[0];
  const hocuspocus = against[1] ? runs[1] : undefined;
  printTable(
    [
      'server',
      'p50 ms',
      'p99 ms',
      `p99 / ${against[0]}`,
      ...(against[1] ? [`p99 / ${against[1]}`] : []),
      'seen / expected',
      'CPU s',
      'update KB in',
      'disk KB written',
      'disk / update',
      'write(2) KB incl. sockets',
    ],
    runs.map((run) => [
      run.label,
      fixed(run.p50, 1),
      fixed(run.p99, 1),
      fixed(ratio(run.p99, plain?.p99 ?? null), 2),
      ...(hocuspocus ? [fixed(ratio(run.p99, hocuspocus.p99), 2)] : []),
      `${run.result.latenciesMs.length}/${run.result.expectedDeliveries}`,
      fixed(run.result.server.cpuSeconds, 1),
      fixed(run.result.updateBytes / 1024, 0),
      fixed((run.result.serverWrites?.storageBytes ?? NaN) / 1024, 0),
      fixed(run.amplification, 1),
      fixed((run.result.serverWrites?.writeCallBytes ?? NaN) / 1024, 0),
    ]),
  );
}

// 2 ---------------------------------------------------------------------------------------------

interface Knee {
  label: string;
  /** p99 per number of rooms tried. */
  steps: Array<{ rooms: number; p99: number | null; seen: number; expected: number }>;
  /** Most rooms whose p99 stayed within the limit (0: not even one). */
  knee: number;
}

async function saturation(start: Start, options: Options): Promise<Knee> {
  const steps: Knee['steps'] = [];
  let label = '';
  let knee = 0;
  for (let rooms = 1; rooms <= options.maxRooms; rooms += 1) {
    const step = await withServer(start, async (server) => {
      label = server.label;
      const result = await runMeetingRoom(
        server,
        {
          clients: 50,
          rooms,
          processes: 1,
          seconds: options.saturationSeconds,
          keystrokesPerSecond: 5,
          cursors: false,
        },
        progressOf(`${server.label}, ${rooms} rooms`),
      );
      return {
        rooms,
        p99: percentile(result.latenciesMs, 99),
        seen: result.latenciesMs.length,
        expected: result.expectedDeliveries,
      };
    });
    steps.push(step);
    const within =
      step.p99 !== null && step.p99 <= GOALS.saturationP99Ms && step.seen === step.expected;
    if (!within) break;
    knee = rooms;
  }
  return { label, steps, knee };
}

// 3 and 4 ---------------------------------------------------------------------------------------

/** A meeting's minutes typed the way people type: short bursts, one transaction each. */
function typeMinutes(doc: Y.Doc, seed: number): void {
  const phrase =
    'Discussed the family network and what school has noticed since the last review. ' +
    'Hypothesis revisited; the child practitioner will see Mia at home before Friday. ';
  for (let family = 0; family < MINUTES_FAMILIES; family += 1) {
    const fragment = doc.getXmlFragment(`minutes:bench-family-${family}`);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    doc.transact(() => {
      fragment.insert(fragment.length, [paragraph]);
      paragraph.insert(0, [text]);
    });
    for (let at = 0; at < MINUTES_CHARS_PER_FAMILY; at += TYPING_BURST_CHARS) {
      const offset = (seed * 31 + at) % phrase.length;
      const burst = (phrase + phrase).slice(offset, offset + TYPING_BURST_CHARS);
      doc.transact(() => text.insert(text.length, burst));
    }
  }
}

/** A document holding one meeting's minutes, typed before it is opened. */
function minutesDoc(seed: number): Y.Doc {
  const doc = new Y.Doc();
  typeMinutes(doc, seed);
  return doc;
}

/**
 * Opens one client per document, `batch` at a time, and resolves once every one has synced.
 * With `docs`, each client brings that replica (its minutes typed offline, sent in its first
 * sync, as a laptop does): per-connection rate limits then see a sync, not 750 keystrokes at
 * once. Each client is pushed onto `opened` as it is created, so a caller that gives up can
 * destroy them.
 */
async function openDocuments(
  server: BenchServer,
  documents: number,
  options: { batch?: number; docs?: (room: number) => Y.Doc; opened?: BenchClient[] } = {},
): Promise<BenchClient[]> {
  const batchSize = options.batch ?? CONNECT_BATCH;
  const clients: BenchClient[] = [];
  for (let first = 0; first < documents; first += batchSize) {
    const batch: BenchClient[] = [];
    for (let room = first; room < Math.min(documents, first + batchSize); room += 1) {
      // Participant `room` of room `room`: spread over the server's writers.
      const spec = server.clients(1, room, room)[0];
      if (!spec) throw new Error('no client spec');
      const client = connectBenchClient(
        server.protocol,
        spec.serverUrl ?? server.serverUrl,
        spec.docName ?? server.docNameOf(room),
        spec.headers,
        options.docs?.(room),
      );
      batch.push(client);
      options.opened?.push(client);
    }
    await Promise.all(batch.map((client) => client.synced));
    clients.push(...batch);
  }
  return clients;
}

/** Summed RSS of `pids` now, or null where /proc cannot tell. */
function rssNow(pids: readonly number[]): number | null {
  return pids.reduce<number | null>((total, pid) => {
    const value = rssBytes(pid);
    return total === null || value === null ? null : total + value;
  }, 0);
}

/**
 * Samples RSS once a second until it stops moving (three samples within 1%), not before `minMs`
 * and at most until `maxMs`.
 */
async function settledRss(
  pids: readonly number[],
  minMs = 0,
  maxMs = 30_000,
): Promise<number | null> {
  const earliest = Date.now() + minMs;
  const deadline = Date.now() + maxMs;
  const samples: number[] = [];
  for (;;) {
    const rss = rssNow(pids);
    if (rss === null) return null;
    samples.push(rss);
    const last = samples.slice(-3);
    const settled =
      last.length === 3 && Math.max(...last) - Math.min(...last) <= 0.01 * Math.max(...last);
    if ((settled && Date.now() >= earliest) || Date.now() > deadline) return rss;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Until every client's last update has been answered: a second sync round trip each. */
async function whenAllSynced(clients: BenchClient[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await Promise.all(clients.map((client) => client.synced));
}

interface Resident {
  label: string;
  idleMb: number | null;
  residentMb: number | null;
  /** RSS at each of `afterSeconds` after the last client left. */
  afterMb: Array<number | null>;
}

const mb = (bytes: number | null) => (bytes === null ? null : bytes / MB);

async function residentDocuments(
  start: Start,
  documents: number,
  afterSeconds: readonly number[],
): Promise<Resident> {
  return withServer(start, async (server) => {
    const progress = progressOf(server.label);
    const idle = await settledRss(server.pids, IDLE_MIN_MS, IDLE_MAX_MS);
    progress(`idle RSS ${fixed(mb(idle), 1)} MB; opening ${documents} documents`);
    const clients = await openDocuments(server, documents, { docs: minutesDoc });
    await whenAllSynced(clients);
    const resident = await settledRss(server.pids);
    progress(`${documents} resident: RSS ${fixed(mb(resident), 1)} MB; everyone leaves`);
    for (const client of clients) client.destroy();
    const leftAt = Date.now();
    const after: Array<number | null> = [];
    for (const seconds of afterSeconds) {
      await new Promise((resolve) => setTimeout(resolve, leftAt + seconds * 1000 - Date.now()));
      const rss = rssNow(server.pids);
      after.push(mb(rss));
      progress(`${seconds} s after the last client left: RSS ${fixed(mb(rss), 1)} MB`);
    }
    return { label: server.label, idleMb: mb(idle), residentMb: mb(resident), afterMb: after };
  });
}

interface ColdLoad {
  label: string;
  totalMs: number | null;
  documentKb: number | null;
  /** Why there is no figure: the server keeps nothing, or what did not finish in time. */
  note: string | null;
}

/** Resolves with `work`'s result, or with null once `ms` have passed (the work is abandoned). */
async function withinDeadline<T>(ms: number, work: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A year of minutes written by one server process, which is then stopped cleanly; a new process
 * on the same store (nothing of the documents in its memory, the files in the OS page cache)
 * is then asked for all of them at once. At most `timeoutSeconds` per server, writing included.
 */
async function coldLoad(
  start: Start,
  year: number,
  durable: boolean,
  timeoutSeconds: number,
): Promise<ColdLoad> {
  let server = await start();
  const label = server.label;
  const progress = progressOf(label);
  const opened: BenchClient[] = [];
  let phase = 'writing the year';
  let documentKb: number | null = null;
  try {
    if (!durable || !server.restart) {
      return { label, totalMs: null, documentKb: null, note: '(keeps nothing)' };
    }
    const restart = server.restart;
    const totalMs = await withinDeadline(timeoutSeconds * 1000, async () => {
      const writers = await openDocuments(server, year, { docs: minutesDoc, opened });
      await whenAllSynced(writers);
      documentKb =
        writers.reduce((total, client) => total + Y.encodeStateAsUpdate(client.doc).byteLength, 0) /
        year /
        1024;
      for (const client of writers) client.destroy();
      phase = 'restarting on the written store';
      progress(`${year} documents written; stopping the server and starting a fresh process`);
      server = await restart();
      phase = `loading ${year} documents at once`;
      progress(`fresh process up; opening all ${year} documents at once`);
      const started = performance.now();
      const readers = await openDocuments(server, year, { batch: year, opened });
      const elapsed = performance.now() - started;
      const incomplete = readers.filter(
        (client) => client.doc.getXmlFragment('minutes:bench-family-0').length === 0,
      );
      if (incomplete.length > 0) throw new Error(`${incomplete.length} documents loaded empty`);
      return elapsed;
    });
    if (totalMs === null) {
      progress(`did not finish within ${timeoutSeconds} s (${phase})`);
      return {
        label,
        totalMs: null,
        documentKb,
        note: `did not finish within ${timeoutSeconds} s (${phase})`,
      };
    }
    return { label, totalMs, documentKb, note: null };
  } finally {
    for (const client of opened) client.destroy();
    await server.stop().catch((error: unknown) => console.error(`[${label}]`, error));
  }
}

// main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = readOptions();
  // Every provider adds a process 'exit' listener; a thousand of them are expected here.
  process.setMaxListeners(0);
  console.log(
    `bench:all on Node ${process.version}, ${os.cpus().length} CPUs, load average ` +
      `${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}; scenarios: ${[...options.only].join(', ')}\n`,
  );
  const unitroom =
    (extra: UnitroomOptions = {}) =>
    () =>
      startUnitroom(extra);
  const baselines: Array<[Start, boolean]> = [
    [startPlainServer, false],
    [startHocuspocus, true],
  ];
  const summary: string[][] = [];

  if (options.only.has('meeting')) {
    console.log(
      `1 and 5. Meeting room: 50 clients in ${LOAD_PROCESSES} load processes, 5 keys/s each for ` +
        `${options.seconds} s; server writes counted until ${SETTLE_MS / 1000} s after the last delivery`,
    );
    const runs: MeetingFigures[] = [];
    for (const [start] of baselines)
      runs.push(await meetingRoom(start, options.seconds, SETTLE_MS));
    runs.push(await meetingRoom(unitroom(), options.seconds, SETTLE_MS));
    printMeeting(runs, ['plain', 'Hocuspocus']);
    const [plain, hocuspocus, ...ours] = runs;
    for (const run of ours) {
      summary.push([
        `1. p99 edit-to-remote, ${run.label}`,
        `${fixed(run.p99, 1)} ms`,
        `${fixed(ratio(run.p99, plain?.p99 ?? null), 2)} x plain, ${fixed(ratio(run.p99, hocuspocus?.p99 ?? null), 2)} x Hocuspocus`,
        `<= ${GOALS.p99Ratio} x plain`,
      ]);
      summary.push([
        `5. disk bytes per update byte, ${run.label}`,
        fixed(run.amplification, 1),
        `Hocuspocus ${fixed(hocuspocus?.amplification ?? null, 1)}`,
        `<= ${GOALS.writeAmplification}`,
      ]);
    }
  }

  if (options.only.has('saturation')) {
    console.log(
      `2. Saturation: rooms of 50 clients (one load process each), ${options.saturationSeconds} s ` +
        `per step, until p99 passes ${GOALS.saturationP99Ms} ms or a delivery is missing`,
    );
    const knees: Knee[] = [];
    for (const [start] of baselines) knees.push(await saturation(start, options));
    knees.push(await saturation(unitroom({ meetings: options.maxRooms }), options));
    printTable(
      ['server', 'p99 ms by rooms (1, 2, ...)', 'knee (rooms)'],
      knees.map((knee) => [
        knee.label,
        knee.steps.map((step) => fixed(step.p99, 0)).join(', '),
        String(knee.knee),
      ]),
    );
    const [plain, hocuspocus, ours] = knees;
    summary.push([
      '2. saturation knee (rooms of 50)',
      String(ours?.knee ?? '-'),
      `plain ${plain?.knee}, Hocuspocus ${hocuspocus?.knee}; ${fixed(ratio(ours?.knee ?? null, plain?.knee ?? null), 2)} x plain`,
      `>= ${GOALS.kneeRatio} x plain`,
    ]);
  }

  if (options.only.has('resident')) {
    console.log(
      `3. ${options.documents} resident meeting documents, one client each, ${MINUTES_FAMILIES} ` +
        `families x ${MINUTES_CHARS_PER_FAMILY} characters of minutes each. Idle: RSS once steady, ` +
        `at least ${IDLE_MIN_MS / 1000} s after start-up; after: RSS at ` +
        `${options.afterSeconds.join(', ')} s after the last client left`,
    );
    const runs: Resident[] = [];
    for (const [start] of baselines) {
      runs.push(await residentDocuments(start, options.documents, options.afterSeconds));
    }
    runs.push(
      await residentDocuments(
        unitroom({ meetings: options.documents }),
        options.documents,
        options.afterSeconds,
      ),
    );
    printTable(
      [
        'server',
        'RSS idle MB',
        'RSS resident MB',
        ...options.afterSeconds.map((seconds) => `${seconds} s after MB`),
        ...options.afterSeconds.map((seconds) => `${seconds} s / idle`),
      ],
      runs.map((run) => [
        run.label,
        fixed(run.idleMb, 1),
        fixed(run.residentMb, 1),
        ...run.afterMb.map((after) => fixed(after, 1)),
        ...run.afterMb.map((after) => fixed(ratio(after, run.idleMb), 2)),
      ]),
    );
    const [plain, hocuspocus, ours] = runs;
    const last = options.afterSeconds.length - 1;
    const backRatio = (run: Resident | undefined) =>
      fixed(ratio(run?.afterMb[last] ?? null, run?.idleMb ?? null), 2);
    summary.push([
      `3. RSS with ${options.documents} resident documents`,
      `${fixed(ours?.residentMb ?? null, 0)} MB`,
      `plain ${fixed(plain?.residentMb ?? null, 0)} MB, Hocuspocus ${fixed(hocuspocus?.residentMb ?? null, 0)} MB`,
      `< ${GOALS.residentRssMb} MB`,
    ]);
    summary.push([
      `3. RSS ${options.afterSeconds[last]} s after all left / idle`,
      backRatio(ours),
      `plain ${backRatio(plain)}, Hocuspocus ${backRatio(hocuspocus)}`,
      `<= ${GOALS.rssBackRatio}`,
    ]);
  }

  if (options.only.has('cold')) {
    console.log(
      `4. Cold load of a year of minutes: ${options.year} documents written by one process, ` +
        'which is stopped; a fresh process on the same store is asked for all of them at once ' +
        `(at most ${options.coldTimeoutSeconds} s per server; the plain server keeps nothing)`,
    );
    const runs: ColdLoad[] = [];
    for (const [start, durable] of baselines) {
      runs.push(await coldLoad(start, options.year, durable, options.coldTimeoutSeconds));
    }
    runs.push(
      await coldLoad(
        unitroom({ meetings: options.year }),
        options.year,
        true,
        options.coldTimeoutSeconds,
      ),
    );
    printTable(
      ['server', 'all synced, ms', 'document KB (Yjs state)'],
      runs.map((run) => [run.label, run.note ?? fixed(run.totalMs, 0), fixed(run.documentKb, 1)]),
    );
    const hocuspocus = runs[1];
    const ours = runs[2];
    summary.push([
      `4. cold load of ${options.year} documents`,
      ours?.note ?? `${fixed(ours?.totalMs ?? null, 0)} ms`,
      `Hocuspocus ${hocuspocus?.note ?? `${fixed(hocuspocus?.totalMs ?? null, 0)} ms`}`,
      `< ${GOALS.coldLoadMs} ms`,
    ]);
  }

  if (options.only.has('redis')) {
    const databaseUrl = process.env.DATABASE_URL;
    const redisUrl = process.env.REDIS_URL;
    if (!databaseUrl || !redisUrl) {
      console.log('6. skipped: DATABASE_URL and REDIS_URL are needed for two processes\n');
    } else {
      console.log(
        `6. The meeting room on PostgreSQL: one Unitroom process, then the same room split ` +
          `over two processes relaying through Redis, ${options.seconds} s each`,
      );
      // Two server processes, Redis, PostgreSQL and the load share the machine's cores, so one
      // run's p99 swings with whatever else ran in it: pair the runs, round after round, and
      // report the median round's ratio with the spread.
      const rounds: Array<{ one: MeetingFigures; two: MeetingFigures; ratio: number | null }> = [];
      for (let round = 1; round <= options.redisRounds; round += 1) {
        const one = await meetingRoom(
          unitroom({ postgres: { databaseUrl, redisUrl: '', processes: 1 } }),
          options.seconds,
          0,
        );
        const two = await meetingRoom(
          unitroom({ postgres: { databaseUrl, redisUrl, processes: 2 } }),
          options.seconds,
          0,
        );
        console.log(`round ${round} of ${options.redisRounds}`);
        printMeeting([one, two], ['one process']);
        rounds.push({ one, two, ratio: ratio(two.p99, one.p99) });
      }
      const ordered = rounds
        .filter((round) => round.ratio !== null)
        .sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0));
      const median = ordered[Math.floor((ordered.length - 1) / 2)];
      const spread =
        ordered.length > 1
          ? `; rounds ${ordered.map((round) => fixed(round.ratio, 2)).join(', ')}`
          : '';
      summary.push([
        `6. p99, one room over two processes via Redis${ordered.length > 1 ? ' (median round)' : ''}`,
        `${fixed(median?.two.p99 ?? null, 1)} ms`,
        `${fixed(median?.ratio ?? null, 2)} x one process (${fixed(median?.one.p99 ?? null, 1)} ms)${spread}`,
        `<= ${GOALS.redisP99Ratio} x one process`,
      ]);
    }
  }

  console.log('Summary');
  printTable(['figure', 'Unitroom', 'against', 'goal'], summary);
}

// Exit rather than wait: a failed step can leave a load process's timer or a socket behind.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
