import { expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@unitroom/shared';
import { FaultyStore, hold } from '../helpers/faultyStore.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/** The first close code the server sends this client. */
const closeCode = (client: YClient) =>
  new Promise<number>((resolve) =>
    client.provider.once('connection-close', (event) => resolve(event?.code ?? -1)),
  );

describeEachStore('a store that fails or is slow', ({ postgres }) => {
  async function start(): Promise<{ server: TestServer; store: FaultyStore; docName: string }> {
    let store: FaultyStore | null = null;
    const server = await startTestServer({
      ...(postgres ? { postgres } : {}),
      config: { wrapDocumentStore: (real) => (store = new FaultyStore(real)) },
    });
    if (!store) throw new Error('the server did not open its store through the wrapper');
    return { server, store, docName: `meeting:${server.demo.meetingId}` };
  }

  async function client(server: TestServer, docName: string, email: string): Promise<YClient> {
    const connected = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, email),
    });
    onTestFinished(() => connected.destroy());
    return connected;
  }

  /** The document as the store underneath holds it, past the wrapper. */
  async function stored(store: FaultyStore, docName: string): Promise<string[]> {
    const doc = new Y.Doc();
    for (const entry of (await store.store.load(docName)).entries) Y.applyUpdate(doc, entry);
    return doc.getArray<string>('entries').toArray();
  }

  /** Writes `entries` through a client, waits until durable, and lets the room unload. */
  async function seed(server: TestServer, docName: string, entries: string[]): Promise<void> {
    const writer = await client(server, docName, 'csw@demo.test');
    await writer.synced;
    writer.doc.getArray<string>('entries').push(entries);
    await serverSaved(writer);
    writer.destroy();
    await eventually(() => expect(server.app.sync.hasRoom(docName)).toBe(false));
  }

  const healthy = async (server: TestServer) =>
    (await fetch(`${server.url}/api/health`)).status === 200;

  it('a failed load refuses the connection (LOAD_FAILED), the process stays up, and the next connection loads everything', async () => {
    const { server, store, docName } = await start();
    await seed(server, docName, ['one', 'two']);
    store.failNextLoads = 1;
    const refused = await client(server, docName, 'sw@demo.test');
    expect(await closeCode(refused)).toBe(CLOSE_CODES.LOAD_FAILED);
    expect(refused.provider.synced).toBe(false);
    refused.destroy();
    expect(await healthy(server)).toBe(true);

    const next = await client(server, docName, 'sw@demo.test');
    await next.synced;
    expect(next.doc.getArray('entries').toArray()).toEqual(['one', 'two']);
    expect(await stored(store, docName)).toEqual(['one', 'two']);
  });

  it('a slow load holds the connection; edits sent meanwhile land on the stored state, never over it', async () => {
    const { server, store, docName } = await start();
    await seed(server, docName, ['stored']);
    store.loadHold = hold();
    const loadsBefore = store.loadsStarted;
    const held = await client(server, docName, 'sw@demo.test');
    held.doc.getArray<string>('entries').push(['typed while loading']);
    await eventually(() => expect(store.loadsStarted).toBe(loadsBefore + 1));
    expect(held.provider.synced).toBe(false);
    expect(await stored(store, docName)).toEqual(['stored']);

    store.loadHold.release();
    await held.synced;
    await serverSaved(held);
    expect((await stored(store, docName)).sort()).toEqual(['stored', 'typed while loading']);
    expect(held.doc.getArray<string>('entries').toArray().sort()).toEqual([
      'stored',
      'typed while loading',
    ]);
  });

  it('a failed write is retried, and the update reaches others only once it is durable', async () => {
    const { server, store, docName } = await start();
    const writer = await client(server, docName, 'csw@demo.test');
    const watcher = await client(server, docName, 'sw@demo.test');
    await Promise.all([writer.synced, watcher.synced]);
    store.appendHold = hold();
    store.failNextAppends = 2;
    const attemptsBefore = store.appendAttempts;
    writer.doc.getArray<string>('entries').push(['retried']);
    await eventually(() => expect(store.appendAttempts).toBe(attemptsBefore + 1));
    // Held in the store: not durable, so nobody else has it.
    expect(watcher.doc.getArray('entries').length).toBe(0);

    store.appendHold.release();
    store.appendHold = null;
    await eventually(() => expect(watcher.doc.getArray('entries').toArray()).toEqual(['retried']));
    expect(store.failedAppends).toBe(2);
    expect(store.appendAttempts).toBe(attemptsBefore + 3);
    expect(await stored(store, docName)).toEqual(['retried']);
  });

  it('writes that keep failing close the room (STORE_FAILED); the process stays up, nothing stored is lost, and the edit is stored once the store is back', async () => {
    const { server, store, docName } = await start();
    await seed(server, docName, ['kept']);
    const writer = await client(server, docName, 'csw@demo.test');
    const watcher = await client(server, docName, 'sw@demo.test');
    await Promise.all([writer.synced, watcher.synced]);
    store.failingAppends = true;
    const closed = closeCode(watcher);
    writer.doc.getArray<string>('entries').push(['typed during the outage']);
    expect(await closed).toBe(CLOSE_CODES.STORE_FAILED);
    expect(await healthy(server)).toBe(true);
    // Never fanned out, never overwritten with less.
    expect(watcher.doc.getArray('entries').toArray()).toEqual(['kept']);
    expect(await stored(store, docName)).toEqual(['kept']);

    // The clients reconnect by themselves; the writer's replica resends its edit.
    store.failingAppends = false;
    await eventually(
      async () =>
        expect((await stored(store, docName)).sort()).toEqual(['kept', 'typed during the outage']),
      10_000,
    );
    await eventually(() =>
      expect(watcher.doc.getArray<string>('entries').toArray().sort()).toEqual([
        'kept',
        'typed during the outage',
      ]),
    );
  });
});
