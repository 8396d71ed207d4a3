import { describe, expect, it, onTestFinished } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type {
  ClientToServerEvents,
  MeResponse,
  MeetingFocus,
  ServerToClientEvents,
  UnitPresence,
} from '@unitroom/shared';
import { openPostgresPersistence } from '@unitroom/server';
import { type ChildServer } from '../helpers/childServer.js';
import { startCluster } from '../helpers/cluster.js';
import { SCALE_OUT_SKIP_REASON } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { connectYClient, eventually, type YClient } from '../helpers/yClient.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
const CONVERGE_TIMEOUT_MS = 15_000;
/** Three or four server processes start one after another; a busy two-core box needs time. */
const CLUSTER_TEST_TIMEOUT_MS = 120_000;

type UnitSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function meetingDocName(server: ChildServer, cookie: string): Promise<string> {
  const response = await fetch(`${server.url}/api/me`, { headers: { cookie } });
  const me = (await response.json()) as MeResponse;
  const docName = me.units[0]?.meetings[0]?.docName;
  if (!docName) throw new Error('the demo unit has no meeting');
  return docName;
}

const entries = (client: YClient) => client.doc.getArray<string>('entries').toArray();

/** Every entry not written by `writer` that its replica holds: what it has seen from others. */
const seenFromOthers = (client: YClient, writer: string) =>
  entries(client).filter((entry) => !entry.startsWith(`${writer}-`));

async function storedEntries(schema: string, docName: string): Promise<Set<string>> {
  const persistence = await openPostgresPersistence({ connectionString: databaseUrl, schema });
  try {
    const doc = new Y.Doc();
    for (const entry of (await persistence.documents.load(docName)).entries) {
      Y.applyUpdate(doc, entry);
    }
    return new Set(doc.getArray<string>('entries').toArray());
  } finally {
    await persistence.close();
  }
}

