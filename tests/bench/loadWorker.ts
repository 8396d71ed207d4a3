import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { userOrigin, type TransactionOrigin } from '@unitroom/shared';
import { connectBenchClient, type BenchClient } from './clients.js';
import {
  machineClockMs,
  type ConnectCommand,
  type CoordinatorMessage,
  type DrainCommand,
  type SenderStart,
  type StartCommand,
  type WorkerMessage,
} from './protocol.js';

/**
 * One load process of the meeting-room bench: a share of the participants, each a stock
 * `WebsocketProvider` with its own `Y.Doc`, typing into its own paragraph of the minutes the way
 * the editor does (one `Y.XmlText` insert per keystroke). Started by `meetingRoom.ts` with
 * `child_process.fork`; it does nothing without a coordinator.
 */

/** What participants type, so the minutes read like minutes rather than one repeated key. */
const PHRASE = "Mia says she feels safer at her gran's since the summer; school agrees. ";
const DRAIN_POLL_MS = 20;

interface Participant {
  readonly index: number;
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly provider: BenchClient;
  readonly origin: TransactionOrigin;
  readonly synced: Promise<void>;
  paragraph: Y.XmlText | null;
  startClock: number;
  /** When each keystroke was due: latency counts from here, so a late keystroke counts late. */
  sentAtMs: Float64Array;
  /** How late each keystroke left this process: a load process falling behind shows here. */
  sendLagMs: Float64Array;
  typed: number;
  /** Per other sender: its clock at the window's start and when each later clock was seen. */
  seen: Map<number, SeenLog>;
}

interface SeenLog {
  startClock: number;
  seenAtMs: Float64Array;
  /** Clocks of the window seen so far. */
  count: number;
}

let participants: Participant[] = [];
let reconnects = 0;
let exiting = false;
let typing = false;
let updateBytes = 0;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connect(command: ConnectCommand): Participant[] {
  return command.clients.map((client, index) => {
    const docName = client.docName ?? command.docName;
    const provider = connectBenchClient(
      command.protocol,
      client.serverUrl ?? command.serverUrl,
      docName,
      client.headers,
    );
    const doc = provider.doc;
    let opened = false;
    provider.onStatus((status) => {
      if (status === 'connected') opened = true;
      else if (status === 'disconnected' && opened && !exiting) reconnects += 1;
    });
    const origin = userOrigin(client.userId);
    doc.on('update', (update: Uint8Array, updateOrigin: unknown) => {
      if (typing && updateOrigin === origin) updateBytes += update.byteLength;
    });
    const participant: Participant = {
      index,
      docName,
      doc,
      provider,
      origin,
      synced: provider.synced,
      paragraph: null,
      startClock: 0,
      sentAtMs: new Float64Array(0),
      sendLagMs: new Float64Array(0),
      typed: 0,
      seen: new Map(),
    };
    doc.on('afterTransaction', (transaction: Y.Transaction) =>
      recordSeen(participant, transaction),
    );
    return participant;
  });
}

/**
 * A remote transaction integrated clocks `[before, after)` of each sender; every one of them
 * became visible to this participant now. Cheaper than diffing the minutes, and exact because
 * a sender's only writes in the window are one-character inserts.
 */
function recordSeen(participant: Participant, transaction: Y.Transaction): void {
  if (transaction.local || participant.seen.size === 0) return;
  const now = machineClockMs();
  transaction.afterState.forEach((after, clientId) => {
    markSeen(participant, clientId, transaction.beforeState.get(clientId) ?? 0, after, now);
  });
}

function markSeen(
  participant: Participant,
  clientId: number,
  fromClock: number,
  toClock: number,
  now: number,
): void {
  const log = participant.seen.get(clientId);
  if (!log) return;
  const from = Math.max(fromClock, log.startClock);
  const to = Math.min(toClock, log.startClock + log.seenAtMs.length);
  for (let clock = from; clock < to; clock += 1) {
    const index = clock - log.startClock;
    if (Number.isNaN(log.seenAtMs[index] ?? 0)) log.count += 1;
    log.seenAtMs[index] = now;
  }
}

/**
 * What an observing receiver does with an update instead of applying it: reads which clocks of
 * which client it carries from the V1 header. Every keystroke of the window is one struct of
 * length one, so a client's structs cover clocks [clock, clock + structs).
 */
function observeUpdate(participant: Participant, update: Uint8Array): void {
  const now = machineClockMs();
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients !== 1) {
    // Not a keystroke (a sync step 2 after a reconnect): fall back to reading it whole.
    for (const struct of Y.decodeUpdate(update).structs) {
      markSeen(
        participant,
        struct.id.client,
        struct.id.clock,
        struct.id.clock + struct.length,
        now,
      );
    }
    return;
  }
  const structs = decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  markSeen(participant, client, clock, clock + structs, now);
}

/** Each participant opens its own paragraph at the end of the minutes, as when taking a turn. */
function openParagraphs(fragmentName: string): SenderStart[] {
  return participants.map((participant) => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    participant.doc.transact(() => {
      const fragment = participant.doc.getXmlFragment(fragmentName);
      fragment.insert(fragment.length, [paragraph]);
      paragraph.insert(0, [text]);
    }, participant.origin);
    participant.paragraph = text;
    participant.startClock = Y.getState(participant.doc.store, participant.doc.clientID);
    return {
      clientId: participant.doc.clientID,
      startClock: participant.startClock,
      docName: participant.docName,
    };
  });
}

