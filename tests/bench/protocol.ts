/**
 * Messages between the bench coordinator (`meetingRoom.ts`) and its load processes
 * (`loadWorker.ts`), over Node's IPC channel with `serialization: 'advanced'` so typed arrays
 * cross as bytes rather than JSON.
 *
 * Latency is joined by Yjs item id: every keystroke is one character, so a sender's n-th
 * keystroke in the window has clock `startClock + n`. The sender logs when each clock was due,
 * every receiver logs when each clock of every other sender became visible in its document, and
 * the coordinator subtracts. Nothing extra is written into the shared document.
 */

import type { BenchProtocol } from './clients.js';

/** One simulated participant, as the coordinator assigns it to a load process. */
export interface ClientSpec {
  /** Its server and document, when not the command's (several rooms, several processes). */
  serverUrl?: string;
  docName?: string;
  /** Headers a browser would send on the upgrade: its session cookie and page origin. */
  headers: Record<string, string>;
  /** Whom this participant types as, for the transaction origin. */
  userId: string;
}

export interface ConnectCommand {
  type: 'connect';
  protocol: BenchProtocol;
  /** `ws://host:port/collab`, the stock `WebsocketProvider` server URL. */
  serverUrl: string;
  docName: string;
  /** Root fragment of the meeting minutes that every participant writes a paragraph into. */
  fragmentName: string;
  clients: ClientSpec[];
  /** Also move each participant's awareness cursor on every keystroke, as an editor would. */
  cursors: boolean;
  /** Give up on connecting after this long. */
  connectTimeoutMs: number;
}

export interface StartCommand {
  type: 'start';
  /** `machineClockMs()` when the window opens. */
  startAtMs: number;
  durationMs: number;
  keystrokesPerSecond: number;
  /** Every participant in the room, with its clock when the window opened. */
  senders: SenderStart[];
}

export interface DrainCommand {
  type: 'drain';
  /** Keystrokes each sender typed in the window; receivers wait until they have seen them all. */
  typed: SenderCount[];
  timeoutMs: number;
}

export interface ExitCommand {
  type: 'exit';
}

export type CoordinatorMessage = ConnectCommand | StartCommand | DrainCommand | ExitCommand;

export interface SenderStart {
  clientId: number;
  startClock: number;
  /** The room it types in; only participants of the same room receive it. */
  docName: string;
}

export interface SenderCount {
  clientId: number;
  count: number;
}

export interface ReadyReport {
  type: 'ready';
  senders: SenderStart[];
}

export interface TypedReport {
  type: 'typed';
  /**
   * Per sender of this process: when its n-th keystroke was due (`machineClockMs()`), and how
   * late it actually left. Latency counts from when it was due.
   */
  sent: Array<{ clientId: number; sentAtMs: Float64Array; sendLagMs: Float64Array }>;
  /** Bytes of the Yjs updates this process's participants produced in the window. */
  updateBytes: number;
}

export interface DrainedReport {
  type: 'drained';
  /** Per receiver: for each other sender, when keystroke n became visible (NaN: never). */
  received: Array<{
    clientId: number;
    bySender: Array<{ clientId: number; seenAtMs: Float64Array }>;
  }>;
  /** True if some keystroke was still missing when the drain timed out. */
  timedOut: boolean;
  /** Connections the provider lost and re-opened during the run. */
  reconnects: number;
}

export interface FailureReport {
  type: 'failed';
  message: string;
}

export type WorkerMessage = ReadyReport | TypedReport | DrainedReport | FailureReport;

/**
 * Milliseconds on a clock every process on this machine shares: `process.hrtime` is libuv's
 * system-wide monotonic clock (CLOCK_MONOTONIC on Linux). `performance.timeOrigin` is not used
 * because each process snapshots it at start-up with up to a millisecond of error, which showed
 * up as negative latencies between processes.
 */
export const machineClockMs = (): number => Number(process.hrtime.bigint() / 1000n) / 1000;
