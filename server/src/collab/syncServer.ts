import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { CLOSE_CODES, closeCodeName, type TransactionOrigin } from '@unitroom/shared';
import { Connection } from './connection.js';
import { Hooks } from './hooks.js';
import { Room } from './room.js';
import {
  Refusal,
  type CollabSocket,
  type ConnectionHandle,
  type ConnectionRequest,
  type DocumentRelay,
  type Extension,
} from './types.js';

/**
 * What a socket may send while it is being authenticated; an honest client sends a sync request,
 * its awareness and at most its offline backlog before it is answered.
 */
const MAX_EARLY_MESSAGES = 64;
const MAX_EARLY_BYTES = 16 * 1024 * 1024;

export interface SyncServerOptions {
  extensions: readonly Extension[];
  /** Other processes serving the same documents (scale-out); none for a single process. */
  relay?: DocumentRelay;
  log?: (message: string, error?: unknown) => void;
  /**
   * Called each time the last loaded document has unloaded, so that nothing is open any more:
   * the moment to give back memory kept only to serve open documents quickly.
   */
  onIdle?: () => void;
  /** Called after each document unloads while others stay loaded. */
  onUnload?: () => void;
}

/** What the transport gets back for a socket: where to deliver its messages and its close. */
export interface AttachedSocket {
  receive(message: Uint8Array): void;
  /**
   * The socket has closed. `code` and `reason` are given when the transport closed it itself for
   * a violation below the sync protocol (a text frame, a frame over the size limit), so the
   * offender is reported like any other.
   */
  closed(code?: number, reason?: string): void;
}

/**
 * The y-websocket sync core: rooms by document name, created on first join and unloaded after the
 * last client leaves, once flushed. It knows nothing of HTTP, storage or sessions; those arrive
 * as extensions.
 */
export class SyncServer {
  private readonly hooks: Hooks;
  private readonly rooms = new Map<string, Room>();
  /** Rooms being flushed and unloaded; a new join for the same name waits for it. */
  private readonly unloading = new Map<string, Promise<void>>();
  private shuttingDown = false;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly relay: DocumentRelay | null;
  private readonly onIdle: () => void;
  private readonly onUnload: () => void;

  constructor(options: SyncServerOptions) {
    this.hooks = new Hooks(options.extensions);
    this.log = options.log ?? (() => undefined);
    this.relay = options.relay ?? null;
    this.onIdle = options.onIdle ?? (() => undefined);
    this.onUnload = options.onUnload ?? (() => undefined);
  }

  hasRoom(name: string): boolean {
    return this.rooms.has(name);
  }

  /** No document loaded, none unloading. */
  get isIdle(): boolean {
    return this.rooms.size === 0 && this.unloading.size === 0;
  }

  /**
   * What this server keeps for documents and connections right now: rooms loaded and being
   * unloaded, and each extension's own counts. All zero once every client has left and every
   * room has unloaded; anything else is kept per document past its unload.
   */
  residentCounts(): Record<string, number> {
    return { rooms: this.rooms.size, unloading: this.unloading.size, ...this.hooks.counts() };
  }

  /**
   * The current state of a loaded document, once everything applied to it is durable; null when
   * no room holds it (the store then has the whole truth).
   */
  async liveState(name: string): Promise<Uint8Array | null> {
    const room = this.rooms.get(name);
    if (!room?.isReady) return null;
    await room.whenDurable();
    return Y.encodeStateAsUpdate(room.doc);
  }

  /**
   * Runs `change` on a document loaded in this process, as the server's own edit (`origin`): it
   * is stored, then sent to the room's clients and the other processes like any update. Resolves
   * false, changing nothing, when no room here holds the document: its next load sees the store.
   */
  async changeLoaded(name: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const room = this.rooms.get(name);
    if (!room?.isReady) return false;
    change(room.doc);
    await room.whenDurable();
    return true;
  }

  /**
   * Announces `update`, which the caller has just made durable in the store without a room here,
   * to whoever holds the document: a room of this process that has loaded since, and (scale-out)
   * the other processes, whose clients then get it live rather than on their next load.
   */
  announceStored(name: string, update: Uint8Array): void {
    this.rooms.get(name)?.receiveStoredUpdate(update);
    this.relay?.publishStored(name, update);
  }

  /**
   * Writes into the live document `name` as the server, loading it if no room holds it: `change`
   * reads the document as it stands and returns the update to apply (or null for none), which
   * is applied in the same turn as one transaction with `origin`, then stored, attributed and
   * sent to everyone connected like any update. Resolves with whether anything was applied, once
   * it is durable.
   */
  async changeDocument(
    name: string,
    origin: TransactionOrigin,
    change: (doc: Y.Doc) => Uint8Array | null,
  ): Promise<boolean> {
    const room = await this.roomFor(name);
    try {
      await room.ready();
      const update = change(room.doc);
      if (update === null) return false;
      room.applyUpdate(update, origin);
      await room.whenDurable();
      return true;
    } finally {
      // A room loaded only for this write unloads like one its last client left.
      if (room.connectionCount === 0) this.handleEmpty(room);
    }
  }

