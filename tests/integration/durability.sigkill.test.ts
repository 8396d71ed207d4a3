import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '@unitroom/shared';
import * as Y from 'yjs';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { seededRandom } from '../helpers/random.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';
import { connectYClient, eventually, type YClient } from '../helpers/yClient.js';

/**
 * CI kills the server this many times in one run (each kill is a restart of about a CPU-second;
 * 50 were a tenth of the Vitest suite's CPU); DURABILITY_KILLS raises it for a long run.
 */
const KILLS = Number(process.env.DURABILITY_KILLS ?? 25);
/** DURABILITY_SEED replays a failed run exactly (the seed is in every failure message). */
const SEED = Number(process.env.DURABILITY_SEED ?? 20_261_122);
const CLIENTS = 20;
const WRITER_EMAILS = ['csw@demo.test', 'sw@demo.test', 'coordinator@demo.test', 'cp@demo.test'];

const entriesOf = (doc: Y.Doc) => doc.getArray<string>('entries').toArray();

/** Entries the client holds that another client wrote: what reached it through the server. */
const fromOthers = (doc: Y.Doc, writer: string) =>
  entriesOf(doc).filter((entry) => !entry.startsWith(`${writer}-`));

async function meetingDocName(url: string, cookie: string): Promise<string> {
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
  return me.units[0]?.meetings[0]?.docName ?? '';
}

/**
 * Twenty clients edit one meeting; the server is killed with SIGKILL at a seeded random moment,
 * restarted on the same store, checked by a fresh reader before anyone reconnects, and the
 * clients reconnect with their own replicas and carry on. Sessions are in the store, so the
 * cookies outlive every restart.
 */
async function killRepeatedly(
  seed: number,
  kills: number,
  env: Record<string, string> = {},
): Promise<void> {
  const random = seededRandom(seed);
  const dataDir = makeDataDir();
  let server: ChildServer = await startChildServer(dataDir, env);
  const names = Array.from({ length: CLIENTS }, (_, i) => `W${i}`);
  let clients: YClient[] = [];
  try {
    const cookies = await Promise.all(WRITER_EMAILS.map((email) => signIn(server.url, email)));
    const readerCookie = cookies[0] ?? '';
    const docName = await meetingDocName(server.url, readerCookie);
    const connectAll = (docs: Y.Doc[] | null) =>
      names.map((_, i) =>
        connectYClient(server.url, docName, {
          cookie: cookies[i % cookies.length] ?? '',
          ...(docs ? { doc: docs[i] } : {}),
        }),
      );
    clients = connectAll(null);
    await Promise.all(clients.map((client) => client.synced));

    /** Every entry any client had received from another at any kill so far. */
    const everSeen = new Set<string>();
    /** How many entries the last restart served: once the store held any, it must never serve none. */
    let servedBefore = 0;
    let counter = 0;
    for (let kill = 1; kill <= kills; kill += 1) {
      const context = `seed ${seed}, kill ${kill}`;
      // Seeded bursts from random clients at irregular intervals until the kill.
      const editing = setInterval(
        () => {
          const burst = 1 + Math.floor(random() * 4);
          for (let i = 0; i < burst; i += 1) {
            const writer = Math.floor(random() * CLIENTS);
            counter += 1;
            clients[writer]?.doc.getArray<string>('entries').push([`${names[writer]}-${counter}`]);
          }
        },
        1 + Math.floor(random() * 4),
      );
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 250)));
      server.process.kill('SIGKILL');
      await server.exited;
      clearInterval(editing);
      for (const [i, client] of clients.entries()) {
        for (const entry of fromOthers(client.doc, names[i] ?? '')) everSeen.add(entry);
      }
      // The clients go quiet with their replicas; only the store may bring anything back.
      const docs = clients.map((client) => client.doc);
      for (const client of clients) client.provider.destroy();

      server = await startChildServer(dataDir, env);
      const reader = connectYClient(server.url, docName, { cookie: readerCookie });
      await reader.synced;
      const restored = entriesOf(reader.doc);
      reader.destroy();
      const restoredSet = new Set(restored);
      // On a loaded machine the first kill can land before the server took any edit in, and
      // then an empty document is the truth; from the moment anything was seen or stored, never.
      if (everSeen.size > 0 || servedBefore > 0)
        expect(restored.length, `${context}: an empty document was served`).toBeGreaterThan(0);
      servedBefore = restored.length;
      expect(
        [...everSeen].filter((entry) => !restoredSet.has(entry)),
        `${context}: entries a client had seen are missing (lost, or a stale document)`,
      ).toEqual([]);
      expect(restoredSet.size, `${context}: duplicated entries`).toBe(restored.length);

      clients = connectAll(docs);
      await Promise.all(clients.map((client) => client.synced));
    }

    // After the last restart every replica converges on one list, each entry once.
    await eventually(() => {
      const reference = entriesOf(clients[0]?.doc ?? new Y.Doc());
      for (const client of clients) expect(entriesOf(client.doc)).toEqual(reference);
    }, 15_000);
    const final = entriesOf(clients[0]?.doc ?? new Y.Doc());
    expect(new Set(final).size, `seed ${seed}: duplicated entries at the end`).toBe(final.length);
    expect(final.length, `seed ${seed}: every entry typed is there`).toBe(counter);
  } finally {
    for (const client of clients) client.destroy();
    if (server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGKILL');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('durability: SIGKILL never loses an update another client has seen', () => {
  it(
    `${KILLS} kill -9s at random moments of a ${CLIENTS}-client editing run (seed ${SEED}): nothing seen is lost, nothing duplicated, never an empty or stale document, all converge`,
    async () => {
      await killRepeatedly(SEED, KILLS);
    },
    // Each kill is a process start of about a second; a long run scales the budget with it.
    KILLS * 6_000 + 30_000,
  );

  // The default run commits the journal every 30 s, so most kills find updates only in the
  // journal. Committing every 15 ms instead puts kills inside and right after commits too.
  const frequentKills = Math.max(1, Math.round(KILLS / 5));
  it(
    `with journal commits every 15 ms (JOURNAL_COMMIT_MS=15): ${frequentKills} kill -9s, the same guarantees`,
    async () => {
      await killRepeatedly(SEED + 1, frequentKills, { JOURNAL_COMMIT_MS: '15' });
    },
    frequentKills * 6_000 + 30_000,
  );

  it('a SIGTERM during editing flushes everything and exits cleanly', async () => {
    const dataDir = makeDataDir();
    const server = await startChildServer(dataDir);
    const cookie = await signIn(server.url, 'coordinator@demo.test');
    const me = (await (
      await fetch(`${server.url}/api/me`, { headers: { cookie } })
    ).json()) as MeResponse;
    const docName = me.units[0]?.meetings[0]?.docName ?? '';
    const client = connectYClient(server.url, docName, { cookie });
    await client.synced;
    const observer = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'cp@demo.test'),
    });
    await observer.synced;
    for (let i = 0; i < 200; i += 1) client.doc.getArray<string>('entries').push([`T-${i}`]);
    await eventually(() => expect(observer.doc.getArray('entries').length).toBe(200));
    const started = Date.now();
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    client.destroy();
    observer.destroy();

    const again = await startChildServer(dataDir);
    const reader = connectYClient(again.url, docName, {
      cookie: await signIn(again.url, 'sw@demo.test'),
    });
    await reader.synced;
    expect(reader.doc.getArray('entries').length).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
    expect(doc.getArray('entries').toArray()).toEqual(
      Array.from({ length: 200 }, (_, i) => `T-${i}`),
    );
    reader.destroy();
    again.process.kill('SIGTERM');
    await again.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
