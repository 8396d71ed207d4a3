import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES, MESSAGE_TYPE, savedMessage } from '@unitroom/shared';
import { SyncServer, type CollabSocket, type Extension } from '@unitroom/server';
import { eventually } from '../helpers/yClient.js';

/** An in-memory socket: the sync core needs nothing more, so rooms can be tested without a network. */
class MemorySocket implements CollabSocket {
  readonly sent: Uint8Array[] = [];
  closedWith: number | null = null;
  send(message: Uint8Array) {
    this.sent.push(message);
  }
  close(code: number) {
    this.closedWith = code;
  }
}

const allowAll: Extension = {
  async onAuthenticate() {
    return {
      user: { id: 'u1', name: 'Test' },
      role: 'social_worker',
      readOnly: false,
      unitId: 'unit',
      sessionId: 'session',
    };
  },
};

const request = (docName = 'meeting:m1') => ({
  docName,
  headers: {},
  query: new URLSearchParams(),
  remoteAddress: null,
});

function syncStep1(doc = new Y.Doc()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

const messageType = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message));

describe('sync core: room lifecycle through the minimal socket interface', () => {
  it('answers no sync message before the document has loaded', async () => {
    let finishLoad: () => void = () => undefined;
    const slowLoad: Extension = {
      onLoad: ({ doc }) =>
        new Promise<void>((resolve) => {
          finishLoad = () => {
            doc.getText('t').insert(0, 'from the store');
            resolve();
          };
        }),
    };
    const sync = new SyncServer({ extensions: [allowAll, slowLoad] });
    const socket = new MemorySocket();
    const attached = sync.handleConnection(socket, request());
    attached.receive(syncStep1());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket.sent).toHaveLength(0);

    finishLoad();
    await eventually(() => expect(socket.sent.length).toBeGreaterThanOrEqual(2));
    const client = new Y.Doc();
    for (const message of socket.sent) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) === MESSAGE_TYPE.SYNC) {
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), client, null);
      }
    }
    expect(client.getText('t').toString()).toBe('from the store');
    await sync.close();
  });

  it('never fans out an update the store could not take, and closes the room for a resync', async () => {
    const failingStore: Extension = {
      async onChange() {
        throw new Error('disk full');
      },
    };
    const sync = new SyncServer({ extensions: [allowAll, failingStore] });
    const writer = new MemorySocket();
    const watcher = new MemorySocket();
    const w = sync.handleConnection(writer, request());
    sync.handleConnection(watcher, request());
    await eventually(() => expect(watcher.sent.length).toBeGreaterThan(0));
    const before = watcher.sent.length;

    const source = new Y.Doc();
    source.getText('t').insert(0, 'never stored');
    w.receive(updateFrame(Y.encodeStateAsUpdate(source)));
    // Unitroom's client asks whether its writes are saved; a write the store gave up on is not.
    w.receive(savedMessage(7));

    await eventually(() => expect(writer.closedWith).toBe(CLOSE_CODES.STORE_FAILED), 5_000);
    expect(watcher.closedWith).toBe(CLOSE_CODES.STORE_FAILED);
    expect(writer.sent.filter((m) => messageType(m) === MESSAGE_TYPE.SAVED)).toEqual([]);
    const syncMessagesAfter = watcher.sent
      .slice(before)
      .filter((m) => messageType(m) === MESSAGE_TYPE.SYNC);
    expect(syncMessagesAfter).toHaveLength(0);
    await sync.close();
  });

  it('refuses with the code an extension throws and sends nothing', async () => {
    const sync = new SyncServer({ extensions: [] });
    const socket = new MemorySocket();
    sync.handleConnection(socket, request()).receive(syncStep1());
    await eventually(() => expect(socket.closedWith).toBe(CLOSE_CODES.UNAUTHENTICATED));
    expect(socket.sent).toHaveLength(0);
  });

  it('says it is idle once the last open document has unloaded, and not before; says so of each unload before', async () => {
    const unloaded: string[] = [];
    const remembering: Extension = {
      async onUnload({ docName }) {
        unloaded.push(docName);
      },
    };
    let idle = 0;
    let partial = 0;
    const sync = new SyncServer({
      extensions: [allowAll, remembering],
      onIdle: () => (idle += 1),
      onUnload: () => (partial += 1),
    });
    const first = sync.handleConnection(new MemorySocket(), request('meeting:m1'));
    const second = sync.handleConnection(new MemorySocket(), request('meeting:m2'));
    await eventually(() => expect(sync.residentCounts().rooms).toBe(2));

    first.closed();
    await eventually(() => {
      expect(unloaded).toEqual(['meeting:m1']);
      // Its unload is over (the moment the server would say it is idle), one room still open.
      expect(sync.residentCounts()).toEqual({ rooms: 1, unloading: 0 });
    });
    expect(idle).toBe(0);
    await eventually(() => expect(partial).toBe(1));

    second.closed();
    await eventually(() => expect(idle).toBe(1));
    expect(partial).toBe(1);
    expect(unloaded).toEqual(['meeting:m1', 'meeting:m2']);
    expect(sync.residentCounts()).toEqual({ rooms: 0, unloading: 0 });
    await sync.close();
  });
  it('answers a sync request with nothing that is not durable yet, even an update applied while the answer waits its turn ([J7])', async () => {
    // The store holds the first write until told: that update is applied but not durable.
    let releaseWrite: () => void = () => undefined;
    let writes = 0;
    const heldStore: Extension = {
      onChange: () => {
        writes += 1;
        return new Promise<void>((resolve) => (releaseWrite = resolve));
      },
    };
    const sync = new SyncServer({ extensions: [allowAll, heldStore] });
    const writer = new MemorySocket();
    const reader = new MemorySocket();
    const w = sync.handleConnection(writer, request());
    const r = sync.handleConnection(reader, request());
    await eventually(() => expect(reader.sent.length).toBeGreaterThan(0));
    await eventually(() => expect(writer.sent.length).toBeGreaterThan(0));

    // The request first, the update in the same turn: the answer waits a turn of the event loop
    // (one answer per turn), and the update lands in that turn.
    const source = new Y.Doc();
    source.getText('t').insert(0, 'not durable yet');
    r.receive(syncStep1());
    w.receive(updateFrame(Y.encodeStateAsUpdate(source)));
    await eventually(() => expect(writes).toBe(1));
    // Whatever the server sends the reader in this turn and the next has been sent by now.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));

    const readerDoc = (count: number) => {
      const doc = new Y.Doc();
      for (const message of reader.sent.slice(0, count)) {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) === MESSAGE_TYPE.SYNC) {
          syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
        }
      }
      return doc.getText('t').toString();
    };
    expect(readerDoc(reader.sent.length)).toBe('');

    releaseWrite();
    await eventually(() => expect(readerDoc(reader.sent.length)).toBe('not durable yet'));
    await sync.close();
  });
});
