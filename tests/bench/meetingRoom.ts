import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ioBytes, machineBusySeconds, UsageMonitor, type UsageWindow } from './procStats.js';
import {
  machineClockMs,
  type ClientSpec,
  type CoordinatorMessage,
  type DrainedReport,
  type ReadyReport,
  type SenderCount,
  type TypedReport,
  type WorkerMessage,
} from './protocol.js';
import type { BenchServer } from './servers.js';

/**
 * The meeting-room load: `clients` participants in one meeting document, split over `processes`
 * load processes, each typing `keystrokesPerSecond` characters into its own paragraph for
 * `seconds`. Measures edit-to-remote latency for every (keystroke, other participant) pair and
 * the server's CPU and memory over the typing window.
 */

export interface MeetingRoomOptions {
  clients: number;
  processes: number;
  seconds: number;
  keystrokesPerSecond: number;
  /** Move awareness cursors on every keystroke too (the editor does; the load does not). */
  cursors: boolean;
  /** Rooms of `clients` each (saturation); 1 for the meeting room. */
  rooms?: number;
  /** Wait this long after the last delivery before reading the server's write counters. */
  settleMs?: number;
}

export interface MeetingRoomResult {
  /** Sorted edit-to-remote latencies in milliseconds, from when each keystroke was due. */
  latenciesMs: Float64Array;
  /** Sorted lateness of each keystroke leaving its load process: the load's own lag. */
  sendLagMs: Float64Array;
  /** Keystrokes typed in the window, over all participants. */
  keystrokes: number;
  /** (keystroke, other participant) pairs: what a lossless run delivers. */
  expectedDeliveries: number;
  windowSeconds: number;
  server: UsageWindow;
  loadProcesses: UsageWindow;
  /**
   * CPU seconds the rest of the machine used in the window (not the server, not the load). On a
   * shared two-core box this is what explains a noisy tail.
   */
  otherCpuSeconds: number | null;
  reconnects: number;
  /** Bytes of Yjs updates the participants typed in the window: what the server received. */
  updateBytes: number;
  /**
   * What the server processes wrote from the window's start until `settleMs` after the last
   * delivery: bytes that reached the storage layer (/proc write_bytes) and bytes handed to
   * write(2) (wchar). Null where /proc/<pid>/io is not readable.
   */
  serverWrites: { storageBytes: number; writeCallBytes: number } | null;
}

const WORKER_FILE = fileURLToPath(new URL('./loadWorker.ts', import.meta.url));
const CONNECT_TIMEOUT_MS = 60_000;
/** Time between the start command and the first keystroke: every process gets it and settles. */
const START_DELAY_MS = 1_000;
/** How long receivers may lag behind the last keystroke before the rest count as lost. */
const DRAIN_TIMEOUT_MS = 15_000;
// Generous: on a busy shared machine the load processes themselves fall behind their schedule.
const MESSAGE_SLACK_MS = 120_000;
const EXIT_TIMEOUT_MS = 10_000;

/** One load process and the reports it has sent that nobody has asked for yet. */
class LoadProcess {
  private readonly inbox: WorkerMessage[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') this.fail(new Error(`load process: ${message.message}`));
      else this.inbox.push(message);
      this.waiter?.();
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        if (code !== 0) this.fail(new Error(`load process exited with ${code}`));
        this.waiter?.();
        resolve();
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('load process has no pid');
    return this.child.pid;
  }

  send(message: CoordinatorMessage): void {
    this.child.send(message);
  }