describe.skipIf(!databaseUrl || !redisUrl)(
  `scale-out: three processes on one PostgreSQL and Redis${!databaseUrl || !redisUrl ? ` (${SCALE_OUT_SKIP_REASON})` : ''}`,
  () => {
    it(
      'clients of one meeting spread over three processes converge; after a kill -9 of one, its clients move to another and nothing anyone had seen is lost',
      async () => {
        const cluster = await startCluster('scale', 3);
        const [first, second, third] = cluster.servers as [ChildServer, ChildServer, ChildServer];
        const emails = ['csw@demo.test', 'sw@demo.test', 'coordinator@demo.test', 'cp@demo.test'];
        const cookies = await Promise.all(emails.map((email) => signIn(first.url, email)));
        const docName = await meetingDocName(first, cookies[0] ?? '');

        // Six writers, two on each process; each writes uniquely named entries.
        const names = ['A', 'B', 'C', 'D', 'E', 'F'];
        const homes = [first, first, second, second, third, third];
        const clients = names.map((_, i) =>
          connectYClient((homes[i] as ChildServer).url, docName, {
            cookie: cookies[i % cookies.length] ?? '',
          }),
        );
        onTestFinished(() => clients.forEach((client) => client.destroy()));
        await Promise.all(clients.map((client) => client.synced));

        let counter = 0;
        const write = (i: number, count: number) => {
          for (let n = 0; n < count; n += 1) {
            counter += 1;
            clients[i]?.doc.getArray<string>('entries').push([`${names[i]}-${counter}`]);
          }
        };
        names.forEach((_, i) => write(i, 20));
        await eventually(() => {
          const reference = entries(clients[0] as YClient).sort();
          expect(reference).toHaveLength(120);
          for (const client of clients) expect(entries(client).sort()).toEqual(reference);
        }, CONVERGE_TIMEOUT_MS);

        // Awareness crosses processes too: a cursor set on the first is seen on the third.
        // (The server sets `user` from the session, [E1]; a cursor is the client's to state.)
        clients[0]?.provider.awareness.setLocalStateField('cursor', { mark: 'Writer A' });
        await eventually(() => {
          const states = Array.from(clients[5]?.provider.awareness.getStates().values() ?? []);
          expect(states.some((state) => state.cursor?.mark === 'Writer A')).toBe(true);
        }, CONVERGE_TIMEOUT_MS);

        // Kill the second process in the middle of a burst from everyone.
        const writers = setInterval(() => names.forEach((_, i) => write(i, 1)), 3);
        await new Promise((resolve) => setTimeout(resolve, 300));
        second.process.kill('SIGKILL');
        await second.exited;
        clearInterval(writers);
        const seen = new Set(
          clients.flatMap((client, i) => seenFromOthers(client, names[i] ?? '')),
        );
        expect(seen.size, 'something was relayed before the kill').toBeGreaterThan(120);

        // The store alone, before any client could bring anything back, holds all of it.
        const stored = await storedEntries(cluster.schema, docName);
        expect([...seen].filter((entry) => !stored.has(entry))).toEqual([]);

        // The killed process's clients reconnect to the third, keeping their replicas.
        for (const i of [2, 3]) {
          const orphan = clients[i] as YClient;
          orphan.provider.destroy();
          clients[i] = connectYClient(third.url, docName, {
            cookie: cookies[i % cookies.length] ?? '',
            doc: orphan.doc,
          });
        }
        await Promise.all(clients.map((client) => client.synced));
        names.forEach((_, i) => write(i, 5));
        await eventually(() => {
          const reference = entries(clients[0] as YClient).sort();
          expect(reference.length).toBe(counter);
          for (const client of clients) expect(entries(client).sort()).toEqual(reference);
        }, CONVERGE_TIMEOUT_MS);
        const final = new Set(entries(clients[0] as YClient));
        expect([...seen].filter((entry) => !final.has(entry))).toEqual([]);
        expect(final.size, 'no entry is duplicated').toBe(entries(clients[0] as YClient).length);

        // And a process started now loads all of it from the shared store.
        const fourth = await cluster.start();
        const reader = connectYClient(fourth.url, docName, { cookie: cookies[3] ?? '' });
        onTestFinished(() => reader.destroy());
        await reader.synced;
        await eventually(() => expect(entries(reader).sort()).toEqual([...final].sort()));
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );

    it(
      "presence and the chair's focus are the same seen from any process",
      async () => {
        const cluster = await startCluster('scale', 2);
        const [first, second] = cluster.servers as [ChildServer, ChildServer];
        const chairCookie = await signIn(first.url, 'csw@demo.test');
        const followerCookie = await signIn(second.url, 'coordinator@demo.test');
        const me = (await (
          await fetch(`${first.url}/api/me`, { headers: { cookie: chairCookie } })
        ).json()) as MeResponse;
        const unit = me.units[0];
        const meeting = unit?.meetings[0];
        const familyId = meeting?.agenda[0]?.familyId;
        if (!unit || !meeting || !familyId) throw new Error('the demo unit has no agenda');

        const connect = (server: ChildServer, cookie: string) => {
          const socket: UnitSocket = io(server.url, {
            transports: ['websocket'],
            extraHeaders: { cookie, origin: server.url },
            reconnection: false,
          });
          onTestFinished(() => void socket.disconnect());
          return socket;
        };
        const chair = connect(first, chairCookie);
        const follower = connect(second, followerCookie);
        const presence: UnitPresence[] = [];
        const focus: MeetingFocus[] = [];
        chair.on('unit:presence', (update) => presence.push(update));
        follower.on('meeting:focus', (update) => focus.push(update));

        expect((await chair.emitWithAck('unit:watch', unit.id)).ok).toBe(true);
        expect((await follower.emitWithAck('meeting:enter', meeting.id)).ok).toBe(true);
        await eventually(() => {
          expect(
            presence
              .at(-1)
              ?.online.map((member) => member.name)
              .sort(),
          ).toEqual(['Amara Okafor', 'Sue Martins']);
        }, CONVERGE_TIMEOUT_MS);

        const set = await chair.emitWithAck('meeting:set-focus', {
          meetingId: meeting.id,
          familyId,
        });
        expect(set.ok).toBe(true);
        await eventually(() => expect(focus.at(-1)?.familyId).toBe(familyId), CONVERGE_TIMEOUT_MS);

        // A late joiner on the other process is told the focus the chair set on the first.
        const late = connect(second, await signIn(second.url, 'sw@demo.test'));
        const entered = await late.emitWithAck('meeting:enter', meeting.id);
        expect(entered.ok && entered.value.familyId).toBe(familyId);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );
  },
);