  /**
   * Accepts a socket for `request.docName`. Messages that arrive while it is authenticated and
   * its room loads are queued; a refused socket is closed with a named code and sent nothing.
   */
  handleConnection(socket: CollabSocket, request: ConnectionRequest): AttachedSocket {
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let connection: Connection | null = null;
    let handle: ConnectionHandle | null = null;
    let socketClosed = false;
    let disconnected = false;
    /** Once per connection that passed `beforeJoin`, however it ends. */
    const reportDisconnect = (code: number | null, reason: string | null): void => {
      if (!handle || disconnected) return;
      disconnected = true;
      this.hooks
        .disconnect({ request, connection: handle, code, reason })
        .catch((error: unknown) => this.log('disconnect hook failed', error));
    };

    void (async () => {
      if (this.shuttingDown) throw new Refusal(CLOSE_CODES.SERVER_SHUTTING_DOWN, 'shutting down');
      const context = await this.hooks.authenticate(request);
      if (socketClosed) return;
      const id = randomUUID();
      const candidate: ConnectionHandle = {
        id,
        docName: request.docName,
        context,
        close: (code, reason) => {
          if (connection) connection.close(code, reason);
          else {
            socket.close(code, reason);
            reportDisconnect(code, reason);
          }
        },
      };
      await this.hooks.beforeJoin(request, candidate);
      handle = candidate;
      if (socketClosed) {
        reportDisconnect(null, null);
        return;
      }
      const room = await this.roomFor(request.docName);
      connection = new Connection(socket, room, context, this.log, {
        id,
        hooks: this.hooks,
        onClosed: reportDisconnect,
      });
      // Start (which queues behind the room's load) before replaying what arrived meanwhile.
      const started = connection.start();
      for (const message of early.splice(0)) connection.receive(message);
      if (await started) await this.hooks.connect(request, context);
      if (socketClosed) connection.handleClosed();
    })().catch(async (error: unknown) => {
      const refusal =
        error instanceof Refusal
          ? error
          : new Refusal(CLOSE_CODES.LOAD_FAILED, 'could not open the document');
      if (error instanceof Refusal)
        this.log(
          `refused a socket to ${request.docName}: ${closeCodeName(refusal.code) ?? refusal.code} ` +
            `(${refusal.message})`,
        );
      else this.log(`refusing connection to ${request.docName}`, error);
      socketClosed = true;
      socket.close(refusal.code, refusal.message);
      reportDisconnect(refusal.code, refusal.message);
      await this.hooks
        .refuse(request, refusal.code, refusal.message)
        .catch((hookError: unknown) => this.log('refuse hook failed', hookError));
    });

    return {
      receive: (message) => {
        if (connection) {
          connection.receive(message);
          return;
        }
        if (socketClosed) return;
        early.push(message);
        earlyBytes += message.byteLength;
        if (early.length > MAX_EARLY_MESSAGES || earlyBytes > MAX_EARLY_BYTES) {
          early.length = 0;
          socketClosed = true;
          socket.close(CLOSE_CODES.MESSAGE_RATE_EXCEEDED, 'too many messages before joining');
          this.reportEarlyOffender(request, CLOSE_CODES.MESSAGE_RATE_EXCEEDED, 'flooded');
        }
      },
      closed: (code, reason) => {
        const wasClosed = socketClosed;
        socketClosed = true;
        early.length = 0;
        if (connection) {
          connection.handleClosed(code, reason);
          return;
        }
        if (handle) reportDisconnect(code ?? null, reason ?? null);
        else if (code !== undefined && !wasClosed)
          this.reportEarlyOffender(request, code, reason ?? '');
      },
    };
  }

  /** A socket closed for a violation before it joined: logged and reported as a refusal. */
  private reportEarlyOffender(request: ConnectionRequest, code: number, reason: string): void {
    this.log(
      `closing a socket to ${request.docName} before it joined: ` +
        `${closeCodeName(code) ?? code} (${reason})`,
    );
    this.hooks
      .refuse(request, code, reason)
      .catch((error: unknown) => this.log('refuse hook failed', error));
  }

  /** Flushes every room, lets them compact, and closes their sockets. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(Array.from(this.unloading.values()));
    await Promise.all(
      Array.from(this.rooms.values()).map((room) =>
        room.close(CLOSE_CODES.SERVER_SHUTTING_DOWN, 'server shutting down'),
      ),
    );
    this.rooms.clear();
  }

  private async roomFor(name: string): Promise<Room> {
    const pending = this.unloading.get(name);
    if (pending) await pending;
    let room = this.rooms.get(name);
    // A failed load is not cached: the next client tries the store again.
    if (!room || room.hasFailed) {
      room = new Room(name, this.hooks, this.handleEmpty, this.log, this.relay);
      this.rooms.set(name, room);
    }
    return room;
  }

  private readonly handleEmpty = (room: Room): void => {
    if (this.rooms.get(room.name) !== room || this.shuttingDown) return;
    // A client that reloads the page rejoins within the same tick budget; give it one turn.
    setImmediate(() => {
      if (room.connectionCount > 0 || this.rooms.get(room.name) !== room) return;
      this.rooms.delete(room.name);
      const unload = room.close(CLOSE_CODES.SERVER_SHUTTING_DOWN, 'room unloaded').finally(() => {
        this.unloading.delete(room.name);
        if (this.shuttingDown) return;
        try {
          if (this.isIdle) this.onIdle();
          else this.onUnload();
        } catch (error) {
          this.log('releasing memory after an unload failed', error);
        }
      });
      this.unloading.set(room.name, unload);
    });
  };
}
