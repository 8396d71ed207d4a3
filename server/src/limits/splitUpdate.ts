import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Cuts one large Yjs update into smaller updates that, applied in order to `doc`, have the same
 * effect as the whole: each piece needs only what `doc` and the pieces before it hold, so none
 * of them leaves anything pending. Yjs 13 offers no such cut (`diffUpdate` only drops what a
 * state vector already covers), so this uses its own parts: `decodeUpdate` reads the structs,
 * and each struct writes itself (`write(encoder, offset)`, as `diffUpdate` does) into a V1
 * update of the usual layout.
 *
 * Structs are taken client by client in clock order, each once everything it names is there:
 * its left and right origins and its parent. Deletions go into the piece that brings what they
 * delete (so deleted text is never shown for a moment), those of what `doc` already holds into
 * the first piece, and deletions `doc` already has are dropped (a client resends its whole
 * delete set with every sync).
 */

export interface PieceLimits {
  /** Structs per piece: what integrating costs is mostly per struct. */
  maxStructs: number;
  /** Content per piece (characters, array entries), so a piece's bytes stay bounded too. */
  maxLength: number;
}

export type SplitResult = { ok: true; pieces: Uint8Array[] } | { ok: false; missing: string };

type Range = [start: number, end: number];

interface Piece {
  structs: Map<number, Array<{ struct: Y.Item | Y.GC; offset: number }>>;
  deletions: Map<number, Range[]>;
  count: number;
  length: number;
}

const newPiece = (): Piece => ({ structs: new Map(), deletions: new Map(), count: 0, length: 0 });

/** Throws on an undecodable update. `doc` is only read. */
export function splitUpdate(doc: Y.Doc, update: Uint8Array, limits: PieceLimits): SplitResult {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  /** How far each client reaches in `doc` plus the pieces cut so far. */
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  const present = (id: Y.ID) => id.clock < reachOf(id.client);
  /** Per client, where its new clocks went: runs of [end clock, piece index], in clock order. */
  const placed = new Map<number, Array<[end: number, piece: number]>>();
  const pieces: Piece[] = [];
  let piece = newPiece();

  const queues = Array.from(byClient, ([client, list]) => ({ client, list, next: 0 }));
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const queue of queues) {
      while (queue.next < queue.list.length) {
        const struct = queue.list[queue.next] as Y.Item | Y.GC | Y.Skip;
        const known = reachOf(queue.client);
        const end = struct.id.clock + struct.length;
        if (end <= known) {
          // The document has it already.
          queue.next += 1;
          continue;
        }
        // A gap (or a Skip, which stands for one) can only be filled by this client's earlier
        // changes, which are not here: the rest of this client waits forever.
        if (struct.id.clock > known || struct instanceof Y.Skip) break;
        const offset = known - struct.id.clock;
        if (struct instanceof Y.Item) {
          // Past its start, a struct is written with its own previous clock as its origin.
          if (offset === 0 && struct.origin && !present(struct.origin)) break;
          if (struct.rightOrigin && !present(struct.rightOrigin)) break;
          if (struct.parent instanceof Y.ID && !present(struct.parent)) break;
        }
        const list = piece.structs.get(queue.client);
        if (list) list.push({ struct, offset });
        else piece.structs.set(queue.client, [{ struct, offset }]);
        piece.count += 1;
        piece.length += struct.length - offset;
        reach.set(queue.client, end);
        const runs = placed.get(queue.client);
        const last = runs?.[runs.length - 1];
        if (last && last[1] === pieces.length) last[0] = end;
        else if (runs) runs.push([end, pieces.length]);
        else placed.set(queue.client, [[end, pieces.length]]);
        queue.next += 1;
        progressed = true;
        if (piece.count >= limits.maxStructs || piece.length >= limits.maxLength) {
          pieces.push(piece);
          piece = newPiece();
        }
      }
    }
  }
  for (const queue of queues) {
    const stuck = queue.list[queue.next];
    if (stuck)
      return {
        ok: false,
        missing: `changes of client ${stuck.id.client} from clock ${stuck.id.clock} build on changes that are not there`,
      };
  }
  if (piece.count > 0 || pieces.length === 0) pieces.push(piece);

  const deleted = mergedRanges(Y.createDeleteSetFromStructStore(doc.store));
  for (const [client, ranges] of mergedRanges(ds)) {
    const before = Y.getState(doc.store, client);
    const runs = placed.get(client) ?? [];
    for (const [from, to] of subtract(ranges, deleted.get(client) ?? [])) {
      if (to > reachOf(client))
        return { ok: false, missing: `deletes ${client}:${from}+${to - from}, which is not there` };
      let start = from;
      if (start < before) {
        addDeletion(pieces[0] as Piece, client, start, Math.min(to, before));
        start = before;
      }
      for (const [runEnd, index] of runs) {
        if (start >= to) break;
        if (start < runEnd) {
          const stop = Math.min(to, runEnd);
          addDeletion(pieces[index] as Piece, client, start, stop);
          start = stop;
        }
      }
    }
  }
  return {
    ok: true,
    pieces: pieces
      .filter((cut) => cut.count > 0 || cut.deletions.size > 0)
      .map((cut) => encodePiece(cut)),
  };
}

function addDeletion(piece: Piece, client: number, from: number, to: number): void {
  const ranges = piece.deletions.get(client);
  if (ranges) ranges.push([from, to]);
  else piece.deletions.set(client, [[from, to]]);
}

/** A delete set as sorted, merged ranges per client. */
function mergedRanges(ds: { clients: Map<number, Array<{ clock: number; len: number }>> }) {
  const result = new Map<number, Range[]>();
  for (const [client, items] of ds.clients) {
    const sorted = items
      .map((item): Range => [item.clock, item.clock + item.len])
      .sort((a, b) => a[0] - b[0]);
    const merged: Range[] = [];
    for (const [from, to] of sorted) {
      const last = merged[merged.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    result.set(client, merged);
  }
  return result;
}

/** `ranges` without what `minus` covers; both sorted and merged. */
function subtract(ranges: readonly Range[], minus: readonly Range[]): Range[] {
  const result: Range[] = [];
  let first = 0;
  for (const [from, to] of ranges) {
    while (first < minus.length && (minus[first] as Range)[1] <= from) first += 1;
    let start = from;
    for (let i = first; start < to && i < minus.length; i += 1) {
      const [cutFrom, cutTo] = minus[i] as Range;
      if (cutFrom >= to) break;
      if (cutFrom > start) result.push([start, cutFrom]);
      start = Math.max(start, cutTo);
    }
    if (start < to) result.push([start, to]);
  }
  return result;
}

/** The V1 layout: clients with their structs from a first clock, then the delete set. */
function encodePiece(piece: Piece): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const clients = Array.from(piece.structs.keys()).sort((a, b) => b - a);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const client of clients) {
    const list = piece.structs.get(client) ?? [];
    const first = list[0];
    if (!first) continue;
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, first.struct.id.clock + first.offset);
    for (const { struct, offset } of list) struct.write(encoder, offset);
  }
  encoding.writeVarUint(encoder.restEncoder, piece.deletions.size);
  for (const [client, ranges] of piece.deletions) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [from, to] of ranges) {
      encoder.writeDsClock(from);
      encoder.writeDsLen(to - from);
    }
  }
  return encoder.toUint8Array();
}
