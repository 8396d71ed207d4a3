import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '@unitroom/shared';
import * as Y from 'yjs';
import { startChildServer } from '../helpers/childServer.js';
import { seededRandom } from '../helpers/random.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';
import { connectYClient, eventually, type YClient } from '../helpers/yClient.js';

/** CI runs this many seeds; DURABILITY_SEEDS raises it for a long local run. */
const SEEDS = Number(process.env.DURABILITY_SEEDS ?? 20);

/** Entries of `writer` that `client` holds in its copy of the document. */
function entriesFrom(client: YClient, writer: string): string[] {
  return client.doc
    .getArray<string>('entries')
    .toArray()
    .filter((entry) => entry.startsWith(`${writer}-`));
}

async function runOnce(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const dataDir = makeDataDir();
  const first = await startChildServer(dataDir);
  try {
    const cookieA = await signIn(first.url, 'csw@demo.test');
    const cookieB = await signIn(first.url, 'sw@demo.test');
    const me = (await (
      await fetch(`${first.url}/api/me`, { headers: { cookie: cookieA } })
    ).json()) as MeResponse;
    const docName = me.units[0]?.meetings[0]?.docName ?? '';

    const a = connectYClient(first.url, docName, { cookie: cookieA });
    const b = connectYClient(first.url, docName, { cookie: cookieB });
    await Promise.all([a.synced, b.synced]);

    // Both write uniquely numbered entries at seeded, irregular intervals until the kill.
    let counter = 0;
    const writers = (['A', 'B'] as const).map((name) => {
      const client = name === 'A' ? a : b;
      return setInterval(
        () => {
          const burst = 1 + Math.floor(random() * 3);
          for (let i = 0; i < burst; i += 1) {
            counter += 1;
            client.doc.getArray<string>('entries').push([`${name}-${counter}`]);
          }
        },
        1 + Math.floor(random() * 4),
      );
    });

    await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 700)));
    first.process.kill('SIGKILL');
    await first.exited;
    for (const writer of writers) clearInterval(writer);
    // What each client had received from the other through the server, at the moment of death.
    const bReceivedFromA = entriesFrom(b, 'A');
    const aReceivedFromB = entriesFrom(a, 'B');
    // The clients must not bring their copies back: only the store may.
    a.destroy();
    b.destroy();
    expect(
      bReceivedFromA.length,
      'the run should have relayed something before the kill',
    ).toBeGreaterThan(0);

    const second = await startChildServer(dataDir);
    try {
      const reader = connectYClient(second.url, docName, {
        cookie: await signIn(second.url, 'cp@demo.test'),
      });
      await reader.synced;
      const restored = reader.doc.getArray<string>('entries').toArray();
      const restoredSet = new Set(restored);
      expect(
        bReceivedFromA.filter((entry) => !restoredSet.has(entry)),
        `seed ${seed}: lost entries B had seen`,
      ).toEqual([]);
      expect(
        aReceivedFromB.filter((entry) => !restoredSet.has(entry)),
        `seed ${seed}: lost entries A had seen`,
      ).toEqual([]);
      expect(restoredSet.size, `seed ${seed}: duplicated entries`).toBe(restored.length);
      reader.destroy();
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    if (first.process.exitCode === null) first.process.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('durability: SIGKILL never loses an update another client has seen', () => {
  const seeds = Array.from({ length: SEEDS }, (_, i) => 1000 + i * 7919);
  it.each(seeds)(
    'seed %i: after kill -9 and restart, every entry a client had received is stored',
    async (seed) => {
      await runOnce(seed);
    },
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
