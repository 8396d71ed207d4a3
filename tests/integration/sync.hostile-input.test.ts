import os from 'node:os';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  COLLAB_PATH,
  DEFAULT_COLLAB_LIMITS,
  minutesFragment,
  type MeResponse,
} from '@unitroom/shared';
import { writeOfflineBacklog } from '../helpers/backlog.js';
import { childStats, startChildServer } from '../helpers/childServer.js';
import { syncStep1Frame, syncStep2Frame, textUpdate, updateFrame } from '../helpers/frames.js';
import { concurrentInsertionsUpdate, tinyStructsUpdate } from '../helpers/hostileInputs.js';
import { seededRandom } from '../helpers/random.js';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
};

describe('sync: hostile input closes the offender and nobody else notices', () => {
  it('closes sockets that send malformed frames, and a well-behaved client keeps editing', async () => {
    const server = await startTestServer({ config: { maxMessageBytes: 64 * 1024 } });
    const docName = `meeting:${server.demo.meetingId}`;
    const cookie = await signIn(server.url, 'csw@demo.test');
    const good = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    await good.synced;

    const cases: Array<{ name: string; send: Uint8Array[]; code: number }> = [
      {
        name: 'truncated varint',
        send: [new Uint8Array([0x80])],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'unknown message type',
        send: [new Uint8Array([42, 0])],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      { name: 'empty frame', send: [new Uint8Array([])], code: CLOSE_CODES.PROTOCOL_ERROR },
      {
        name: 'inflated length prefix',
        send: [
          frame(
            (e) => encoding.writeVarUint(e, 0),
            (e) => encoding.writeVarUint(e, 2),
            (e) => encoding.writeVarUint(e, 2 ** 31),
          ),
        ],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'garbage update',
        send: [
          frame(
            (e) => encoding.writeVarUint(e, 0),
            (e) => encoding.writeVarUint(e, 2),
            (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 9, 9, 9, 255, 255])),
          ),
        ],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'oversized message',
        send: [new Uint8Array(65 * 1024)],
        code: CLOSE_CODES.MESSAGE_TOO_BIG,
      },
    ];
    for (const testCase of cases) {
      const outcome = await openRaw(server.url, docName, { cookie, send: testCase.send });
      expect(outcome.code, testCase.name).toBe(testCase.code);
    }

    // A text frame is not the protocol either.
    const textCode = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${docName}`, {
        headers: { cookie, origin: server.url },
      });
      ws.on('open', () => ws.send('{"__proto__": {"polluted": true}}'));
      ws.on('close', (code) => resolve(code));
    });
    expect(textCode).toBe(CLOSE_CODES.PROTOCOL_ERROR);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    good.doc.getText('scratch').insert(0, 'still here');
    const other = connectYClient(server.url, docName, { cookie });
    await other.synced;
    await eventually(() => expect(other.doc.getText('scratch').toString()).toBe('still here'));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    good.destroy();
    other.destroy();
  });

  it('large updates costly to integrate are refused with UPDATE_TOO_LARGE off the event loop, while a large honest backlog gets in and the bystanders type on', async () => {
    // Its own process, so that its event loop is measured alone, from inside (as the fuzz run).
    const server = await startChildServer(makeDataDir(), {}, { ipc: true });
    onTestFinished(async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    });
    const offender = await signIn(server.url, 'csw@demo.test');
    const me = (await (
      await fetch(`${server.url}/api/me`, { headers: { cookie: offender } })
    ).json()) as MeResponse;
    const meetingId = me.units[0]?.meetings[0]?.id ?? '';
    const familyId = me.units[0]?.families[0]?.id ?? '';
    const docName = `meeting:${meetingId}`;
    const bystanders: YClient[] = [];
    for (const email of ['sw@demo.test', 'cp@demo.test'])
      bystanders.push(
        connectYClient(server.url, docName, { cookie: await signIn(server.url, email) }),
      );
    await Promise.all(bystanders.map((client) => client.synced));
    let drops = 0;
    for (const client of bystanders)
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') drops += 1;
      });
    let typed = 0;
    const typing = setInterval(() => {
      (bystanders[typed % 2] as YClient).doc.getText('wellBehaved').insert(0, `${typed} `);
      typed += 1;
    }, 25);
    onTestFinished(() => clearInterval(typing));

    const random = seededRandom(17);
    // 400,000 one-character insertions in 3.5 MB: cheap to send, about half a second or more of
    // integrating in all, however it is cut. As the sync step 2, which no byte rate limits.
    const tinyStructs = tinyStructsUpdate(random, 400_000, 'bomb');
    // 40,000 concurrent insertions in 530 KB: the first few thousand already cost more than a
    // piece may. Sent live.
    const concurrent = concurrentInsertionsUpdate(40_000, 'bomb');
    // A small update with 300 KB of zeros after it: no backlog is made of padding.
    const padded = Uint8Array.from([...textUpdate('bomb'), ...new Uint8Array(300 * 1024)]);
    for (const update of [tinyStructs, concurrent, padded])
      expect(update.byteLength).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.maxUpdateBytes);

    await childStats(server, true);
    // All at once: they wait for the worker in turn, the bystanders do not.
    const outcomes = await Promise.all(
      [
        [syncStep1Frame(), syncStep2Frame(tinyStructs)],
        [syncStep1Frame(), updateFrame(concurrent)],
        [updateFrame(padded)],
      ].map((send) => openRaw(server.url, docName, { cookie: offender, send })),
    );
    expect(outcomes.map((outcome) => outcome.code)).toEqual([
      CLOSE_CODES.UPDATE_TOO_LARGE,
      CLOSE_CODES.UPDATE_TOO_LARGE,
      CLOSE_CODES.UPDATE_TOO_LARGE,
    ]);

    // Meanwhile an honest laptop back from offline with over a megabyte: taken in.
    const laptop = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'clinician@demo.test'),
    });
    await laptop.synced;
    const serverState = Y.encodeStateVector(laptop.doc);
    laptop.provider.disconnect();
    writeOfflineBacklog(laptop.doc, familyId, random, {
      typedParagraphs: 100,
      wordsPerParagraph: 150,
      pastedParagraphs: 3_000,
    });
    expect(Y.encodeStateAsUpdate(laptop.doc, serverState).byteLength).toBeGreaterThan(
      DEFAULT_COLLAB_LIMITS.updateBytesRate.burst,
    );
    const resynced = new Promise<void>((resolve) =>
      laptop.provider.once('sync', (synced: boolean) => synced && resolve()),
    );
    laptop.provider.connect();
    await resynced;
    await Promise.race([
      serverSaved(laptop),
      laptop.refused.then((code) => Promise.reject(new Error(`backlog refused with ${code}`))),
    ]);
    clearInterval(typing);

    const stats = await childStats(server);
    // Reported, not asserted: a delay bound measured the machine's load as much as the server
    // (issue 20, docs/performance-findings.md).
    console.log(
      `server event loop during large hostile updates and a large backlog (load ${(os.loadavg()[0] ?? 0).toFixed(1)})`,
      stats,
    );
    // What keeps the loop free is asserted by counts: the three hostile updates and the backlog
    // each went to the worker, and nothing larger than maxUpdateBytes was integrated in one turn
    // (the backlog came back in pieces, applied one per turn).
    expect(stats.work.vettedOnWorker).toBeGreaterThanOrEqual(4);
    expect(stats.work.largestInlineUpdateBytes).toBeGreaterThan(0);
    expect(stats.work.largestInlineUpdateBytes).toBeLessThanOrEqual(
      DEFAULT_COLLAB_LIMITS.maxUpdateBytes,
    );

    await Promise.all(bystanders.map((client) => serverSaved(client)));
    const [first, second] = bystanders as [YClient, YClient];
    await eventually(() => {
      expect(first.doc.getText('wellBehaved').toString()).toBe(
        second.doc.getText('wellBehaved').toString(),
      );
      expect(first.doc.getText('wellBehaved').toString().split(' ').filter(Boolean)).toHaveLength(
        typed,
      );
    });
    expect(drops).toBe(0);
    const reader = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'coordinator@demo.test'),
    });
    await reader.synced;
    expect(reader.doc.getText('bomb').length).toBe(0);
    expect(minutesFragment(reader.doc, familyId).toString()).toBe(
      minutesFragment(laptop.doc, familyId).toString(),
    );
    for (const client of [...bystanders, laptop, reader]) client.destroy();
    // Each refusal was logged with its reason.
    const refusals = server
      .output()
      .split('\n')
      .filter((line) => line.includes('UPDATE_TOO_LARGE'));
    console.log(refusals.join('\n'));
    expect(refusals).toHaveLength(3);
  }, 180_000);
});
