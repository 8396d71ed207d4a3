import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { refereeUpdate, type RefereeContext } from '../authority/referee.js';
import { Refusal } from '../collab/types.js';
import { splitUpdate, type PieceLimits } from './splitUpdate.js';
import { pendingBytes } from './updateDependencies.js';

/**
 * The worker thread of `LargeUpdateVetter` (largeUpdates.ts). It rebuilds the room's document
 * from its state, cuts the large update into pieces (splitUpdate.ts), applies them one by one
 * and times each, then checks that the whole update adds nothing more and ends where its
 * encoding ends. Whatever it costs here, the event loop of the server goes on meanwhile.
 */

export interface VetRequest {
  id: number;
  /** The room's document as it stood when the update's turn came (`encodeStateAsUpdate`). */
  state: Uint8Array;
  update: Uint8Array;
  limits: PieceLimits;
  /** Most milliseconds one piece may take to integrate. */
  pieceMs: number;
  /** Most milliseconds all pieces together may take: beyond it the answer is `costly`. */
  totalMs: number;
  /**
   * Referee each piece before it is applied here, against this copy of the document with the
   * pieces before it applied ([U3]): a refusal of any piece refuses the whole update, before the
   * room's document has any of it.
   */
  referee?: RefereeContext;
}

/** What vetting found: the pieces to apply, or why the update is refused. */
export type Verdict =
  | {
      ok: true;
      pieces: Uint8Array[];
      /** What integrating every piece took here: the main thread will spend about as much. */
      costMs: number;
      maxPieceMs: number;
      /**
       * How many of the first pieces the referee passed, when asked to referee ([U3]): all,
       * unless splitting missed some.
       */
      refereed?: number;
      /** Client ids the refereed pieces write with for the first time in the document. */
      fresh: number[];
    }
  | {
      ok: false;
      /**
       * Undecodable; bytes past the update; building on what is not there; too costly; a piece
       * the referee refused (with `closeCode`).
       */
      code: 'malformed' | 'padded' | 'missing' | 'costly' | 'refused';
      reason: string;
      /** For `refused`: the close code the referee refused a piece with. */
      closeCode?: number;
    };

/** The worker's answer to the request with the same `id`. */
export type VetAnswer = Verdict & { id: number };

/** Linux reports a thread's CPU time in clock ticks of 10 ms (USER_HZ 100). */
const MS_PER_CLOCK_TICK = 10;

/** CPU time of this thread so far, in milliseconds, or null off Linux. */
function threadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after "(comm) ": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK;
  } catch {
    return null;
  }
}

/**
 * Runs `work` and says how long it held this thread: the wall clock, unless the thread's own
 * CPU time shows it spent part of that waiting for a core (a loaded machine), in which case
 * the CPU time, rounded up by one tick. A busy machine must not make an honest backlog look
 * costly; the main thread's own cost is charged there as it happens.
 */
function timed(work: () => void): { ms: number; wall: number } {
  const cpuBefore = threadCpuMs();
  const started = performance.now();
  work();
  const wall = performance.now() - started;
  const cpuAfter = threadCpuMs();
  if (cpuBefore === null || cpuAfter === null) return { ms: wall, wall };
  return { ms: Math.min(wall, cpuAfter - cpuBefore + MS_PER_CLOCK_TICK), wall };
}

