import { CLOSE_CODES, closeCodeName, savedMessage, type TransactionOrigin } from '@unitroom/shared';
import { mainThreadWork } from '../ops/mainThreadWork.js';
import type { Hooks } from './hooks.js';
import type { Room } from './room.js';
import {
  Refusal,
  type CollabSocket,
  type ConnectionContext,
  type ConnectionHandle,
} from './types.js';
import {
  decodeClientMessage,
  isEmptyUpdate,
  syncStep2Message,
  type ClientMessage,
} from './messages.js';

type UpdateMessage = Extract<ClientMessage, { type: 'update' }>;

/**
 * One socket joined to one room, with the authorization decided when it joined. Messages are
 * handled strictly in arrival order: a "saved?" query is answered only after every update sent
 * before it is durable, and nothing is handled before the room has loaded.
 */
export class Connection {
  readonly id: string;
  /** Transaction origin of this connection's updates; the room skips it when fanning out. */
  readonly origin: TransactionOrigin;
  /** What extensions see of this connection. */
  readonly handle: ConnectionHandle;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: CollabSocket,
    readonly room: Room,
    readonly context: ConnectionContext,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly lifecycle: {
      id: string;
      hooks: Hooks;
      /** Called once, when either side closes; `code` is set when the server closed it. */
      onClosed(code: number | null, reason: string | null): void;
    },
  ) {
    this.id = lifecycle.id;
    this.origin = { kind: 'remote', connectionId: this.id, userId: context.user.id };
    this.handle = {
      id: this.id,
      docName: room.name,
      context,
      close: (code, reason) => this.close(code, reason),
    };
  }

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

  receive(raw: Uint8Array): void {
    if (this.closed) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(raw);
      let bytes = raw.byteLength;
      if (message.type === 'awareness') {
        // Only what the connection may say of itself is applied, and only that is charged: the
        // stock client re-broadcasts everyone's presence it receives ([E3]).
        const vetted = this.room.vetAwareness(this, message.update);
        if (!vetted) return;
        message = { type: 'awareness', update: vetted.update };
        bytes = vetted.chargedBytes;
      }
      this.lifecycle.hooks.message({ connection: this.handle, message, bytes });
    } catch (error) {
      this.closeOffender(error);
      return;
    }
    this.queue = this.queue.then(() => this.handleMessage(message));
    this.queue.catch((error: unknown) => this.closeOffender(error));
  }

  /**
   * Runs the costly part of handling a message and tells the hooks how long it held the loop:
   * the wall clock, or the process's CPU time if that is less. On a loaded machine the loop is
   * descheduled mid-message and the wall clock stretches; that is the machine's doing, not the
   * client's, and must not close an honest typist ([T1]). The CPU time counts the process's
   * other threads too, so it is an upper bound on this thread's own.
   */
  private timed(message: ClientMessage, work: () => void): void {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    work();
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    this.lifecycle.hooks.processed({
      connection: this.handle,
      message,
      ms: Math.min(wall, (cpu.user + cpu.system) / 1000),
    });
  }

  /** Closes with a hook's refusal, or as a protocol error; either way the log names the code. */
  private closeOffender(error: unknown): void {
    if (this.closed) return;
    const refusal =
      error instanceof Refusal
        ? error
        : new Refusal(CLOSE_CODES.PROTOCOL_ERROR, 'malformed message');
    this.log(
      `closing connection ${this.id} of ${this.context.user.id} on ${this.room.name}: ` +
        `${closeCodeName(refusal.code) ?? refusal.code} (${refusal.message})`,
      error instanceof Refusal ? undefined : error,
    );
    this.close(refusal.code, refusal.message);
  }

  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.room.leave(this);
    this.lifecycle.onClosed(code, reason);
  }

  /** The transport saw the socket close (with the code it closed it with, if it did). */
  handleClosed(code?: number, reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (code !== undefined)
      this.log(
        `connection ${this.id} of ${this.context.user.id} on ${this.room.name} closed by the ` +
          `transport: ${closeCodeName(code) ?? code} (${reason ?? ''})`,
      );
    this.room.leave(this);
    this.lifecycle.onClosed(code ?? null, reason ?? null);
  }

  /** Applies an update (or a piece of one) through the "before update" and "update" hooks. */
  private applyPiece(message: UpdateMessage, update: Uint8Array): void {
    if (this.closed) return;
    // An extension may refuse a writer outright (a finalised discussion): the update is
    // dropped and the writer told by the close code, so it never believes the write landed.
    const refusal = this.room.refusalOf(update, this.context);
    if (refusal) {
      this.close(refusal.code, refusal.message);
      return;
    }
    this.lifecycle.hooks.update({ connection: this.handle, doc: this.room.doc, update, message });
    mainThreadWork.integratedInline(update.byteLength);
    this.timed(message, () => this.room.applyUpdate(update, this.origin));
  }

  private async handleMessage(message: ClientMessage): Promise<void> {
    if (this.closed) return;
    switch (message.type) {
      case 'sync-step-1':
        // Answering encodes the whole document: one answer per turn of the event loop, so a
        // client's queued requests cannot hold it for the sum of their costs.
        await new Promise<void>((resolve) => setImmediate(resolve));
        // The answer holds nothing a crash could still lose ([J7]): an update applied while it
        // waited (this turn or an earlier one) is durable first. Checked again after each wait,
        // and the document is encoded in the same turn as the last check.
        while (this.room.hasUndurableUpdates) {
          await this.room.whenDurable();
          if (this.closed) return;
        }
        if (this.closed || this.room.hasFailedToStore) return;
        {
          const answer = syncStep2Message(this.room.doc, message.stateVector);
          // Charged by what it weighs ([U2]); a refusal closes instead of sending it.
          this.lifecycle.hooks.syncAnswer({ connection: this.handle, bytes: answer.byteLength });
          this.send(answer);
        }
        return;
      case 'update': {
        if (this.context.readOnly) {
          // Filtered here, in one place: a read-only connection's writes never reach the
          // document, the store or anyone else, whatever its UI allowed.
          return;
        }
        if (isEmptyUpdate(message.update)) return;
        // An update too large to integrate at once is vetted first (off the event loop) and
        // comes back in pieces; this connection's later messages wait behind them.
        const prepared = this.lifecycle.hooks.prepareUpdate({
          connection: this.handle,
          doc: this.room.doc,
          update: message.update,
          message,
        });
        if (!prepared) {
          this.applyPiece(message, message.update);
          return;
        }
        const pieces = await prepared;
        for (const [index, piece] of pieces.entries()) {
          // One piece per turn, so other connections' messages run in between.
          if (index > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          if (this.closed) return;
          if (!isEmptyUpdate(piece)) this.applyPiece(message, piece);
        }
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
        // A write the store gave up on is not saved: the room closes and the client resyncs.
        if (this.room.hasFailedToStore) return;
        this.send(savedMessage(message.seq));
        return;
    }
  }
}
