import type * as Y from 'yjs';
import type { Role } from '@unitroom/shared';
import type { ClientMessage } from './messages.js';

/**
 * The least a transport must offer the sync core. The WebSocket binding is one thin file
 * (transport/webSocket.ts); tests can drive rooms through any object of this shape.
 */
export interface CollabSocket {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** The request that opened a socket, as the hooks need it; no transport types leak through. */
export interface ConnectionRequest {
  readonly docName: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: URLSearchParams;
  readonly remoteAddress: string | null;
}

/** Decided once, when a socket asks to join a document, and carried with the connection. */
export interface ConnectionContext {
  readonly user: { readonly id: string; readonly name: string };
  readonly role: Role;
  /** Updates from a read-only connection are dropped by the server, never applied or stored. */
  readonly readOnly: boolean;
  readonly unitId: string;
  /** The session it was opened with (never the token): signing out closes it. */
  readonly sessionId: string;
}

/** What hooks may keep of a joined connection: enough to tell it apart and to close it. */
export interface ConnectionHandle {
  readonly id: string;
  readonly docName: string;
  readonly context: ConnectionContext;
  close(code: number, reason: string): void;
}

/** A message from a joined connection, decoded, as it arrives (before it waits its turn). */
export interface MessagePayload {
  readonly connection: ConnectionHandle;
  readonly message: ClientMessage;
  /**
   * Size of the whole frame on the wire; for awareness, of the sender's own entries (as sent or
   * as the server re-encodes them, whichever is larger) and of any it may not send, never of the
   * echo of others' presence ([E3]).
   */
  readonly bytes: number;
}

/** A writable connection's update, just before the room's document integrates it. */
export interface UpdatePayload {
  readonly connection: ConnectionHandle;
  /** The room's document as it stands, with every earlier message of this connection applied. */
  readonly doc: Y.Doc;
  readonly update: Uint8Array;
  /**
   * The message the update (or the piece of one) came in: every piece of one message shares it,
   * and `syncStep2` tells the answer to the server's sync step 1 (an offline backlog) apart.
   */
  readonly message: Extract<ClientMessage, { type: 'update' }>;
}

/** Thrown by a hook to refuse a connection with a named close code. */
export class Refusal extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'Refusal';
  }
}

export interface LoadPayload {
  readonly docName: string;
  /** Empty on entry; hooks fill it. Apply stored state with the `load` origin. */
  readonly doc: Y.Doc;
}

export interface ChangePayload {
  readonly docName: string;
  /** The room's document, already containing `updates`; for background compaction. */
  readonly doc: Y.Doc;
  /** Effective updates, in order, as the room's document integrated them. */
  readonly updates: readonly Uint8Array[];
  /** The transaction origin of each of `updates` (same order), for attribution. */
  readonly origins?: readonly unknown[];
}

export interface BeforeUpdatePayload {
  readonly docName: string;
  /** The room's document, not yet containing `update`. Never modify it here. */
  readonly doc: Y.Doc;
  readonly update: Uint8Array;
  readonly context: ConnectionContext;
}

export interface RelayedUpdatePayload {
  readonly docName: string;
  /** The room's document, not yet containing `update`. Never modify it here. */
  readonly doc: Y.Doc;
  readonly update: Uint8Array;
}

export interface StorePayload {
  readonly docName: string;
  readonly doc: Y.Doc;
  /** True when the room is about to unload (last client left or shutdown). */
  readonly unloading: boolean;
}

/**
 * Extension points of the sync core, in the manner of Hocuspocus. Every hook is optional; the
 * core calls the extensions' hooks in order and awaits each. A throw from `onAuthenticate` or
 * `onLoad` refuses the connection; a throw from `onChange` means the update is not durable, so
 * it is never fanned out and the room is closed for its clients to resync.
 */