export function vet(request: VetRequest): VetAnswer {
  const { id, update } = request;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, request.state);
    // The room may hold a little pending data of its own (limits.ts allows some): only more is
    // this update's doing.
    const pendingBefore = pendingBytes(doc);
    const leavesPending = () => pendingBytes(doc) > pendingBefore;
    // The room listens for updates, so Yjs encodes each change there: do the same work here.
    let changed = false;
    doc.on('update', () => {
      changed = true;
    });
    let split: ReturnType<typeof splitUpdate>;
    try {
      split = splitUpdate(doc, update, request.limits);
    } catch (error) {
      return { id, ok: false, code: 'malformed', reason: `undecodable update: ${String(error)}` };
    }
    if (!split.ok) return { id, ok: false, code: 'missing', reason: split.missing };
    const pieces = split.pieces;
    let wall = 0;
    let maxPieceMs = 0;
    const cpuBefore = threadCpuMs();
    const costSoFar = () => {
      const cpu = threadCpuMs();
      return cpuBefore === null || cpu === null
        ? wall
        : Math.min(wall, cpu - cpuBefore + MS_PER_CLOCK_TICK);
    };
    const integrate = (piece: Uint8Array, what: string): VetAnswer | null => {
      const { ms, wall: pieceWall } = timed(() => Y.applyUpdate(doc, piece));
      wall += pieceWall;
      maxPieceMs = Math.max(maxPieceMs, ms);
      if (leavesPending())
        return { id, ok: false, code: 'missing', reason: `${what} left changes pending` };
      if (ms > request.pieceMs)
        return {
          id,
          ok: false,
          code: 'costly',
          reason: `${what} of ${piece.byteLength} bytes took ${Math.round(ms)} ms to integrate`,
        };
      const total = costSoFar();
      if (total > request.totalMs)
        return {
          id,
          ok: false,
          code: 'costly',
          reason: `integrating it takes over ${Math.round(total)} ms`,
        };
      return null;
    };
    const referee = request.referee;
    const owners = new Map(referee?.owners ?? []);
    const fresh: number[] = [];
    for (const [index, piece] of pieces.entries()) {
      const what = `piece ${index + 1} of ${pieces.length}`;
      if (referee) {
        try {
          for (const client of refereeUpdate(doc, piece, { ...referee, owners })) {
            owners.set(client, referee.userId);
            fresh.push(client);
          }
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return {
            id,
            ok: false,
            code: 'refused',
            closeCode: error.code,
            reason: `${what}: ${error.message}`,
          };
        }
      }
      const refused = integrate(piece, what);
      if (refused) return refused;
    }
    const refereed = referee ? pieces.length : 0;
    let costMs = costSoFar();
    // The whole update must now add nothing: the pieces are all of it. Read through a decoder
    // of our own, to see where the update's encoding ends.
    changed = false;
    const decoder = decoding.createDecoder(update);
    let verify: { ms: number; wall: number };
    try {
      verify = timed(() => Y.readUpdate(decoder, doc, null));
    } catch (error) {
      return { id, ok: false, code: 'malformed', reason: `undecodable update: ${String(error)}` };
    }
    if (decoder.pos !== update.byteLength)
      return {
        id,
        ok: false,
        code: 'padded',
        reason: `${update.byteLength - decoder.pos} of its ${update.byteLength} bytes are past its end`,
      };
    if (leavesPending())
      return { id, ok: false, code: 'missing', reason: 'it leaves changes pending' };
    if (changed) {
      // Splitting missed something (it never should): the main thread then applies the whole
      // update after the pieces, which costs what it just cost here.
      if (verify.ms > request.pieceMs)
        return {
          id,
          ok: false,
          code: 'costly',
          reason: `what splitting left took ${Math.round(verify.ms)} ms to integrate`,
        };
      pieces.push(update);
      maxPieceMs = Math.max(maxPieceMs, verify.ms);
      costMs += verify.ms;
    }
    return { id, ok: true, pieces, costMs, maxPieceMs, refereed, fresh };
  } finally {
    doc.destroy();
  }
}

/** A first, small job, so the first real one does not pay for compiling Yjs. */
function warmUp(): void {
  const source = new Y.Doc();
  const text = source.getText('warm-up');
  const state = Y.encodeStateAsUpdate(source);
  for (let i = 0; i < 2_000; i += 1) text.insert((i * 7) % (text.length + 1), i % 3 ? 'a' : 'bc');
  const fragment = source.getXmlFragment('warm-up-xml');
  for (let i = 0; i < 50; i += 1) {
    const paragraph = new Y.XmlElement('paragraph');
    const inner = new Y.XmlText();
    paragraph.insert(0, [inner]);
    fragment.insert(fragment.length, [paragraph]);
    inner.insert(0, 'warm up ', i % 2 ? { bold: true } : {});
  }
  text.delete(10, 100);
  vet({
    id: 0,
    state,
    update: Y.encodeStateAsUpdate(source, Y.encodeStateVector(new Y.Doc())),
    limits: { maxStructs: 500, maxLength: 4_096 },
    pieceMs: Infinity,
    totalMs: Infinity,
  });
  source.destroy();
}

if (parentPort) {
  const port = parentPort;
  warmUp();
  port.postMessage('ready');
  port.on('message', (request: VetRequest) => {
    const answer = vet(request);
    // Every piece is all of its own buffer (fresh encodings, or the update as it was sent here).
    const buffers = answer.ok ? answer.pieces.map((piece) => piece.buffer as ArrayBuffer) : [];
    port.postMessage(answer, buffers);
  });
}
