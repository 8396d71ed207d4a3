import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  minutesFragment,
  type CollabLimits,
} from '@unitroom/shared';
import * as Y from 'yjs';
import { writeOfflineBacklog } from '../helpers/backlog.js';
import {
  awarenessFrame,
  syncStep1Frame,
  textUpdate,
  typingUpdates,
  updateFrame,
} from '../helpers/frames.js';
import { seededRandom } from '../helpers/random.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

async function serverWith(limits: Partial<CollabLimits>) {
  const server = await startTestServer({
    config: { collabLimits: { ...DEFAULT_COLLAB_LIMITS, ...limits } },
  });
  const docName = `meeting:${server.demo.meetingId}`;
  const cookie = await signIn(server.url, 'csw@demo.test');
  return { server, docName, cookie };
}

/** A stock client of another member, who must not notice the offender. */
async function bystander(server: TestServer, docName: string): Promise<YClient> {
  const client = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'sw@demo.test'),
  });
  await client.synced;
  return client;
}

/** The bystander still edits, and a fresh client sees the edit: the room is unharmed. */
async function expectRoomWorks(server: TestServer, docName: string, other: YClient) {
  other.doc.getText('scratch').insert(0, 'still here ');
  await serverSaved(other);
  const fresh = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'cp@demo.test'),
  });
  await fresh.synced;
  expect(fresh.doc.getText('scratch').toString()).toContain('still here');
  fresh.destroy();
}

async function auditedCloses(server: TestServer): Promise<string[]> {
  const rows = await server.app.persistence.db
    .selectFrom('audit_events')
    .select('detail')
    .where('action', 'in', ['connection.closed', 'access.refused'])
    .execute();
  return rows.map((row) => (JSON.parse(row.detail) as { codeName: string }).codeName);
}