  /** The next report of `type`, or a rejection if the process fails or takes too long. */
  async next<T extends WorkerMessage['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<WorkerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const index = this.inbox.findIndex((message) => message.type === type);
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<WorkerMessage, { type: T }>;
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) throw new Error(`no '${type}' from a load process in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remainingMs);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  /** Waits for a clean exit, killing the process if it lingers. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.send({ type: 'exit' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }
}

/** Splits `items` into `parts` contiguous shares whose sizes differ by at most one. */
function share<T>(items: readonly T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, part) =>
    items.slice(
      Math.floor((part * items.length) / parts),
      Math.floor(((part + 1) * items.length) / parts),
    ),
  );
}

export async function runMeetingRoom(
  server: BenchServer,
  options: MeetingRoomOptions,
  progress: (line: string) => void,
): Promise<MeetingRoomResult> {
  const rooms = options.rooms ?? 1;
  const clients = Array.from({ length: rooms }, (_, room) =>
    server.clients(options.clients, room),
  ).flat();
  const shares = share(clients, Math.min(clients.length, options.processes * rooms));
  const processes = shares.map(
    () =>
      new LoadProcess(
        fork(WORKER_FILE, [], {
          // The coordinator's own flags (`--conditions=source --import tsx`) run the worker's TS.
          execArgv: process.execArgv,
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      ),
  );
  try {
    return await drive(server, options, shares, processes, progress);
  } finally {
    await Promise.all(processes.map((load) => load.close()));
  }
}

async function drive(
  server: BenchServer,
  options: MeetingRoomOptions,
  shares: ClientSpec[][],
  processes: LoadProcess[],
  progress: (line: string) => void,
): Promise<MeetingRoomResult> {
  processes.forEach((load, i) =>
    load.send({
      type: 'connect',
      protocol: server.protocol,
      serverUrl: server.serverUrl,
      docName: server.docName,
      fragmentName: server.fragmentName,
      clients: shares[i] ?? [],
      cursors: options.cursors,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    }),
  );
  const ready: ReadyReport[] = await Promise.all(
    processes.map((load) => load.next('ready', CONNECT_TIMEOUT_MS + MESSAGE_SLACK_MS)),
  );
  const senders = ready.flatMap((report) => report.senders);
  progress(
    `${options.clients} clients synced over ${processes.length} processes; typing for ${options.seconds} s`,
  );

  const durationMs = options.seconds * 1000;
  const startAtMs = machineClockMs() + START_DELAY_MS;
  for (const load of processes) {
    load.send({
      type: 'start',
      startAtMs,
      durationMs,
      keystrokesPerSecond: options.keystrokesPerSecond,
      senders,
    });
  }
  const serverUsage = new UsageMonitor(server.pids);
  const loadUsage = new UsageMonitor(processes.map((load) => load.pid));
  // Both monitors cover the typing window and the drain after it, not the idle lead-in.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAtMs - machineClockMs())));
  serverUsage.start();
  loadUsage.start();
  await server.loopStats?.(true);
  const writesAtStart = sumIo(server.pids);
  const machineAtStart = machineBusySeconds();

  const typed: TypedReport[] = await Promise.all(
    processes.map((load) => load.next('typed', START_DELAY_MS + durationMs + MESSAGE_SLACK_MS)),
  );
  const sent = new Map<number, Float64Array>();
  for (const report of typed) {
    for (const { clientId, sentAtMs } of report.sent) sent.set(clientId, sentAtMs);
  }
  const counts: SenderCount[] = Array.from(sent, ([clientId, sentAtMs]) => ({
    clientId,
    count: sentAtMs.length,
  }));
  for (const load of processes) {
    load.send({ type: 'drain', typed: counts, timeoutMs: DRAIN_TIMEOUT_MS });
  }
  const drained: DrainedReport[] = await Promise.all(
    processes.map((load) => load.next('drained', DRAIN_TIMEOUT_MS + MESSAGE_SLACK_MS)),
  );
  const windowSeconds = (machineClockMs() - startAtMs) / 1000;
  const machineAtEnd = machineBusySeconds();
  const serverWindow = serverUsage.stop();
  const loadWindow = loadUsage.stop();
  const loop = await server.loopStats?.(false);
  if (loop) {
    progress(
      `server event loop: longest delay ${loop.maxDelayMs.toFixed(1)} ms` +
        (loop.maxOnCpuDelayMs === null ? '' : ` (${loop.maxOnCpuDelayMs.toFixed(0)} ms on CPU)`),
    );
  }
  const otherCpuSeconds =
    machineAtStart === null ||
    machineAtEnd === null ||
    serverWindow.cpuSeconds === null ||
    loadWindow.cpuSeconds === null
      ? null
      : Math.max(
          0,
          machineAtEnd - machineAtStart - serverWindow.cpuSeconds - loadWindow.cpuSeconds,
        );

  if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  const writesAtEnd = sumIo(server.pids);

  const roomSizes = new Map<string, number>();
  for (const spec of shares.flat()) {
    const docName = spec.docName ?? server.docName;
    roomSizes.set(docName, (roomSizes.get(docName) ?? 0) + 1);
  }
  const roomOf = new Map(senders.map((sender) => [sender.clientId, sender.docName]));
  const keystrokes = counts.reduce((total, { count }) => total + count, 0);
  const expectedDeliveries = counts.reduce(
    (total, { clientId, count }) =>
      total + count * ((roomSizes.get(roomOf.get(clientId) ?? '') ?? 1) - 1),
    0,
  );
  return {
    updateBytes: typed.reduce((total, report) => total + report.updateBytes, 0),
    serverWrites:
      writesAtStart && writesAtEnd
        ? {
            storageBytes: writesAtEnd.writeBytes - writesAtStart.writeBytes,
            writeCallBytes: writesAtEnd.wchar - writesAtStart.wchar,
          }
        : null,
    latenciesMs: joinLatencies(sent, drained),
    sendLagMs: Float64Array.from(
      typed.flatMap((report) => report.sent.flatMap(({ sendLagMs }) => [...sendLagMs])),
    ).sort(),
    keystrokes,
    expectedDeliveries,
    windowSeconds,
    server: serverWindow,
    loadProcesses: loadWindow,
    otherCpuSeconds,
    reconnects: drained.reduce((total, report) => total + report.reconnects, 0),
  };
}

/** Seen minus sent for every delivered (keystroke, receiver) pair, sorted ascending. */
function joinLatencies(sent: Map<number, Float64Array>, drained: DrainedReport[]): Float64Array {
  const latencies: number[] = [];
  for (const report of drained) {
    for (const receiver of report.received) {
      for (const { clientId, seenAtMs } of receiver.bySender) {
        const sentAtMs = sent.get(clientId);
        if (!sentAtMs) continue;
        for (let n = 0; n < seenAtMs.length; n += 1) {
          const seen = seenAtMs[n] ?? NaN;
          const at = sentAtMs[n] ?? NaN;
          if (!Number.isNaN(seen) && !Number.isNaN(at)) latencies.push(seen - at);
        }
      }
    }
  }
  return Float64Array.from(latencies).sort();
}

function sumIo(pids: readonly number[]): { writeBytes: number; wchar: number } | null {
  let writeBytes = 0;
  let wchar = 0;
  for (const pid of pids) {
    const io = ioBytes(pid);
    if (!io) return null;
    writeBytes += io.writeBytes;
    wchar += io.wchar;
  }
  return { writeBytes, wchar };
}