export interface Extension {
  /** Runs before a socket joins a document. Return the context, or throw `Refusal`. */
  onAuthenticate?(request: ConnectionRequest): Promise<ConnectionContext | undefined>;
  /** Fills a freshly created document before any client is answered. */
  onLoad?(payload: LoadPayload): Promise<void>;
  /**
   * Fills a scratch document with what the store holds now, with no other effect: how a room
   * catches up after its relay missed messages. Not a load: no migration, no bookkeeping.
   */
  onReadStored?(payload: LoadPayload): Promise<void>;
  /** Makes updates durable. Resolves only once they are; fan-out waits for it. */
  onChange?(payload: ChangePayload): Promise<void>;
  /**
   * Asked before a connection's update is applied. Return a `Refusal` to drop the update (never
   * applied, stored or fanned out) and close the writer with its code. Synchronous on purpose:
   * nothing can change between the decision and the update reaching the document.
   */
  onBeforeUpdate?(payload: BeforeUpdatePayload): Refusal | undefined;
  /**
   * Synchronous, before an update relayed from another process (or caught up from the store
   * after a relay outage) is applied; true drops it. Such an update passed the other process's
   * `onBeforeUpdate`, which may have decided before this process knew better (a freeze).
   */
  dropsRelayedUpdate?(payload: RelayedUpdatePayload): boolean;
  /** Background housekeeping (compaction) while idle and before unload. */
  onStore?(payload: StorePayload): Promise<void>;
  /** The room was destroyed; forget anything kept per document. */
  onUnload?(payload: { docName: string }): Promise<void>;
  /**
   * Runs after authentication, before the socket joins its room and is sent anything. Throw
   * `Refusal` to refuse; every connection that passes is later reported to `onDisconnect`.
   */
  beforeJoin?(payload: { request: ConnectionRequest; connection: ConnectionHandle }): Promise<void>;
  /**
   * Synchronous, on every message of a joined connection as it arrives, so rates are measured at
   * arrival. Throw `Refusal` to close the connection with its code; the message is dropped.
   */
  onMessage?(payload: MessagePayload): void;
  /**
   * Before a writable connection's update is applied, and before `onBeforeUpdate`: return
   * nothing to apply it as it is, now; or a promise of the pieces to apply instead, in order, one
   * per turn of the event loop, each through `onBeforeUpdate` and `onUpdate` like an update of
   * its own (a rejection with `Refusal` closes the connection and applies nothing). For updates
   * too large to integrate at once without knowing what that costs. This connection's later
   * messages wait for the pieces; other connections carry on. The first extension to return a
   * promise decides.
   */
  prepareUpdate?(payload: UpdatePayload): Promise<readonly Uint8Array[]> | undefined;
  /** Synchronous, before an update is applied. Throw `Refusal` to close and drop it. */
  onUpdate?(payload: UpdatePayload): void;
  /**
   * Synchronous, after the costly part of a message (applying an update) with the milliseconds
   * it held the event loop. Throw `Refusal` to close the connection.
   */
  onProcessed?(payload: { connection: ConnectionHandle; message: ClientMessage; ms: number }): void;
  /** A connection that passed `beforeJoin` has closed; `code` is set when the server closed it. */
  onDisconnect?(payload: {
    request: ConnectionRequest;
    connection: ConnectionHandle;
    code: number | null;
    reason: string | null;
  }): Promise<void>;
  /** A socket joined a document (after authentication and load). */
  onConnect?(payload: { request: ConnectionRequest; context: ConnectionContext }): Promise<void>;
  /** A socket was refused, with the code it was closed with. */
  onRefuse?(payload: { request: ConnectionRequest; code: number; reason: string }): Promise<void>;
  /**
   * What the extension keeps per document or per connection right now, as named counts. Every
   * one is back to zero once no document is loaded and no socket is open: what is kept longer
   * is a leak (ops, and the tests of unloading, read it through `SyncServer.residentCounts`).
   */
  counts?(): Record<string, number>;
}

/**
 * Scale-out: relays the updates and awareness a process applies to the other processes holding
 * the same document. Each process still makes its own clients' updates durable before it
 * publishes them, so a relayed update is already in the shared store and is applied, never
 * stored again. Implemented over Redis pub/sub (scale/redisRelay.ts); absent for one process.
 */
export interface DocumentRelay {
  /**
   * Starts delivering another process's messages for `docName` to `listener`. Resolves once
   * every message published from then on will be delivered, so a room that subscribes first and
   * loads from the store second misses nothing: what was published earlier was stored earlier.
   */
  subscribe(docName: string, listener: RelayListener): Promise<RelaySubscription>;
  /**
   * Sends an update that is already durable in the store, written without a room in this
   * process, to the processes holding `docName`: they apply it like any relayed update.
   */
  publishStored(docName: string, update: Uint8Array): void;
  close(): Promise<void>;
}

export interface RelayListener {
  update(update: Uint8Array): void;
  awareness(update: Uint8Array): void;
  /** Another process joined the document and asks for the awareness of everyone here. */
  awarenessQuery(): void;
  /**
   * The relay lost its connection and has it back: whatever was published meanwhile is gone,
   * so catch up from the store, where every relayed update was written before it was sent.
   */
  catchUp(): void;
}

export interface RelaySubscription {
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  publishAwarenessQuery(): void;
  unsubscribe(): Promise<void>;
}