describe('limits: each closes the offender with its own code, is audited, and spares the room', () => {
  it('an update over the largest size closes with UPDATE_TOO_LARGE and is never applied', async () => {
    const { server, docName, cookie } = await serverWith({
      maxUpdateBytes: 2048,
      maxLargeUpdateBytes: 4096,
    });
    const other = await bystander(server, docName);
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: [syncStep1Frame(), updateFrame(textUpdate('x'.repeat(5000)))],
    });
    expect(outcome.code).toBe(CLOSE_CODES.UPDATE_TOO_LARGE);
    await expectRoomWorks(server, docName, other);
    expect(other.doc.getText('scratch').toString()).not.toContain('xxxx');
    await eventually(async () => expect(await auditedCloses(server)).toContain('UPDATE_TOO_LARGE'));
    other.destroy();
  });

  it('an awareness message over its size limit closes with AWARENESS_TOO_LARGE', async () => {
    const { server, docName, cookie } = await serverWith({ maxAwarenessBytes: 1024 });
    const other = await bystander(server, docName);
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: [awarenessFrame({ user: { name: 'n'.repeat(2000) } })],
    });
    expect(outcome.code).toBe(CLOSE_CODES.AWARENESS_TOO_LARGE);
    const names = Array.from(other.provider.awareness.getStates().values()).map(
      (state) => (state as { user?: { name?: string } }).user?.name ?? '',
    );
    expect(names.some((name) => name.startsWith('nnnn'))).toBe(false);
    await expectRoomWorks(server, docName, other);
    await eventually(async () =>
      expect(await auditedCloses(server)).toContain('AWARENESS_TOO_LARGE'),
    );
    other.destroy();
  });

  it('updates faster than the update rate close with UPDATE_RATE_EXCEEDED', async () => {
    const { server, docName, cookie } = await serverWith({
      updateRate: { perSecond: 1, burst: 10 },
    });
    const other = await bystander(server, docName);
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: typingUpdates(40).map(updateFrame),
    });
    expect(outcome.code).toBe(CLOSE_CODES.UPDATE_RATE_EXCEEDED);
    await expectRoomWorks(server, docName, other);
    await eventually(async () =>
      expect(await auditedCloses(server)).toContain('UPDATE_RATE_EXCEEDED'),
    );
    other.destroy();
  });

  it('awareness faster than its rate closes with AWARENESS_RATE_EXCEEDED', async () => {
    const { server, docName, cookie } = await serverWith({
      awarenessRate: { perSecond: 1, burst: 10 },
    });
    const other = await bystander(server, docName);
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: Array.from({ length: 40 }, (_, i) => awarenessFrame({ cursor: i })),
    });
    expect(outcome.code).toBe(CLOSE_CODES.AWARENESS_RATE_EXCEEDED);
    await expectRoomWorks(server, docName, other);
    other.destroy();
  });

  it('a flood of sync requests closes with MESSAGE_RATE_EXCEEDED', async () => {
    const { server, docName, cookie } = await serverWith({});
    const other = await bystander(server, docName);
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: Array.from({ length: 100 }, () => syncStep1Frame()),
    });
    expect(outcome.code).toBe(CLOSE_CODES.MESSAGE_RATE_EXCEEDED);
    // It was answered for its burst, and no more.
    expect(outcome.messages.length).toBeLessThan(100);
    await expectRoomWorks(server, docName, other);
    other.destroy();
  });

  it('a socket over the per-user limit is refused with TOO_MANY_SOCKETS and sent nothing', async () => {
    const { server, docName, cookie } = await serverWith({ maxSocketsPerUser: 3 });
    const other = await bystander(server, docName);
    const tabs = [
      connectYClient(server.url, docName, { cookie }),
      connectYClient(server.url, docName, { cookie }),
      connectYClient(server.url, `family:${server.demo.familyIds[0]}`, { cookie }),
    ];
    await Promise.all(tabs.map((tab) => tab.synced));
    const fourth = await openRaw(server.url, docName, { cookie, send: [syncStep1Frame()] });
    expect(fourth.code).toBe(CLOSE_CODES.TOO_MANY_SOCKETS);
    expect(fourth.messages).toHaveLength(0);
    // Another user is not counted against this one.
    await expectRoomWorks(server, docName, other);
    // Closing a tab frees its place.
    tabs.pop()?.destroy();
    const again = connectYClient(server.url, docName, { cookie });
    await again.synced;
    await eventually(async () => expect(await auditedCloses(server)).toContain('TOO_MANY_SOCKETS'));
    for (const client of [...tabs, again, other]) client.destroy();
  });

  it('updates building on changes the server never had close with UPDATE_MISSING_DEPENDENCIES once they pile up', async () => {
    // Every pending update is merged again with the next: on a loaded machine that alone could
    // use up the processing budget, which is not what this test is about.
    const { server, docName, cookie } = await serverWith({
      processingBudgetMs: { perSecond: 1e6, burst: 1e6 },
    });
    const other = await bystander(server, docName);
    // Every update builds on a first change that is never sent: all of it would stay pending.
    const source = new Y.Doc();
    source.getText('scratch').insert(0, 'never sent ');
    const orphans: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => orphans.push(update));
    for (let i = 0; i < 100; i += 1) source.getText('scratch').insert(0, 'p'.repeat(1000));
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: orphans.map(updateFrame),
    });
    expect(outcome.code).toBe(CLOSE_CODES.UPDATE_MISSING_DEPENDENCIES);
    await expectRoomWorks(server, docName, other);
    other.destroy();
  });

  it('a brief out-of-order update (two tabs sharing edits) waits for what it builds on', async () => {
    const { server, docName, cookie } = await serverWith({});
    const other = await bystander(server, docName);
    const tab = new Y.Doc();
    const updates: Uint8Array[] = [];
    tab.on('update', (update: Uint8Array) => updates.push(update));
    tab.getText('scratch').insert(0, 'first ');
    tab.getText('scratch').insert(6, 'second');
    const [first, second] = updates as [Uint8Array, Uint8Array];
    const late = connectYClient(server.url, docName, { cookie });
    await late.synced;
    // The second arrives on one socket before the first arrives on another.
    late.provider.ws?.send(updateFrame(second));
    late.provider.ws?.send(updateFrame(first));
    await eventually(() => expect(other.doc.getText('scratch').toString()).toBe('first second'));
    expect(late.provider.wsconnected).toBe(true);
    for (const client of [late, other]) client.destroy();
  });

  it('the defaults never trouble a real meeting: a burst of typing, a long paste, a drag, many tabs', async () => {
    const { server, docName, cookie } = await serverWith({});
    const other = await bystander(server, docName);
    const typist = connectYClient(server.url, docName, { cookie });
    await typist.synced;
    const text = typist.doc.getText('scratch');
    // 250 keystrokes with no pause at all: far faster than anyone types.
    for (let i = 0; i < 250; i += 1) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    // A pasted report of 100 KB.
    text.insert(text.length, ' Paragraph. '.repeat(8_000));
    // A drag: 500 awareness changes at once.
    for (let i = 0; i < 500; i += 1)
      typist.provider.awareness.setLocalStateField('drag', { personId: 'p1', dx: i, dy: i });
    await serverSaved(typist);
    const tabs = Array.from({ length: 10 }, () => connectYClient(server.url, docName, { cookie }));
    await Promise.all(tabs.map((tab) => tab.synced));
    await eventually(() => expect(other.doc.getText('scratch').length).toBe(text.length));
    expect(typist.provider.wsconnected).toBe(true);
    expect(await auditedCloses(server)).toEqual([]);
    for (const client of [typist, other, ...tabs]) client.destroy();
  });
});

