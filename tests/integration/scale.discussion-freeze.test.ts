import { describe, expect, it, onTestFinished } from 'vitest';
import { Redis } from 'ioredis';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  asFamilyId,
  asMeetingId,
  discussionDocName,
  discussionMinutesFragment,
  type MeResponse,
} from '@unitroom/shared';
import { RedisRelay, openPostgresPersistence } from '@unitroom/server';
import { type ChildServer } from '../helpers/childServer.js';
import { startCluster } from '../helpers/cluster.js';
import { step } from '../helpers/finalisation.js';
import { SCALE_OUT_SKIP_REASON } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
const CLUSTER_TEST_TIMEOUT_MS = 120_000;

/** The demo meeting's first family on the agenda, and its discussion document. */
async function firstDiscussion(server: ChildServer, cookie: string) {
  const response = await fetch(`${server.url}/api/me`, { headers: { cookie } });
  const meeting = ((await response.json()) as MeResponse).units[0]?.meetings[0];
  const familyId = meeting?.agenda[0]?.familyId;
  if (!meeting || !familyId) throw new Error('the demo unit has no meeting with an agenda');
  const docName = discussionDocName(asMeetingId(meeting.id), asFamilyId(familyId));
  return { meetingId: meeting.id, familyId, docName };
}

/** The stored document's full state and the stored version, straight from PostgreSQL. */
async function storedTruth(schema: string, docName: string, meetingId: string, familyId: string) {
  const persistence = await openPostgresPersistence({ connectionString: databaseUrl, schema });
  try {
    const doc = new Y.Doc();
    for (const entry of (await persistence.documents.load(docName)).entries) {
      Y.applyUpdate(doc, entry);
    }
    const version = await persistence.db
      .selectFrom('discussion_versions')
      .select(['discussion_state', 'content_hash', 'content'])
      .where('meeting_id', '=', meetingId)
      .where('family_id', '=', familyId)
      .executeTakeFirstOrThrow();
    return {
      document: Y.encodeStateAsUpdate(doc),
      minutes: doc.getXmlFragment('minutes').toString(),
      version: { ...version, discussion_state: new Uint8Array(version.discussion_state) },
    };
  } finally {
    await persistence.close();
  }
}

const minutesOf = (client: YClient) => discussionMinutesFragment(client.doc).toString();

function write(client: YClient, text: string): void {
  client.doc.transact(() => discussionMinutesFragment(client.doc).insert(0, [new Y.XmlText(text)]));
}

/** Writes `text` and resolves with how it ended: refused with a close code, or saved. */
function writeAndSee(client: YClient, text: string): Promise<number | 'saved'> {
  const closed = new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) resolve(event.code);
    }),
  );
  write(client, text);
  return Promise.race([closed, serverSaved(client).then(() => 'saved' as const)]);
}

/**
 * A Redis message published by a process after another reaches every subscriber after it: the
 * awareness a client on `from` sets now arrives at `to` (and its client) after anything `from`
 * published before, such as the news of a freeze.
 */
async function afterEverythingPublished(from: YClient, to: YClient, marker: string) {
  // A cursor: `user` is set by the server from the session ([E1]).
  from.provider.awareness.setLocalStateField('cursor', { mark: marker });
  await eventually(() => {
    const states = Array.from(to.provider.awareness.getStates().values());
    expect(states.some((state) => state.cursor?.mark === marker)).toBe(true);
  });
}

