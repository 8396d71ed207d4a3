import { randomUUID } from 'node:crypto';
import { CLOSE_CODES, savedMessage, type TransactionOrigin } from '@unitroom/shared';
import type { Room } from './room.js';
import type { CollabSocket, ConnectionContext } from './types.js';
import { decodeClientMessage, isEmptyUpdate, syncStep2Message } from './messages.js';

/**
 * One socket joined to one room, with the authorization decided when it joined. Messages are
 * handled strictly in arrival order: a "saved?" query is answered only after every update sent
 * before it is durable, and nothing is handled before the room has loaded.
 */
export class Connection {
  readonly id = randomUUID();
  /** Transaction origin of this connection's updates; the room skips it when fanning out. */
  readonly origin: TransactionOrigin = { kind: 'remote', connectionId: this.id };
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: CollabSocket,
    readonly room: Room,
    readonly context: ConnectionContext,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /**
   * Joins the room; messages received meanwhile wait in the queue. Resolves false, with the
   * socket closed, if the room could not load: the client is told to retry, and sent nothing.
   */
  start(): Promise<boolean> {
    const joined = this.room.join(this).then(
      () => true,
      (error: unknown) => {
        this.log(`refusing ${this.id}: ${this.room.name} failed to load`, error);
        this.close(CLOSE_CODES.LOAD_FAILED, 'document could not be loaded');
        return false;
      },
    );
    this.queue = joined.then(() => undefined);
    return joined;
  }

  receive(message: Uint8Array): void {
    if (this.closed) return;
    this.queue = this.queue.then(() => this.handle(message));
    this.queue.catch((error: unknown) => {
      if (this.closed) return;
      this.log(`closing connection ${this.id} on ${this.room.name}: bad message`, error);
      this.close(CLOSE_CODES.PROTOCOL_ERROR, 'malformed message');
    });
  }

  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.room.leave(this);
  }

  /** The transport saw the socket close. */
  handleClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave(this);
  }

  private async handle(raw: Uint8Array): Promise<void> {
    if (this.closed) return;
    const message = decodeClientMessage(raw);
    switch (message.type) {
      case 'sync-step-1':
        await this.room.whenDurable();
        this.send(syncStep2Message(this.room.doc, message.stateVector));
        return;
      case 'update': {
        if (this.context.readOnly) {
          // Filtered here, in one place: a read-only connection's writes never reach the
          // document, the store or anyone else, whatever its UI allowed.
          return;
        }
        if (isEmptyUpdate(message.update)) return;
        // An extension may refuse a writer outright (a finalised discussion): the update is
        // dropped and the writer told by the close code, so it never believes the write landed.
        const refusal = this.room.refusalOf(message.update, this.context);
        if (refusal) {
          this.close(refusal.code, refusal.message);
          return;
        }
        this.room.applyUpdate(message.update, this.origin);
        return;
      }
      case 'awareness':
        this.room.applyAwareness(message.update, this);
        return;
      case 'query-awareness': {
        const snapshot = this.room.awarenessSnapshot();
        if (snapshot) this.send(snapshot);
        return;
      }
      case 'auth':
        // Authorization is decided on upgrade from the session cookie; the in-band auth message
        // of y-websocket carries nothing we use.
        return;
      case 'saved-query':
        await this.room.whenDurable();
        this.send(savedMessage(message.seq));
        return;
    }
  }
}
