import { expect, it, onTestFinished } from 'vitest';
import { FaultyStore, hold } from '../helpers/faultyStore.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/** Every count of `counts` at zero, so that a failure names the one that is not. */
const allZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.keys(counts).map((name) => [name, 0]));

/**
 * Memory after everyone has left: the server keeps nothing per document or per connection once
 * every client has gone and every room has unloaded, as the server itself reports it
 * (`SyncServer.residentCounts`: rooms, unloads under way, and each extension's own maps).
 */
describeEachStore('a server everyone has left', ({ postgres }) => {
  async function start(): Promise<{ server: TestServer; store: FaultyStore }> {
    let store: FaultyStore | null = null;
    const server = await startTestServer({
      ...(postgres ? { postgres } : {}),
      config: { wrapDocumentStore: (real) => (store = new FaultyStore(real)) },
    });
    if (!store) throw new Error('the server did not open its store through the wrapper');
    return { server, store };
  }

  async function connect(server: TestServer, docName: string, cookie: string): Promise<YClient> {
    const client = connectYClient(server.url, docName, { cookie });
    onTestFinished(() => client.destroy());
    return client;
  }

  it('forgets every document and connection once all clients have left', async () => {
    const { server } = await start();
    const docNames = [
      `meeting:${server.demo.meetingId}`,
      ...server.demo.familyIds.map((familyId) => `family:${familyId}`),
    ];
    const cookies = [
      await signIn(server.url, 'csw@demo.test'),
      await signIn(server.url, 'sw@demo.test'),
    ];
    const clients: YClient[] = [];
    for (const docName of docNames) {
      for (const cookie of cookies) clients.push(await connect(server, docName, cookie));
    }
    await Promise.all(clients.map((client) => client.synced));
    clients.forEach((client, i) => client.doc.getArray<string>('entries').push([`typed ${i}`]));
    await Promise.all(clients.map((client) => serverSaved(client)));

    // While they are open, the counts are what the server really holds.
    expect(server.app.sync.residentCounts()).toMatchObject({
      rooms: docNames.length,
      'persistence.documents': docNames.length,
      'limits.connections': clients.length,
      'openConnections.connections': clients.length,
    });

    for (const client of clients) client.destroy();
    await eventually(() => {
      const counts = server.app.sync.residentCounts();
      expect(counts).toEqual(allZero(counts));
    }, 10_000);
  });

  it('forgets a document whose only client left while it was still loading', async () => {
    const { server, store } = await start();
    const docName = `meeting:${server.demo.meetingId}`;
    const cookie = await signIn(server.url, 'csw@demo.test');
    const loading = hold();
    store.loadHold = loading;
    const impatient = await connect(server, docName, cookie);
    await eventually(() => expect(store.loadsStarted).toBe(1));

    // The client gives up (a closed laptop, a reload) before the document has loaded: the room
    // empties and starts to unload while its load is still under way.
    impatient.destroy();
    await eventually(() => expect(server.app.sync.residentCounts().rooms).toBe(0));
    store.loadHold = null;
    loading.release();
    // The abandoned load now runs to its end (the persistence extension records the document
    // in the same turn); whatever it kept must be let go of as well.
    await eventually(() => expect(store.loadsFinished).toBe(1));

    await eventually(() => {
      const counts = server.app.sync.residentCounts();
      expect(counts).toEqual(allZero(counts));
    }, 10_000);

    // The document opens as usual afterwards, and is forgotten again once its client leaves.
    const later = await connect(server, docName, cookie);
    await later.synced;
    later.doc.getArray<string>('entries').push(['after the abandoned load']);
    await serverSaved(later);
    later.destroy();
    await eventually(() => {
      const counts = server.app.sync.residentCounts();
      expect(counts).toEqual(allZero(counts));
    }, 10_000);
  });
});