describe.skipIf(!databaseUrl || !redisUrl)(
  `scale-out: a finalised discussion is frozen in every process${!databaseUrl || !redisUrl ? ` (${SCALE_OUT_SKIP_REASON})` : ''}`,
  () => {
    it(
      '[R4] approved through one process, a client already on the discussion through another is refused and the stored document and version do not change',
      async () => {
        const cluster = await startCluster('freeze', 2);
        const [first, second] = cluster.servers as [ChildServer, ChildServer];
        const coordinator = await signIn(first.url, 'coordinator@demo.test');
        const consultant = await signIn(first.url, 'csw@demo.test');
        const socialWorker = await signIn(second.url, 'sw@demo.test');
        const { meetingId, familyId, docName } = await firstDiscussion(first, coordinator);

        // One client of the discussion on each process; both rooms are open before approval.
        const onFirst = connectYClient(first.url, docName, { cookie: coordinator });
        const onSecond = connectYClient(second.url, docName, { cookie: socialWorker });
        onTestFinished(() => [onFirst, onSecond].forEach((client) => client.destroy()));
        await Promise.all([onFirst.synced, onSecond.synced]);
        write(onSecond, 'Mum moved with the children to a flat in Eastfield.');
        await serverSaved(onSecond);
        await eventually(() => expect(minutesOf(onFirst)).toContain('Eastfield'));

        await step(first, coordinator, meetingId, familyId, 'ready');
        const approved = await step(first, consultant, meetingId, familyId, 'approve');
        expect(approved.state).toBe('approved');
        const before = await storedTruth(cluster.schema, docName, meetingId, familyId);
        expect(before.minutes).toContain('Eastfield');
        expect(approved.contentHash).toBe(before.version.content_hash);

        // The second process has heard all the first published by the time this arrives.
        await afterEverythingPublished(onFirst, onSecond, 'after approval');
        const outcome = await writeAndSee(onSecond, 'LATE EDIT AFTER APPROVAL');
        expect(outcome, 'the write through the other process').toBe(
          CLOSE_CODES.DISCUSSION_FINALISED,
        );

        // Saved on the first process's side: anything relayed from the second has arrived.
        await serverSaved(onFirst);
        expect(minutesOf(onFirst)).not.toContain('LATE EDIT');
        const after = await storedTruth(cluster.schema, docName, meetingId, familyId);
        expect(after.minutes).not.toContain('LATE EDIT');
        expect(after.document).toEqual(before.document);
        expect(after.version).toEqual(before.version);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );

    it(
      '[R4] an update relayed to a process after it froze the discussion is dropped there',
      async () => {
        const cluster = await startCluster('freeze', 1);
        const [first] = cluster.servers as [ChildServer];
        const coordinator = await signIn(first.url, 'coordinator@demo.test');
        const consultant = await signIn(first.url, 'csw@demo.test');
        const { meetingId, familyId, docName } = await firstDiscussion(first, coordinator);
        const onFirst = connectYClient(first.url, docName, { cookie: coordinator });
        onTestFinished(() => onFirst.destroy());
        await onFirst.synced;
        write(onFirst, 'Grandmother can help with the school run.');
        await serverSaved(onFirst);

        // Another process that stored a write before it heard of the freeze, relaying it late:
        // a real relay on the same Redis prefix, publishing as any process does.
        const publisher = new Redis(redisUrl);
        const subscriber = new Redis(redisUrl);
        const relay = new RedisRelay(publisher, subscriber, cluster.keyPrefix, () => undefined);
        onTestFinished(async () => {
          await relay.close();
          publisher.disconnect();
          subscriber.disconnect();
        });
        const subscription = await relay.subscribe(docName, {
          update: () => undefined,
          awareness: () => undefined,
          awarenessQuery: () => undefined,
          catchUp: () => undefined,
        });

        await step(first, coordinator, meetingId, familyId, 'ready');
        await step(first, consultant, meetingId, familyId, 'approve');

        const late = new Y.Doc();
        Y.applyUpdate(late, Y.encodeStateAsUpdate(onFirst.doc));
        let lateUpdate: Uint8Array | null = null;
        late.on('update', (update: Uint8Array) => {
          lateUpdate = update;
        });
        late.transact(() =>
          discussionMinutesFragment(late).insert(0, [new Y.XmlText('RELAYED LATE EDIT')]),
        );
        expect(lateUpdate).not.toBeNull();
        subscription.publishUpdate(lateUpdate!);
        // Published after the update on the same connection, so the room handles it after.
        const marker = new Y.Doc();
        const awareness = new Awareness(marker);
        awareness.setLocalStateField('user', { name: 'relayed marker' });
        subscription.publishAwareness(encodeAwarenessUpdate(awareness, [marker.clientID]));
        await eventually(() => {
          const states = Array.from(onFirst.provider.awareness.getStates().values());
          expect(states.some((state) => state.user?.name === 'relayed marker')).toBe(true);
        });
        awareness.destroy();
        expect(minutesOf(onFirst)).not.toContain('RELAYED LATE EDIT');
        const fresh = connectYClient(first.url, docName, { cookie: consultant });
        onTestFinished(() => fresh.destroy());
        await fresh.synced;
        expect(minutesOf(fresh)).not.toContain('RELAYED LATE EDIT');
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );
  },
);
