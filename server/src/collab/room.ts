import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES, isTransactionOrigin, type TransactionOrigin } from '@unitroom/shared';
import type { Hooks } from './hooks.js';
import type { ConnectionContext, Refusal } from './types.js';
import type { Connection } from './connection.js';
import {
  allAwarenessMessage,
  awarenessMessage,
  syncStep1Message,
  updateMessage,
} from './messages.js';

/** Attempts to make a batch durable before the room gives up and its clients resync. */
const STORE_ATTEMPTS = 4;
const STORE_RETRY_BASE_MS = 100;

type RoomState = 'loading' | 'ready' | 'failed' | 'closed';

interface PendingUpdate {
  readonly update: Uint8Array;
  readonly origin: unknown;
}

/**
 * One live document and the sockets editing it.
 *
 * The durability rule lives here: an update is applied to the room's document, then written
 * through the `change` hooks, and only then fanned out. A sync answer waits for pending writes,
 * so no client is ever shown state that a crash could take back.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client ids it controls. */
  private readonly connections = new Map<Connection, Set<number>>();
  private state: RoomState = 'loading';
  private readonly loaded: Promise<void>;
  private unpersisted: PendingUpdate[] = [];
  private persisting: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly hooks: Hooks,
    private readonly onEmpty: (room: Room) => void,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    // The server's own awareness state is meaningless to clients.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
    this.loaded = this.load();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get hasFailed(): boolean {
    return this.state === 'failed';
  }

  private async load(): Promise<void> {
    try {
      await this.hooks.load({ docName: this.name, doc: this.doc });
      await this.whenDurable();
      this.state = 'ready';
    } catch (error) {
      this.state = 'failed';
      throw error;
    }
  }

  /**
   * Adds a connection. Resolves once the document is loaded and the connection has been sent
   * the server's state vector and everyone's awareness; rejects if loading failed.
   */
  async join(connection: Connection): Promise<void> {
    this.connections.set(connection, new Set());
    await this.loaded;
    if (this.state !== 'ready') throw new Error(`room ${this.name} is ${this.state}`);
    connection.send(syncStep1Message(this.doc));
    const awareness = allAwarenessMessage(this.awareness);
    if (awareness) connection.send(awareness);
  }

  leave(connection: Connection): void {
    const controlled = this.connections.get(connection);
    if (!controlled) return;
    this.connections.delete(connection);
    if (controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(controlled), null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /** Applies a client's update; throws on malformed input before anything is integrated. */
  applyUpdate(update: Uint8Array, origin: TransactionOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Why an extension refuses this connection's update, if one does ("before update" hooks). */
  refusalOf(update: Uint8Array, context: ConnectionContext): Refusal | undefined {
    return this.hooks.beforeUpdate({ docName: this.name, doc: this.doc, update, context });
  }

  applyAwareness(update: Uint8Array, connection: Connection): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  awarenessSnapshot(): Uint8Array | null {
    return allAwarenessMessage(this.awareness);
  }

  /** Resolves when every update applied so far is durable. */
  whenDurable(): Promise<void> {
    return this.persisting ?? Promise.resolve();
  }

  /** Flushes, lets the store hooks compact, and closes every connection with `code`. */
  async close(code: number, reason: string): Promise<void> {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    await this.whenDurable().catch(() => undefined);
    this.state = 'closed';
    if (wasReady) {
      try {
        await this.hooks.store({ docName: this.name, doc: this.doc, unloading: true });
      } catch (error) {
        this.log(`store on unload failed for ${this.name}`, error);
      }
    }
    for (const connection of Array.from(this.connections.keys())) connection.close(code, reason);
    this.connections.clear();
    this.destroy();
    await this.hooks
      .unload(this.name)
      .catch((error: unknown) => this.log(`unload hook failed for ${this.name}`, error));
  }

  private destroy(): void {
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // State read from the store is already durable.
    if (isTransactionOrigin(origin) && origin.kind === 'load') return;
    this.unpersisted.push({ update, origin });
    this.persisting ??= this.persistPending();
  };

  private async persistPending(): Promise<void> {
    try {
      while (this.unpersisted.length > 0) {
        const batch = this.unpersisted;
        this.unpersisted = [];
        await this.writeWithRetry(batch.map((pending) => pending.update));
        for (const pending of batch) this.broadcastUpdate(pending.update, pending.origin);
      }
    } catch (error) {
      // Nothing of the failed batch was fanned out, so no client has seen what is lost here;
      // their own copies are resent when they resync with a fresh room.
      this.log(`giving up storing ${this.name}; closing the room`, error);
      this.unpersisted = [];
      this.persisting = null;
      void this.close(CLOSE_CODES.STORE_FAILED, 'could not save; reconnecting');
      return;
    }
    this.persisting = null;
  }

  private async writeWithRetry(updates: readonly Uint8Array[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.hooks.change({ docName: this.name, doc: this.doc, updates });
        return;
      } catch (error) {
        if (attempt >= STORE_ATTEMPTS) throw error;
        this.log(`store attempt ${attempt} failed for ${this.name}; retrying`, error);
        await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_BASE_MS * 2 ** attempt));
      }
    }
  }

  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    const message = updateMessage(update);
    for (const connection of this.connections.keys()) {
      if (origin === connection.origin) continue;
      connection.send(message);
    }
  }

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    const controlled = origin ? this.connections.get(origin as Connection) : undefined;
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    // Sent to everyone, the sender too: the stock client's watchdog counts any message as life.
    const message = awarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    );
    for (const connection of this.connections.keys()) connection.send(message);
  };
}