function startTyping(command: StartCommand, cursors: boolean): Promise<void> {
  const intervalMs = 1000 / command.keystrokesPerSecond;
  const endAtMs = command.startAtMs + command.durationMs;
  const capacity = Math.ceil(command.durationMs / intervalMs) + 1;
  for (const participant of participants) {
    participant.sentAtMs = new Float64Array(capacity);
    participant.sendLagMs = new Float64Array(capacity);
    participant.seen = new Map(
      command.senders
        .filter(
          (sender) =>
            sender.clientId !== participant.doc.clientID && sender.docName === participant.docName,
        )
        .map((sender) => [
          sender.clientId,
          {
            startClock: sender.startClock,
            seenAtMs: new Float64Array(capacity).fill(NaN),
            count: 0,
          },
        ]),
    );
    participant.provider.observeInsteadOfApplying((update) => observeUpdate(participant, update));
  }

  return Promise.all(
    participants.map(
      (participant) =>
        new Promise<void>((resolve) => {
          // A random phase per participant, so 50 people do not all hit a key in the same tick.
          const phaseMs = Math.random() * intervalMs;
          const typeNext = (n: number): void => {
            const dueMs = command.startAtMs + phaseMs + n * intervalMs;
            if (dueMs >= endAtMs) {
              resolve();
              return;
            }
            // Deadlines are absolute so a busy event loop delays keystrokes, never drops them.
            setTimeout(
              () => {
                keystroke(participant, n, dueMs, cursors);
                typeNext(n + 1);
              },
              // Node truncates a fractional delay, which would fire a keystroke before it was due.
              Math.max(0, Math.ceil(dueMs - machineClockMs())),
            );
          };
          typeNext(0);
        }),
    ),
  ).then(() => undefined);
}

function keystroke(participant: Participant, n: number, dueMs: number, cursors: boolean): void {
  const text = participant.paragraph;
  if (!text) throw new Error('typing before the paragraph was opened');
  const character = PHRASE[(participant.index * 7 + n) % PHRASE.length] ?? ' ';
  participant.sentAtMs[n] = dueMs;
  participant.sendLagMs[n] = machineClockMs() - dueMs;
  // The provider encodes and sends the update synchronously inside this transaction.
  participant.doc.transact(() => text.insert(text.length, character), participant.origin);
  participant.typed = n + 1;
  if (cursors) {
    const caret = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(text, text.length),
    );
    participant.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  }
}

function missingKeystrokes(command: DrainCommand): number {
  let missing = 0;
  for (const participant of participants) {
    for (const { clientId, count } of command.typed) {
      const log = participant.seen.get(clientId);
      if (!log) continue;
      if (log.count < count) missing += count - log.count;
    }
  }
  return missing;
}

async function drain(command: DrainCommand): Promise<void> {
  const deadline = Date.now() + command.timeoutMs;
  while (missingKeystrokes(command) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  const counts = new Map(command.typed.map(({ clientId, count }) => [clientId, count]));
  send({
    type: 'drained',
    timedOut: missingKeystrokes(command) > 0,
    reconnects,
    received: participants.map((participant) => ({
      clientId: participant.doc.clientID,
      bySender: Array.from(participant.seen, ([clientId, log]) => ({
        clientId,
        seenAtMs: log.seenAtMs.slice(0, counts.get(clientId) ?? 0),
      })),
    })),
  });
}

function shutdown(code: number): void {
  exiting = true;
  for (const participant of participants) {
    participant.provider.destroy();
    participant.doc.destroy();
  }
  participants = [];
  process.exitCode = code;
  process.disconnect?.();
}

function fail(error: unknown): void {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  shutdown(1);
}

let cursors = false;

async function handle(message: CoordinatorMessage): Promise<void> {
  switch (message.type) {
    case 'connect': {
      cursors = message.cursors;
      participants = connect(message);
      await withTimeout(
        Promise.all(participants.map((participant) => participant.synced)),
        message.connectTimeoutMs,
        `syncing ${participants.length} clients`,
      );
      send({ type: 'ready', senders: openParagraphs(message.fragmentName) });
      return;
    }
    case 'start':
      typing = true;
      updateBytes = 0;
      await startTyping(message, cursors);
      typing = false;
      send({
        type: 'typed',
        updateBytes,
        sent: participants.map((participant) => ({
          clientId: participant.doc.clientID,
          sentAtMs: participant.sentAtMs.slice(0, participant.typed),
          sendLagMs: participant.sendLagMs.slice(0, participant.typed),
        })),
      });
      return;
    case 'drain':
      await drain(message);
      return;
    case 'exit':
      shutdown(0);
      return;
  }
}

if (!process.send) throw new Error('loadWorker.ts is started by meetingRoom.ts, not directly');
// Each provider adds a process 'exit' listener to clear its awareness; dozens here are expected.
process.setMaxListeners(0);
process.on('message', (message: CoordinatorMessage) => {
  handle(message).catch(fail);
});
// The coordinator went away: nothing left to report to.
process.on('disconnect', () => {
  if (!exiting) shutdown(1);
});