describe('limits: the processing budget', () => {
  it('closes a writer whose valid updates take too long to integrate (PROCESSING_BUDGET_EXCEEDED)', async () => {
    // Thousands of concurrent insertions at one place make every later insertion there scan
    // them all: tiny, valid updates whose cost grows without bound.
    const { server, docName, cookie } = await serverWith({
      updateRate: { perSecond: 1_000, burst: 10_000 },
      updateBytesRate: { perSecond: 1e9, burst: 1e9 },
      processingBudgetMs: { perSecond: 10, burst: 40 },
    });
    const other = await bystander(server, docName);
    const concurrent = Array.from({ length: 2_000 }, (_, i) => textUpdate(`c${i}`, 'bomb'));
    const heavy = Array.from({ length: 20 }, () => {
      const doc = new Y.Doc();
      const text = doc.getText('bomb');
      for (let i = 0; i < 1_500; i += 1) text.insert(i % 7 === 0 ? 0 : text.length, 'x');
      return Y.encodeStateAsUpdate(doc);
    });
    const outcome = await openRaw(server.url, docName, {
      cookie,
      send: [...concurrent, ...heavy].map(updateFrame),
    });
    expect(outcome.code).toBe(CLOSE_CODES.PROCESSING_BUDGET_EXCEEDED);
    await expectRoomWorks(server, docName, other);
    other.destroy();
  });
});

/** Resolves on the provider's next full sync (after a reconnect). */
const nextSync = (client: YClient) =>
  new Promise<void>((resolve) =>
    client.provider.on('sync', function onSync(synced: boolean) {
      if (!synced) return;
      client.provider.off('sync', onSync);
      resolve();
    }),
  );

describe('limits: a large offline backlog is taken in, not refused', () => {
  it('a laptop back from offline with a backlog far over the update size and byte burst: stored, seen by everyone, nobody closed', async () => {
    const { server, docName, cookie } = await serverWith({});
    const familyId = server.demo.familyIds[0] ?? 'family';
    const other = await bystander(server, docName);
    const laptop = connectYClient(server.url, docName, { cookie });
    await laptop.synced;
    const closes: unknown[] = [];
    laptop.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    const serverState = Y.encodeStateVector(laptop.doc);

    laptop.provider.disconnect();
    writeOfflineBacklog(laptop.doc, familyId, seededRandom(3), {
      typedParagraphs: 120,
      wordsPerParagraph: 150,
      pastedParagraphs: 3_500,
    });
    laptop.doc.getText('scratch').insert(0, 'Written offline. ');
    const backlog = Y.encodeStateAsUpdate(laptop.doc, serverState);
    // Over the size applied at once, and over the byte rate's whole burst.
    expect(backlog.byteLength).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.updateBytesRate.burst);

    const synced = nextSync(laptop);
    laptop.provider.connect();
    await synced;
    // Refused for good, the stock provider never asks again: say so rather than wait forever.
    await Promise.race([
      serverSaved(laptop),
      laptop.refused.then((code) => Promise.reject(new Error(`backlog refused with ${code}`))),
    ]);
    const minutes = (doc: Y.Doc) => minutesFragment(doc, familyId).toString();
    const expected = minutes(laptop.doc);
    await eventually(() => expect(minutes(other.doc)).toBe(expected), 20_000);
    expect(other.doc.getText('scratch').toString()).toContain('Written offline.');

    // Back online, a paste over the size applied at once goes through as it is typed.
    const paste = 'A long report pasted in while online. '.repeat(10_000);
    laptop.doc.getText('scratch').insert(laptop.doc.getText('scratch').length, paste);
    await serverSaved(laptop);
    await eventually(() => expect(other.doc.getText('scratch').toString()).toContain(paste));
    expect(laptop.provider.wsconnected).toBe(true);
    expect(closes).toEqual([]);
    expect(await auditedCloses(server)).toEqual([]);

    // The store has all of it: a restarted server gives it to a fresh reader.
    const wholeMinutes = minutes(laptop.doc);
    const wholeScratch = laptop.doc.getText('scratch').toString();
    for (const client of [laptop, other]) client.destroy();
    const restarted = await server.restart();
    const reader = connectYClient(restarted.url, docName, {
      cookie: await signIn(restarted.url, 'cp@demo.test'),
    });
    await reader.synced;
    expect(minutes(reader.doc)).toBe(wholeMinutes);
    expect(reader.doc.getText('scratch').toString()).toBe(wholeScratch);
    reader.destroy();
  }, 120_000);

  it('a live paste over the byte burst closes with UPDATE_RATE_EXCEEDED once, and the reconnection brings it in as its sync step 2', async () => {
    const { server, docName, cookie } = await serverWith({});
    const other = await bystander(server, docName);
    const writer = connectYClient(server.url, docName, { cookie });
    await writer.synced;
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    const paste = 'A whole case file pasted in at once. '.repeat(40_000);
    expect(paste.length).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.updateBytesRate.burst);
    const resynced = nextSync(writer);
    writer.doc.getText('scratch').insert(0, paste);
    await resynced;
    await serverSaved(writer);
    await eventually(() => expect(other.doc.getText('scratch').toString()).toBe(paste), 20_000);
    expect(closes).toEqual([CLOSE_CODES.UPDATE_RATE_EXCEEDED]);
    for (const client of [writer, other]) client.destroy();
  }, 60_000);
});
