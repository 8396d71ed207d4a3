import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  RELAY_ORIGIN,
  isTransactionOrigin,
  type TransactionOrigin,
} from '@unitroom/shared';
import type { Hooks } from './hooks.js';
import type { ConnectionContext, Refusal } from './types.js';
import type { Connection } from './connection.js';
import type { DocumentRelay, RelaySubscription } from './types.js';
import {
  vetAwareness,
  withoutLocallyOwned,
  type AwarenessOwnership,
  type VettedAwareness,
} from './awarenessAuthority.js';
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
 *
 * With a relay (several processes), a durable update is also published to the other processes
 * holding the document, and theirs are applied here and fanned out without being stored again.
 * The room subscribes before it loads: anything published before the subscription was stored
 * before it, so the load has it; anything after is delivered, and applying twice is harmless.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client id it claimed (at most one, [E2]). */
  private readonly connections = new Map<Connection, Set<number>>();
  /** Who speaks for each claimed awareness client id. */
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly ownership: AwarenessOwnership = {
    ownerOf: (clientId) => this.awarenessOwners.get(clientId),
    isKnown: (clientId) => this.awareness.meta.has(clientId),
    isPresent: (clientId) => this.awareness.states.has(clientId),
  };
  private state: RoomState = 'loading';
  private readonly loaded: Promise<void>;
  private unpersisted: PendingUpdate[] = [];
  private persisting: Promise<void> | null = null;
  private failedToStore = false;
  private subscription: RelaySubscription | null = null;
  /** Relayed updates that arrived while the room was loading, applied once it has. */
  private relayedWhileLoading: Uint8Array[] = [];
  /** Set while applying a relayed update that may complete structs waiting in this document. */
  private relayCompletesPending = false;
  private closing: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly hooks: Hooks,
    private readonly onEmpty: (room: Room) => void,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly relay: DocumentRelay | null = null,
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
      if (this.relay) {
        this.subscription = await this.relay.subscribe(this.name, {
          update: (update) => this.receiveRelayedUpdate(update),
          awareness: (update) => this.receiveRelayedAwareness(update),
          awarenessQuery: () => this.answerAwarenessQuery(),
          catchUp: () => void this.catchUpFromStore(),
        });
      }
      await this.hooks.load({ docName: this.name, doc: this.doc });
      const relayed = this.relayedWhileLoading;
      this.relayedWhileLoading = [];
      for (const update of relayed) this.applyRelayedUpdate(update);
      await this.whenDurable();
      this.state = 'ready';
      this.subscription?.publishAwarenessQuery();
    } catch (error) {
      this.state = 'failed';
      await this.unsubscribe();
      throw error;
    }
  }

  /**
   * An update already durable in the store that this room did not make (the server wrote it
   * without the room): applied and fanned out like a relayed one, never stored again.
   */
  receiveStoredUpdate(update: Uint8Array): void {
    this.receiveRelayedUpdate(update);
  }

  private receiveRelayedUpdate(update: Uint8Array): void {
    if (this.state === 'loading') this.relayedWhileLoading.push(update);
    else if (this.state === 'ready') this.applyRelayedUpdate(update);
  }

  private applyRelayedUpdate(update: Uint8Array): void {
    if (this.hooks.dropsRelayedUpdate({ docName: this.name, doc: this.doc, update })) {
      this.log(`dropping a relayed update to ${this.name}: an extension refuses it here`);
      return;
    }
    const { pendingStructs, pendingDs } = this.doc.store;
    // A relayed update that completes structs a client sent ahead of their dependencies makes
    // those integrate now; they were never stored, so this transaction is stored like a client's.
    this.relayCompletesPending = pendingStructs !== null || pendingDs !== null;
    try {
      Y.applyUpdate(this.doc, update, RELAY_ORIGIN);
    } catch (error) {
      this.log(`ignoring a malformed relayed update for ${this.name}`, error);
    } finally {
      this.relayCompletesPending = false;
    }
  }

  /**
   * Reads the store into a scratch document and applies what this room lacks as if relayed:
   * it is durable already, and the room's clients get it like any other relayed update.
   */
  private async catchUpFromStore(): Promise<void> {
    if (this.state !== 'ready') return;
    const scratch = new Y.Doc();
    try {
      await this.hooks.readStored({ docName: this.name, doc: scratch });
      if (this.state !== 'ready') return;
      this.applyRelayedUpdate(Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(this.doc)));
    } catch (error) {
      this.log(`catching up ${this.name} from the store failed`, error);
    } finally {
      scratch.destroy();
    }
  }

  private receiveRelayedAwareness(update: Uint8Array): void {
    if (this.state !== 'ready') return;
    try {
      // Only the connection that claimed a client id here sets its presence ([E2]).
      const allowed = withoutLocallyOwned(update, (clientId) => this.awarenessOwners.has(clientId));
      if (allowed === null) return;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed, RELAY_ORIGIN);
    } catch (error) {
      this.log(`ignoring a malformed relayed awareness update for ${this.name}`, error);
    }
  }

  /** Publishes the awareness of this process's own clients, for a process that just joined. */
  private answerAwarenessQuery(): void {
    if (this.state !== 'ready' || !this.subscription) return;
    // A client id is claimed as its first message arrives, before that message is applied: only
    // ids with a state here can be encoded.
    const local = Array.from(this.connections.values())
      .flatMap((ids) => Array.from(ids))
      .filter((id) => this.awareness.meta.has(id));
    if (local.length === 0) return;
    this.subscription.publishAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, local),
    );
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription
      ?.unsubscribe()
      .catch((error: unknown) => this.log(`unsubscribing from ${this.name} failed`, error));
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
    for (const clientId of controlled) this.awarenessOwners.delete(clientId);
    if (controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(controlled), null);
    }
    if (this.connections.size === 0) this.onEmpty(this);
  }

  /** Resolves once the document is loaded; rejects if loading failed. */
  async ready(): Promise<void> {
    await this.loaded;
    if (this.state !== 'ready') throw new Error(`room ${this.name} is ${this.state}`);
  }

  /** Applies a client's update; throws on malformed input before anything is integrated. */
  applyUpdate(update: Uint8Array, origin: TransactionOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Why an extension refuses this connection's update, if one does ("before update" hooks). */
  refusalOf(update: Uint8Array, context: ConnectionContext): Refusal | undefined {
    return this.hooks.beforeUpdate({ docName: this.name, doc: this.doc, update, context });
  }

  /**
   * What a connection's awareness message may say ([E1]-[E3]), decided as it arrives: a client
   * id is claimed at once, so the connection's later messages, queued behind it, are its own.
   * Null for a pure echo of others' presence. Throws on a malformed message.
   */
  vetAwareness(connection: Connection, update: Uint8Array): VettedAwareness | null {
    const owned = this.connections.get(connection);
    if (!owned) return null;
    const vetted = vetAwareness(
      update,
      { owned, context: connection.context },
      connection,
      this.ownership,
    );
    if (vetted && vetted.claimed !== null) {
      owned.add(vetted.claimed);
      this.awarenessOwners.set(vetted.claimed, connection);
    }
    return vetted;
  }

  /** Applies a connection's vetted awareness (see `vetAwareness`). */
  applyAwareness(update: Uint8Array, connection: Connection): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  awarenessSnapshot(): Uint8Array | null {
    return allAwarenessMessage(this.awareness);
  }

  /**
   * The store gave up on an update applied here: the room is closing, and nothing it holds may
   * be confirmed as saved or sent as the document any more.
   */
  get hasFailedToStore(): boolean {
    return this.failedToStore;
  }

  /** Some update applied to the document is not durable yet (still being stored). */
  get hasUndurableUpdates(): boolean {
    return this.persisting !== null;
  }

  /** Resolves when every update applied so far is durable. */
  whenDurable(): Promise<void> {
    return this.persisting ?? Promise.resolve();
  }

  /**
   * Flushes, lets the store hooks compact, and closes every connection with `code`. Once: a
   * second call (the room emptied by the first) resolves with the first.
   */
  close(code: number, reason: string): Promise<void> {
    this.closing ??= this.shutDown(code, reason);
    return this.closing;
  }

  private async shutDown(code: number, reason: string): Promise<void> {
    // A room emptied while it loads (its only client gave up waiting) lets the load finish
    // first: what the load hooks keep per document, and the relay subscription the load opens,
    // must exist before the unload hooks and the unsubscription below can let go of them.
    await this.loaded.catch(() => undefined);
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
    await this.unsubscribe();
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
    // So is a relayed update: the process that received it stored it before publishing.
    if (origin === RELAY_ORIGIN && !this.relayCompletesPending) {
      this.broadcastUpdate(update, origin);
      return;
    }
    this.unpersisted.push({ update, origin });
    this.persisting ??= this.persistPending();
  };

  private async persistPending(): Promise<void> {
    try {
      while (this.unpersisted.length > 0) {
        const batch = this.unpersisted;
        this.unpersisted = [];
        await this.writeWithRetry(
          batch.map((pending) => pending.update),
          batch.map((pending) => pending.origin),
        );
        for (const pending of batch) {
          this.broadcastUpdate(pending.update, pending.origin);
          this.subscription?.publishUpdate(pending.update);
        }
      }
    } catch (error) {
      // Nothing of the failed batch was fanned out, so no client has seen what is lost here;
      // their own copies are resent when they resync with a fresh room.
      this.log(`giving up storing ${this.name}; closing the room`, error);
      this.failedToStore = true;
      this.unpersisted = [];
      this.persisting = null;
      void this.close(CLOSE_CODES.STORE_FAILED, 'could not save; reconnecting');
      return;
    }
    this.persisting = null;
  }

  private async writeWithRetry(
    updates: readonly Uint8Array[],
    origins: readonly unknown[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.hooks.change({ docName: this.name, doc: this.doc, updates, origins });
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
    const encoded = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Sent to everyone, the sender too: the stock client's watchdog counts any message as life.
    const message = awarenessMessage(encoded);
    for (const connection of this.connections.keys()) connection.send(message);
    // Not what came from another process, nor this process's guess that a remote client timed
    // out (that process renews its clients' states; it alone removes them).
    if (origin !== RELAY_ORIGIN && origin !== 'timeout') {
      this.subscription?.publishAwareness(encoded);
    }
  };
}
