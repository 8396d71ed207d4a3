import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DocumentRelay, RelayListener, RelaySubscription } from '../collab/types.js';

const PROCESS_ID_BYTES = 8;

/** First byte after the process id: what the rest of the message is. */
const MESSAGE_KIND = { update: 0, awareness: 1, awarenessQuery: 2, broadcast: 3 } as const;

/** Publishes on a topic every process of the deployment hears, whatever documents it holds. */
export interface RelayBroadcast {
  publish(payload: Uint8Array): void;
}

/**
 * The document relay over Redis pub/sub: one channel per document, `<prefix>doc:<name>`, on
 * which every process holding the document publishes the updates it made durable and the
 * awareness its clients sent. A message is `[process id][kind][payload]`; a process skips its
 * own. Redis keeps nothing: pub/sub is fire-and-forget, and durability stays with the store.
 *
 * Besides, a few small deployment-wide messages (a discussion was frozen) go on broadcast
 * channels, `<prefix>broadcast:<topic>`, in the same format.
 */
export class RedisRelay implements DocumentRelay {
  private readonly processId = randomBytes(PROCESS_ID_BYTES);
  private readonly listeners = new Map<string, RelayListener>();
  private readonly broadcastListeners = new Map<string, (payload: Uint8Array) => void>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly keyPrefix: string,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    subscriber.on('messageBuffer', this.deliver);
    subscriber.on('close', this.noteDisconnected);
    subscriber.on('ready', this.catchUpAfterReconnect);
  }

  private disconnected = false;

  private readonly noteDisconnected = (): void => {
    this.disconnected = true;
  };

  /** ioredis has resubscribed every channel by now; the gap before it is what rooms reload. */
  private readonly catchUpAfterReconnect = (): void => {
    if (!this.disconnected) return;
    this.disconnected = false;
    this.log(
      `relay reconnected to Redis; ${this.listeners.size} documents catch up from the store`,
    );
    for (const listener of this.listeners.values()) listener.catchUp();
  };

  async subscribe(docName: string, listener: RelayListener): Promise<RelaySubscription> {
    const channel = `${this.keyPrefix}doc:${docName}`;
    this.listeners.set(channel, listener);
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      this.listeners.delete(channel);
      throw error;
    }
    const publish = (kind: number, payload: Uint8Array) => this.publish(channel, kind, payload);
    return {
      publishUpdate: (update) => publish(MESSAGE_KIND.update, update),
      publishAwareness: (update) => publish(MESSAGE_KIND.awareness, update),
      publishAwarenessQuery: () => publish(MESSAGE_KIND.awarenessQuery, new Uint8Array()),
      unsubscribe: async () => {
        if (this.listeners.get(channel) !== listener) return;
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel);
      },
    };
  }

  publishStored(docName: string, update: Uint8Array): void {
    this.publish(`${this.keyPrefix}doc:${docName}`, MESSAGE_KIND.update, update);
  }

  /** Starts delivering other processes' messages on `topic`; resolves once subscribed. */
  async subscribeBroadcast(
    topic: string,
    listener: (payload: Uint8Array) => void,
  ): Promise<RelayBroadcast> {
    const channel = `${this.keyPrefix}broadcast:${topic}`;
    this.broadcastListeners.set(channel, listener);
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      this.broadcastListeners.delete(channel);
      throw error;
    }
    return { publish: (payload) => this.publish(channel, MESSAGE_KIND.broadcast, payload) };
  }

  async close(): Promise<void> {
    this.subscriber.off('messageBuffer', this.deliver);
    this.subscriber.off('close', this.noteDisconnected);
    this.subscriber.off('ready', this.catchUpAfterReconnect);
    this.listeners.clear();
    this.broadcastListeners.clear();
  }

  private publish(channel: string, kind: number, payload: Uint8Array): void {
    const message = Buffer.concat([this.processId, Buffer.of(kind), payload]);
    this.publisher
      .publish(channel, message)
      .catch((error: unknown) => this.log(`publishing to ${channel} failed`, error));
  }

  private readonly deliver = (channelBytes: Buffer, message: Buffer): void => {
    if (message.length <= PROCESS_ID_BYTES) return;
    if (message.subarray(0, PROCESS_ID_BYTES).equals(this.processId)) return;
    const channel = channelBytes.toString('utf8');
    const kind = message[PROCESS_ID_BYTES];
    const payload = new Uint8Array(
      message.buffer,
      message.byteOffset + PROCESS_ID_BYTES + 1,
      message.byteLength - PROCESS_ID_BYTES - 1,
    );
    if (kind === MESSAGE_KIND.broadcast) {
      this.broadcastListeners.get(channel)?.(payload);
      return;
    }
    const listener = this.listeners.get(channel);
    if (!listener) return;
    if (kind === MESSAGE_KIND.update) listener.update(payload);
    else if (kind === MESSAGE_KIND.awareness) listener.awareness(payload);
    else if (kind === MESSAGE_KIND.awarenessQuery) listener.awarenessQuery();
  };
}
