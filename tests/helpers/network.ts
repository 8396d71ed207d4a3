import * as Y from 'yjs';
import { seededRandom } from './random.js';

/** Marks updates applied by the network, so a replica does not send them on again. */
const NETWORK_ORIGIN = Symbol('test network');

export interface Replica {
  readonly index: number;
  readonly doc: Y.Doc;
  online: boolean;
}

/**
 * A deterministic in-memory network for N Yjs replicas (after yjs `tests/testHelper.js`,
 * `TestConnector`). Every local update is queued for every online peer, one FIFO queue per
 * sender and receiver, as a socket would keep them; nothing moves until the test delivers,
 * and `deliverRandom` picks the next delivery from the seeded generator, so one seed always
 * replays one interleaving. An offline replica sends nothing and loses what was queued for it;
 * reconnecting exchanges state with every online peer, like the sync step on a new connection.
 * No sockets, no BroadcastChannel, no timers.
 */
export class TestNetwork {
  readonly replicas: Replica[];
  /** queues[to][from]: updates in flight from `from` to `to`. */
  private readonly queues: Uint8Array[][][];
  private readonly random: () => number;

  constructor(count: number, seed: number) {
    this.random = seededRandom(seed);
    this.queues = Array.from({ length: count }, () => Array.from({ length: count }, () => []));
    this.replicas = Array.from({ length: count }, (_, index) => {
      const doc = new Y.Doc();
      // Concurrent writes are ordered by client id: fixed ids make a seed replay exactly.
      doc.clientID = index + 1;
      const replica: Replica = { index, doc, online: true };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK_ORIGIN || !replica.online) return;
        for (const peer of this.replicas)
          if (peer !== replica && peer.online) this.queue(replica.index, peer.index).push(update);
      });
      return replica;
    });
  }

  private queue(from: number, to: number): Uint8Array[] {
    const queue = this.queues[to]?.[from];
    if (!queue) throw new Error(`no replica ${from} or ${to}`);
    return queue;
  }

  replica(index: number): Replica {
    const replica = this.replicas[index];
    if (!replica) throw new Error(`no replica ${index}`);
    return replica;
  }

  disconnect(index: number): void {
    const replica = this.replica(index);
    replica.online = false;
    for (const peer of this.replicas) this.queue(peer.index, index).length = 0;
  }

  reconnect(index: number): void {
    const replica = this.replica(index);
    if (replica.online) return;
    replica.online = true;
    for (const peer of this.replicas) {
      if (peer === replica || !peer.online) continue;
      this.queue(index, peer.index).push(
        Y.encodeStateAsUpdate(replica.doc, Y.encodeStateVector(peer.doc)),
      );
      this.queue(peer.index, index).push(
        Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(replica.doc)),
      );
    }
  }

  /** Messages waiting, across all queues. */
  get pending(): number {
    return this.queues.flat().reduce((sum, queue) => sum + queue.length, 0);
  }

  /** Delivers the oldest message of one non-empty queue chosen at random; false if none. */
  deliverRandom(): boolean {
    const waiting: [number, number][] = [];
    this.queues.forEach((row, to) =>
      row.forEach((queue, from) => {
        if (queue.length > 0) waiting.push([from, to]);
      }),
    );
    if (waiting.length === 0) return false;
    const [from, to] = waiting[Math.floor(this.random() * waiting.length)] ?? [0, 0];
    const update = this.queue(from, to).shift();
    if (update) Y.applyUpdate(this.replica(to).doc, update, NETWORK_ORIGIN);
    return true;
  }

  /** Delivers up to `count` messages. */
  deliver(count: number): void {
    for (let i = 0; i < count && this.deliverRandom(); i += 1);
  }

  /** Reconnects everyone and delivers until nothing is in flight. */
  flushAll(): void {
    for (const replica of this.replicas) this.reconnect(replica.index);
    while (this.deliverRandom());
  }

  destroy(): void {
    for (const replica of this.replicas) replica.doc.destroy();
  }
}
